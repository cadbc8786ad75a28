import { createServer, type Server, type Socket } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as healthRoute from '@/app/api/health/route';
import { withApi } from '@/lib/api';
import { createApiToken } from '@/lib/data/tokens';
import { isDatabaseUnavailable } from '@/lib/db-errors';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { makeUser } from '../integration/helpers';

// Outages answered honestly: a database that refuses connections (stopped) or accepts and then
// says nothing (frozen) gives 503 with Retry-After, fast, never a 500 or a hang. The errors are
// the real ones pg and Prisma raise against a closed port and against a server that never answers.

const sockets = new Set<Socket>();
/** A "frozen database": accepts connections and never sends a byte. */
const frozen: Server = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
const frozenPort = (frozen.address() as { port: number }).port;
/** A "stopped database": a port nothing listens on. */
const closed = createServer();
await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
const closedPort = (closed.address() as { port: number }).port;
await new Promise<void>((resolve) => closed.close(() => resolve()));
afterAll(() => {
  for (const s of sockets) s.destroy();
  frozen.close();
});

const url = (port: number) => `postgresql://parallax:x@127.0.0.1:${port}/parallax`;
const failure = (run: () => Promise<unknown>) => run().then(() => null, (e: unknown) => e);

describe('outages', () => {
  it('recognises a stopped and a frozen database in what pg and Prisma raise', async () => {
    const stopped = await failure(() => new pg.Client({ connectionString: url(closedPort) }).connect());
    expect(isDatabaseUnavailable(stopped)).toBe(true);

    const started = Date.now();
    const pool = new pg.Pool({ connectionString: url(frozenPort), connectionTimeoutMillis: 500 });
    const hung = await failure(() => pool.query('SELECT 1'));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(isDatabaseUnavailable(hung)).toBe(true);
    await pool.end();

    const prisma = new PrismaClient({ adapter: new PrismaPg(new pg.Pool({ connectionString: url(closedPort) })) });
    const viaPrisma = await failure(() => prisma.user.count());
    expect(isDatabaseUnavailable(viaPrisma)).toBe(true);
    await prisma.$disconnect();

    // Problems with the request are not outages.
    expect(isDatabaseUnavailable(new Error('duplicate key value violates unique constraint'))).toBe(false);
    expect(isDatabaseUnavailable({ code: '23505', message: 'duplicate key' })).toBe(false);
  });

  it('answers a REST request 503 with Retry-After, within a second or two, when its database does not answer', async () => {
    const user = await makeUser('outage');
    const token = (await createApiToken(user.actor, { name: 'outage' })).token;
    const pool = new pg.Pool({ connectionString: url(frozenPort), connectionTimeoutMillis: 1_000 });
    const route = withApi(async () => Response.json((await pool.query('SELECT 1')).rows));
    const started = Date.now();
    const response = await route(new Request('http://localhost/api/x', { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/database is not answering/) });
    await pool.end();
  });

  it('says the database answers on /api/health when it does', async () => {
    const response = await healthRoute.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ database: 'ok' });
  });
});
