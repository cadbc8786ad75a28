import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';

// A second app instance on its own port, on the same database and build as the one Playwright
// starts: for the specs that need two instances (live updates across them) or one they may stop
// and start again (a restart mid-session).

export type AppServer = {
  url: string;
  start: () => Promise<void>;
  /** SIGTERM: the instance finishes what it is doing (SIGKILL after 5 s). */
  stop: () => Promise<void>;
  /** SIGKILL at once: a crash, with whatever was in flight lost on the server's side. */
  kill: () => Promise<void>;
};

async function waitUntilUp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/login`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app at ${url} did not start within ${timeoutMs / 1000} s`);
}

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const children = new Set<ChildProcess>();
// A worker that fails a test is replaced; its servers must not outlive it and hold their ports.
process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));

/**
 * An instance on `port` (kept across stop and start, so the browser can reconnect to it), with
 * `env` added to its environment (another DATABASE_URL, say).
 */
export async function appServer(port?: number, env: Record<string, string> = {}): Promise<AppServer> {
  const chosen = port ?? (await freePort());
  const url = `http://127.0.0.1:${chosen}`;
  let child: ChildProcess | null = null;
  return {
    url,
    async start() {
      mkdirSync('test-results', { recursive: true });
      const log = openSync(`test-results/app-${chosen}.log`, 'a');
      const c = spawn(process.execPath, ['scripts/serve.mjs', '-p', String(chosen), '-H', '127.0.0.1'], {
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
        // The instance's output goes to a file per port, to read when a test fails.
        stdio: ['ignore', log, log],
      });
      children.add(c);
      c.once('exit', (code, signal) => {
        children.delete(c);
        // An instance that ends when the test did not stop it is a finding: say how it ended.
        if (child === c) console.error(`[app ${chosen}] exited unexpectedly (code ${code}, signal ${signal})`);
      });
      child = c;
      await waitUntilUp(url);
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.kill('SIGKILL');
      await exited;
    },
  };
}
