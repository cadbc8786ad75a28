import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as healthRoute from '@/app/api/health/route';
import { withApi } from '@/lib/api';
import { createApiToken, listApiTokens } from '@/lib/data/tokens';
import { disconnectDb } from '@/lib/db';
import { startEmbeddedPostgres } from '@/scripts/db/embedded';
import { applyMigrations } from '@/scripts/db/migrate';
import { isDatabaseUnavailable } from '@/lib/db-errors';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { makeUser } from '../integration/helpers';

// Outages answered honestly: a database that refuses connections (stopped) or accepts and then
// says nothing (frozen) gives 503 with Retry-After, fast, never a 500 or a hang. The errors are
// the real ones pg and Prisma raise against a closed port and against a server that never answers,
// and those of a real PostgreSQL cluster that is frozen with SIGSTOP and then stopped.

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

/** A process's parent, from /proc (null once it has ended). */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

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
    // A missing file is not an outage; a missing socket to connect to is (a stopped cluster removes it).
    expect(isDatabaseUnavailable({ code: 'ENOENT', syscall: 'open', message: "ENOENT: no such file or directory, open '/x'" })).toBe(false);
    expect(isDatabaseUnavailable({ code: 'ENOENT', syscall: 'connect', message: 'connect ENOENT /tmp/.s.PGSQL.5432' })).toBe(true);
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

  it('with a real PostgreSQL: frozen (SIGSTOP) and then stopped, REST and /api/health answer 503 fast; thawed, they answer again', async () => {
    // A second, throwaway cluster, so that this suite's own database keeps running for the others.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'parallax-outage-pg-'));
    const cluster = await startEmbeddedPostgres({ persistent: false, dataDir, handleSignals: false });
    const saved = { url: process.env.DATABASE_URL, statement: process.env.PARALLAX_DB_STATEMENT_TIMEOUT_MS };
    const restore = async () => {
      await disconnectDb();
      process.env.DATABASE_URL = saved.url;
      if (saved.statement === undefined) delete process.env.PARALLAX_DB_STATEMENT_TIMEOUT_MS;
      else process.env.PARALLAX_DB_STATEMENT_TIMEOUT_MS = saved.statement;
    };
    // The postmaster and its children (each backend runs in a session of its own, so they are found
    // by parent, not by process group) are stopped and continued together.
    const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const signalCluster = (signal: NodeJS.Signals) => {
      const children = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && parentOf(Number(entry)) === postmaster).map(Number);
      for (const pid of [postmaster, ...children]) process.kill(pid, signal);
    };
    let frozenCluster = false;
    try {
      await applyMigrations(cluster.url);
      await disconnectDb();
      process.env.DATABASE_URL = cluster.url;
      // Short, so the test is quick; the mechanism is the one a request's 15 s default goes through.
      process.env.PARALLAX_DB_STATEMENT_TIMEOUT_MS = '1500';
      const user = await makeUser('real-outage');
      const token = (await createApiToken(user.actor, { name: 'outage' })).token;
      const route = withApi(async ({ actor }) => Response.json({ tokens: (await listApiTokens(actor)).length }));
      const call = async () => {
        const started = Date.now();
        const response = await route(new Request('http://localhost/api/tokens', { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
        return { response, ms: Date.now() - started };
      };
      const up = await call();
      expect(up.response.status).toBe(200);
      expect((await healthRoute.GET()).status).toBe(200);

      signalCluster('SIGSTOP');
      frozenCluster = true;
      // The pool's open connections now wait for an answer that does not come: the statement
      // timeout (PostgreSQL cannot enforce it while frozen, so pg's own, a second later) ends the wait.
      const frozenAnswer = await call();
      expect(frozenAnswer.response.status).toBe(503);
      expect(frozenAnswer.response.headers.get('retry-after')).toBe('5');
      expect(frozenAnswer.ms).toBeLessThan(4_000);
      const health = await healthRoute.GET();
      expect(health.status).toBe(503);

      signalCluster('SIGCONT');
      frozenCluster = false;
      let thawed = await call();
      for (let i = 0; i < 20 && thawed.response.status !== 200; i++) thawed = await call();
      expect(thawed.response.status).toBe(200);

      await cluster.stop();
      // Stopped: the pool's connections were closed by the server, and new ones are refused at once.
      for (let i = 0; i < 3; i++) {
        const stopped = await call();
        expect(stopped.response.status, `request ${i + 1} after the stop`).toBe(503);
        expect(stopped.ms).toBeLessThan(1_000);
      }
      expect((await healthRoute.GET()).status).toBe(503);
    } finally {
      if (frozenCluster) signalCluster('SIGCONT');
      await restore();
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('says the database answers on /api/health when it does', async () => {
    const response = await healthRoute.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ database: 'ok' });
  });
});
