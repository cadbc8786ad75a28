// Whether an error means the database could not be reached or did not answer in time (an outage,
// a restart, a frozen server), as opposed to a problem with the request. Those are answered with
// 503 and Retry-After, not 500: nothing is wrong with what the client sent, and trying again later
// is the right thing to do. The errors come from pg (socket errors, its timeouts) and from Prisma,
// which wraps them, so the whole `cause` chain is looked at.

const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// PostgreSQL's own: the server is shutting down or starting, or too many connections; and
// 57014, a statement cancelled by statement_timeout.
const sqlStates = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006', '57014']);
// Prisma's: cannot reach the server, timed out, connection closed, pool timeout.
const prismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const messages = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Query read timeout/i,
  /Connection ended unexpectedly/i,
  /canceling statement due to statement timeout/i,
  /Can't reach database server/i,
  /Client has encountered a connection error/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current; depth++) {
    if (typeof current !== 'object') return false;
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown; originalCode?: unknown };
    const code = typeof e.code === 'string' ? e.code : typeof e.originalCode === 'string' ? e.originalCode : '';
    if (socketCodes.has(code) || sqlStates.has(code) || prismaCodes.has(code)) return true;
    // A stopped server removes its Unix-domain socket (the embedded database's URL names one):
    // connecting then fails with ENOENT, not ECONNREFUSED. Found by stopping a real cluster
    // (tests/security/outage.test.ts); only a connect's ENOENT counts, not a missing file. Prisma
    // passes the code on without the syscall, in a message that names it.
    if (code === 'ENOENT' && ((current as { syscall?: unknown }).syscall === 'connect' || (typeof e.message === 'string' && /\bconnect ENOENT\b/.test(e.message)))) return true;
    if (e.name === 'PrismaClientInitializationError') return true;
    if (typeof e.message === 'string' && messages.some((m) => m.test(e.message as string))) return true;
    // AggregateError (a connect to several addresses failing) carries its errors in `errors`.
    const inner = (current as { errors?: unknown[] }).errors;
    if (Array.isArray(inner) && inner.some((x) => isDatabaseUnavailable(x))) return true;
    current = e.cause;
  }
  return false;
}

/** Seconds a client should wait before trying again. */
export const retryAfterSeconds = 5;
