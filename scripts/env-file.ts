// Minimal .env handling for the start and test scripts: read KEY=VALUE lines, and create the file
// with a fresh AUTH_SECRET on first run (next-auth refuses to start without one).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..');

export function loadEnvFile(file = path.join(repoRoot, '.env')): void {
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (!match || match[1] === undefined) continue;
    const value = (match[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
    process.env[match[1]] ??= value;
  }
}

export function ensureAuthSecret(file = path.join(repoRoot, '.env')): void {
  loadEnvFile(file);
  if (process.env.AUTH_SECRET) return;
  const secret = randomBytes(32).toString('base64url');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  writeFileSync(file, `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}AUTH_SECRET=${secret}\n`, { mode: 0o600 });
  process.env.AUTH_SECRET = secret;
}

/**
 * The environment of the production server (`npm start`, and the benchmarks that measure it):
 * Node's young generation is enlarged to 64 MB per semi-space (about 100 MB more memory). Under
 * the live-collaboration load the server allocates about 270 MB/s; with the default size it ran a
 * young-generation collection every 45 ms (2–3 ms each), with 64 MB one every 200 ms (6–7 ms
 * each): less collection work in all. Its effect on latency was within the spread of runs
 * (BENCHMARKS.md, runs H). An explicit --max-semi-space-size in NODE_OPTIONS wins.
 */
export function serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const options = env.NODE_OPTIONS ?? '';
  if (options.includes('--max-semi-space-size')) return env;
  return { ...env, NODE_OPTIONS: `${options} --max-semi-space-size=64`.trim() };
}
