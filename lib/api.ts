import 'server-only';
import { userActor, type Actor } from '@/lib/data/actor';
import { authenticateApiToken } from '@/lib/data/tokens';
import type { PublicUser } from '@/lib/data/users';
import { isDatabaseUnavailable, retryAfterSeconds } from '@/lib/db-errors';
import { formatBytes } from '@/lib/format';
import { AppError, ConflictError, isAppError, type ErrorCode } from '@/lib/errors';

// The one shape of every REST route handler: who is asking, the handler (parse, call lib/data,
// respond), and one mapping from errors to JSON responses, so every route fails the same way:
//   { "error": { "code": "NOT_FOUND", "message": "…" } }   (409 on a stale edit adds "current")

export type ApiContext<P> = {
  request: Request;
  url: URL;
  params: P;
  user: PublicUser;
  actor: Actor;
  /** The request body parsed as JSON; BAD_REQUEST when it is not JSON, PAYLOAD_TOO_LARGE past 1 MB (or `maxBytes`). */
  readJson: (maxBytes?: number) => Promise<unknown>;
};

type RouteSegment<P> = { params: Promise<P> };

export type ApiErrorBody = { error: { code: ErrorCode | 'INTERNAL'; message: string; current?: unknown } };

// An annotation or a token request is a few KB; 1 MB leaves room and stops a runaway client.
const maxBodyBytes = 1024 * 1024;

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

/** A file to download, named for the user's disk. */
export function fileResponse(file: { bytes: Uint8Array; contentType: string; filename: string }): Response {
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`,
      'Content-Length': String(file.bytes.length),
      'Cache-Control': 'no-store',
    },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

function errorResponse(code: ApiErrorBody['error']['code'], message: string, status: number, current?: unknown): Response {
  const body: ApiErrorBody = { error: current === undefined ? { code, message } : { code, message, current } };
  return json(body, status);
}

/**
 * The user behind the request. A Bearer token is checked first and, when present, is the only
 * credential considered: a script should never silently act through a browser session. Only
 * without one is the session cookie read (imported lazily, since it needs Next's request context,
 * which route handlers called directly in tests do not have). Cookie-authenticated writes are safe
 * from cross-site forgery because Auth.js's session cookie is SameSite=Lax and JSON bodies need a
 * CORS preflight that this app never grants.
 */
async function authenticate(request: Request): Promise<PublicUser | AppError> {
  const header = request.headers.get('authorization');
  if (header === null) {
    const forged = crossSiteProblem(request);
    if (forged) return forged;
  }
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const user = match?.[1] ? await authenticateApiToken(match[1]) : null;
    return user ?? new AppError('UNAUTHENTICATED', 'The API token is invalid or revoked; create a new one under Settings → API tokens.');
  }
  const { getCurrentUser } = await import('@/lib/session');
  const user = await getCurrentUser();
  return user ?? new AppError('UNAUTHENTICATED', 'Sign in or send an API token (Authorization: Bearer plx_…).');
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write authenticated by the session cookie must come from this app's own pages. SameSite=Lax
 * does not stop a page on another port of the same host (same site, other origin), and a
 * `text/plain` body needs no CORS preflight, so the browser's own statement of where the request
 * comes from is checked: `Origin` (sent by browsers on every POST, PUT, PATCH and DELETE) must be
 * this host, or, without it, `Sec-Fetch-Site` must say same-origin. A cookie write that states
 * neither is refused too: scripts authenticate with an API token, which no other site can send.
 */
function crossSiteProblem(request: Request): AppError | null {
  if (safeMethods.has(request.method)) return null;
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
  let sameOrigin = false;
  if (origin !== null) {
    try {
      sameOrigin = origin !== 'null' && new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
    if (fetchSite !== null && fetchSite !== 'same-origin') sameOrigin = false;
  } else {
    sameOrigin = fetchSite === 'same-origin';
  }
  if (sameOrigin) return null;
  return new AppError(
    'FORBIDDEN',
    origin === null && fetchSite === null
      ? 'A write with the session cookie must come from this app’s own pages, which say so (Origin); scripts use an API token.'
      : 'Cross-site request refused: a write with the session cookie must come from this app’s own pages (scripts use an API token).',
  );
}

/**
 * The request body as bytes, read as it arrives and refused past `maxBytes`: a declared length is
 * checked first, and a chunked body that declares none is cut off at the limit, never read whole.
 */
export async function readBodyBytes(request: Request, maxBytes: number, what = 'The request body'): Promise<Uint8Array> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `${what} is over ${formatBytes(maxBytes)}.`);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}


async function readBody(request: Request, maxBytes = maxBodyBytes, viaCookie = false): Promise<unknown> {
  // A form or a text/plain body is what another site can make a browser send without asking: a
  // cookie-authenticated JSON route takes only a JSON body.
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (viaCookie && type !== 'application/json' && !type.endsWith('+json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `The request body must be JSON, sent as Content-Type: application/json (got ${type ? `"${type}"` : 'none'}).`);
  }
  const bytes = await readBodyBytes(request, maxBytes);
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === '') throw new AppError('BAD_REQUEST', 'The request needs a JSON body.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    throw new AppError('BAD_REQUEST', `The request body is not valid JSON${detail}.`);
  }
}

/** Wraps a route handler with authentication, body parsing and the error mapping. */
export function withApi<P>(handler: (ctx: ApiContext<P>) => Promise<Response>): (request: Request, segment: RouteSegment<P>) => Promise<Response> {
  return async (request, segment) => {
    const url = new URL(request.url);
    try {
      const user = await authenticate(request);
      if (user instanceof AppError) return errorResponse(user.code, user.message, user.status);
      const params = await segment.params;
      return await handler({ request, url, params, user, actor: userActor(user.id), readJson: (maxBytes?: number) => readBody(request, maxBytes, request.headers.get('authorization') === null) });
    } catch (error) {
      if (error instanceof ConflictError) return errorResponse(error.code, error.message, error.status, error.current);
      if (isAppError(error)) return errorResponse(error.code, error.message, error.status);
      if (isDatabaseUnavailable(error)) {
        console.warn(`[parallax] ${request.method} ${url.pathname}: the database is not answering (${error instanceof Error ? error.message : String(error)})`);
        const response = errorResponse('UNAVAILABLE', `The database is not answering right now; try again in ${retryAfterSeconds} seconds. A write that was under way may not have been saved (a retried create with the same id is safe).`, 503);
        response.headers.set('Retry-After', String(retryAfterSeconds));
        return response;
      }
      console.error(`[parallax] ${request.method} ${url.pathname} failed`, error);
      return errorResponse('INTERNAL', 'Something went wrong on the server; it has been logged.', 500);
    }
  };
}
