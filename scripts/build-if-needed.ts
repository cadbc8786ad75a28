// `npm start` builds the app only when the sources changed since the last build, so a fresh clone
// builds once and later starts take a second.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './env-file';

const sourceDirs = ['app', 'components', 'lib', 'prisma', 'public', 'types'];
const sourceFiles = ['package-lock.json', 'next.config.js', 'postcss.config.mjs', 'tsconfig.json', 'proxy.ts'];
const stampFile = path.join(repoRoot, '.next', 'parallax-source-stamp');

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'generated' || entry.name === 'migrations' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
}

function sourceStamp(): string {
  const files: string[] = [];
  for (const d of sourceDirs) walk(path.join(repoRoot, d), files);
  for (const f of sourceFiles) if (existsSync(path.join(repoRoot, f))) files.push(path.join(repoRoot, f));
  const hash = createHash('sha256');
  for (const f of files.sort()) {
    const s = statSync(f);
    hash.update(`${path.relative(repoRoot, f)}:${s.size}:${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

export function buildIfNeeded(force = false): void {
  const stamp = sourceStamp();
  const built = existsSync(path.join(repoRoot, '.next', 'BUILD_ID')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (built && !force) return;
  console.log('Building Parallax (first start, or sources changed)…');
  const result = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('next build failed; see the output above.');
  writeFileSync(stampFile, stamp);
}
