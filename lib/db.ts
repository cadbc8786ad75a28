import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';

// The one Prisma client of the process. Next's dev server re-evaluates modules on every edit, so
// the client is cached on globalThis to keep a single connection pool.
const globalForDb = globalThis as unknown as { parallaxDb?: PrismaClient };

/**
 * Names each statement by a hash of its SQL, so that pg prepares it once per connection and later
 * sends only its parameters: PostgreSQL skips parsing and planning the same text again and the
 * SQL (several hundred bytes for the annotation queries) is not sent on every call. The set of
 * texts is bounded by the app's query shapes, and pg-pool closes idle connections, which drops them.
 * Behind PgBouncer in transaction mode, named statements need its max_prepared_statements (1.21+).
 */
function statementName(query: { sql: string }): string {
  return `plx_${createHash('sha1').update(query.sql).digest('base64url')}`;
}

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      'DATABASE_URL is not set. Start Parallax with `npm start` (which starts the embedded PostgreSQL) or set DATABASE_URL.',
    );
  }
  const adapter = new PrismaPg(
    { connectionString, max: Number(process.env.PARALLAX_DB_POOL ?? 10) },
    { statementNameGenerator: statementName },
  );
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  globalForDb.parallaxDb ??= createClient();
  return globalForDb.parallaxDb;
}

/** Closes the pool: for scripts and tests that must exit cleanly. */
export async function disconnectDb(): Promise<void> {
  if (globalForDb.parallaxDb) {
    await globalForDb.parallaxDb.$disconnect();
    globalForDb.parallaxDb = undefined;
  }
}
