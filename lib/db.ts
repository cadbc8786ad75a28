import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { Debug as clientDebug } from '@prisma/client/runtime/client';
import { Debug as adapterDebug } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaClient } from '@/lib/generated/prisma/client';

// The one connection pool of the process, shared by the Prisma client and by the few hot-path
// statements that go to pg directly (lib/data/sql.ts). Next's dev server re-evaluates modules on
// every edit, so both are cached on globalThis to keep a single pool.
const globalForDb = globalThis as unknown as { parallaxDb?: PrismaClient; parallaxPool?: pg.Pool };

const statementNames = new Map<string, string>();

/**
 * Names each statement by a hash of its SQL, so that pg prepares it once per connection and later
 * sends only its parameters: PostgreSQL skips parsing and planning the same text again and the
 * SQL (several hundred bytes for the annotation queries) is not sent on every call. The set of
 * texts is bounded by the app's query shapes, and pg-pool closes idle connections, which drops them.
 * Behind PgBouncer in transaction mode, named statements need its max_prepared_statements (1.21+).
 */
export function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `plx_${createHash('sha1').update(sql).digest('base64url')}`;
    // Bounded in practice (a few hundred query shapes); the cap only guards against a bug.
    if (statementNames.size < 10_000) statementNames.set(sql, name);
  }
  return name;
}

/**
 * pg-pool's query() hands every error to release(), which closes the connection. So every expected
 * error (a unique violation when a retried create races the original, a foreign-key check) cost a
 * new connection: a backend process, password authentication, and preparing each statement again.
 * Under the live-collaboration load benchmark that was about 270 connections in a one-minute run,
 * and about 15 % more CPU for PostgreSQL (BENCHMARKS.md, runs I). An error PostgreSQL reports about
 * a statement (DatabaseError, with a SQLSTATE) leaves the connection ready for the next one, so
 * only a FATAL or PANIC error (which ends the session) or an error of the connection itself closes
 * it. Both the Prisma adapter and lib/data/sql.ts query through this.
 */
function keepConnectionsOnStatementErrors(pool: pg.Pool): void {
  const poolQuery = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const query = async (config: unknown, values: unknown) => {
    const client = await pool.connect();
    try {
      const result = await client.query(config as pg.QueryConfig, values as unknown[] | undefined);
      client.release();
      return result;
    } catch (error) {
      // FATAL and PANIC end the session, so that connection is not given back.
      const statementOnly = error instanceof pg.DatabaseError && error.severity !== 'FATAL' && error.severity !== 'PANIC';
      client.release(statementOnly ? undefined : (error as Error));
      throw error;
    }
  };
  // Callbacks and streamed (submittable) queries keep pg-pool's own handling; nothing here uses them.
  pool.query = ((...args: unknown[]) => {
    const submittable = typeof (args[0] as { submit?: unknown } | null)?.submit === 'function';
    return submittable || typeof args.at(-1) === 'function' ? poolQuery(...args) : query(args[0], args[1]);
  }) as typeof pool.query;
}

/**
 * How long a request may wait on the database before it is answered 503 (lib/db-errors.ts) rather
 * than hang: a stopped server refuses at once, but a frozen one (a stalled disk, a paused VM)
 * answers nothing, and without these a request waits as long as the freeze lasts. Connecting
 * gives up after 3 s; a statement after PARALLAX_DB_STATEMENT_TIMEOUT_MS (15 s by default, enough
 * for any request's queries; the import workers and the CLI, which write whole projects in one
 * transaction, set more), enforced by PostgreSQL and, in case the server cannot even do that, by
 * pg a second later; and a transaction left idle is ended after 60 s, so it cannot hold locks.
 */
function databaseTimeouts(): Pick<pg.PoolConfig, 'connectionTimeoutMillis' | 'statement_timeout' | 'query_timeout' | 'idle_in_transaction_session_timeout'> {
  const statement = Number(process.env.PARALLAX_DB_STATEMENT_TIMEOUT_MS ?? 15_000);
  return {
    connectionTimeoutMillis: Number(process.env.PARALLAX_DB_CONNECT_TIMEOUT_MS ?? 3_000),
    statement_timeout: statement,
    query_timeout: statement + 1_000,
    idle_in_transaction_session_timeout: 60_000,
  };
}

export function getPool(): pg.Pool {
  if (!globalForDb.parallaxPool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) {
      throw new Error(
        'DATABASE_URL is not set. Start Parallax with `npm start` (which starts the embedded PostgreSQL) or set DATABASE_URL.',
      );
    }
    const pool = new pg.Pool({ connectionString, max: Number(process.env.PARALLAX_DB_POOL ?? 10), ...databaseTimeouts() });
    // An idle connection can die (the database restarts, an administrator ends it). pg reports that
    // on the pool; unheard, the 'error' event would end the process. The pool drops the connection
    // and opens a new one on demand, so logging it is all there is to do.
    pool.on('error', (error) => console.warn(`[parallax] an idle database connection was closed: ${error.message}`));
    keepConnectionsOnStatementErrors(pool);
    globalForDb.parallaxPool = pool;
  }
  return globalForDb.parallaxPool;
}

export function getDb(): PrismaClient {
  globalForDb.parallaxDb ??= new PrismaClient({
    adapter: new PrismaPg(getPool(), { statementNameGenerator: (query) => statementName(query.sql) }),
  });
  return globalForDb.parallaxDb;
}

// Prisma's debug module keeps the arguments of its last 100 debug calls, whether or not debugging
// is on (to attach them to an error report). Among them are the queries the client and the pg
// adapter log, with their parameters: after an import's bulk INSERTs (lib/data/import-store.ts)
// that was the column arrays of the last few dozen statements, 50 MB of texts and passages, kept
// alive for as long as the process lived (found in a heap snapshot: strings held by the module's
// history array). The history is a ring, and its module offers no way to empty it from outside
// (the client bundles its own copy; the adapter's comes through driver-adapter-utils), so it is
// pushed through with 100 empty entries of a namespace that is never enabled.
const forgetters = [clientDebug('parallax:forget'), adapterDebug('parallax:forget')];
const debugHistory = 100;

/** Lets go of the parameters Prisma's debug history holds: call after a statement with large ones. */
export function forgetStatementArguments(): void {
  for (const forget of forgetters) for (let i = 0; i < debugHistory; i++) forget('');
}

/** Closes the pool: for scripts and tests that must exit cleanly. */
export async function disconnectDb(): Promise<void> {
  const { parallaxDb: db, parallaxPool: pool } = globalForDb;
  globalForDb.parallaxDb = undefined;
  globalForDb.parallaxPool = undefined;
  if (db) await db.$disconnect();
  if (pool) await pool.end();
}
