// The pieces `npm run bench` benchmarks share: the row format the runner prints, a cleanup stack,
// a production Next server on a free loopback port, and Debian's Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot, serverEnv } from '../env-file';

/** One line of the results table. `target` is a bound the value should stay under (or over). */
export type Row = {
  name: string;
  value: number | null;
  unit: string;
  target?: { op: '<' | '>'; value: number };
  /** Shown after the table: what the figure includes, or why it is missing. */
  note?: string;
};

export type BenchResult = { rows: Row[]; details: Record<string, unknown> };

export type MachineInfo = {
  date: string;
  os: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  chromium: string | null;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews timings. */
  loadAverage: number[];
  /** The same when the run ended. */
  loadAverageEnd?: number[];
};

export type BenchContext = {
  /** Registers a clean-up step; steps run last-in first-out when the benchmark ends or fails. */
  defer(step: () => unknown): void;
  log(message: string): void;
  machine: MachineInfo;
  resultsDir: string;
};

export type Bench = {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchResult>;
};

export { chromiumArgs, chromiumPath } from '../chromium';
import { chromiumArgs, chromiumPath } from '../chromium';

export async function launchChromium(ctx: BenchContext): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true, timeout: 30_000 });
  ctx.defer(() => browser.close());
  ctx.machine.chromium = browser.version();
  return browser;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The production server (scripts/serve.mjs) on a free loopback port with the given environment, answered on /login before
 * this returns. The server runs in its own process group (id `pid`), which the clean-up step ends.
 */
export async function startNextServer(
  ctx: BenchContext,
  env: NodeJS.ProcessEnv,
  options: { nodeArgs?: string[] } = {},
): Promise<{ baseUrl: string; output: () => string; pid: number }> {
  const port = await freePort();
  // The production server as `npm start` runs it: scripts/serve.mjs (Next's handler behind Node's
  // HTTP server, which tells the app each request's address); node flags such as --cpu-prof go
  // straight to node.
  const [command, commandArgs] = [process.execPath, [...(options.nodeArgs ?? []), path.join(repoRoot, 'scripts', 'serve.mjs'), '-p', String(port), '-H', '127.0.0.1']];
  const child = spawn(command, commandArgs, {
    cwd: repoRoot,
    // Started as `npm start` starts it (scripts/env-file.ts).
    env: serverEnv({ ...env, NEXT_TELEMETRY_DISABLED: '1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  // PARALLAX_BENCH_SERVER_LOG=<file>: the server's whole output there too (e.g. with NODE_OPTIONS=--trace-gc).
  const logFile = process.env.PARALLAX_BENCH_SERVER_LOG;
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
    if (logFile) appendFileSync(logFile, d);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  ctx.defer(async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const stopped = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!stopped) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/login`, { signal: AbortSignal.timeout(5000) });
      if (response.ok) {
        await response.arrayBuffer();
        return { baseUrl, output: () => output, pid: child.pid! };
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`next start did not answer ${baseUrl}/login within 60 s:\n${output}`);
}

/**
 * A throwaway PostgreSQL for one benchmark (whatever DATABASE_URL says: benchmarks write many rows),
 * set as DATABASE_URL for this process, stopped with the benchmark; with `build`, the app is built
 * first if its sources changed.
 */
export async function benchDatabase(ctx: BenchContext, options: { build?: boolean } = {}): Promise<{ url: string }> {
  const { ensureDatabase } = await import('../db/ensure');
  const { ensureAuthSecret } = await import('../env-file');
  const { disconnectDb } = await import('@/lib/db');
  ensureAuthSecret();
  if (process.env.DATABASE_URL) ctx.log('DATABASE_URL is set; this benchmark uses its own throwaway database anyway');
  delete process.env.DATABASE_URL;
  const database = await ensureDatabase({ throwaway: true, quiet: true });
  ctx.defer(() => database.stop());
  process.env.DATABASE_URL = database.url;
  ctx.defer(() => disconnectDb());
  if (options.build) {
    const { buildIfNeeded } = await import('../build-if-needed');
    ctx.log('build (if sources changed)…');
    buildIfNeeded();
  }
  return { url: database.url };
}

/** Signs in through Auth.js's credentials endpoint, as the login form does, and returns the session cookie. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, redirectTo: '/projects' }),
  });
  const cookies = [...(csrf.headers.getSetCookie?.() ?? []), ...(res.headers.getSetCookie?.() ?? [])].map((c) => c.split(';')[0]!);
  const session = cookies.filter((c) => c.includes('session-token'));
  if (session.length === 0) throw new Error(`sign-in failed (${res.status})`);
  return [...cookies.filter((c) => c.startsWith('authjs.csrf-token')), ...session].join('; ');
}
