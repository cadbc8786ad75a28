import { getPool } from '@/lib/db';
import { retryAfterSeconds } from '@/lib/db-errors';

// Whether the app can reach its database: for load balancers, and for the error page, which tells
// the user when an outage (not their request) is why a page did not load. Says nothing else.
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const answered = await Promise.race([
    getPool()
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), 2_000).unref()),
  ]);
  return answered
    ? Response.json({ database: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
    : Response.json({ database: 'unavailable' }, { status: 503, headers: { 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'no-store' } });
}
