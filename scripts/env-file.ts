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
