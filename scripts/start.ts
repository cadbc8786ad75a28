// `npm start`: database (DATABASE_URL, or the embedded PostgreSQL in .data/), migrations, demo
// seed, build when needed, then the Next server. Ctrl-C stops the server and the database.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { disconnectDb } from '@/lib/db';
import { seedDemo, demoPassword, demoUsers, demoProject } from '@/prisma/seed';
import { buildIfNeeded } from './build-if-needed';
import { ensureDatabase } from './db/ensure';
import { ensureAuthSecret, repoRoot, serverEnv } from './env-file';

const dev = process.argv.includes('--dev');
process.env.NEXT_TELEMETRY_DISABLED = '1';
ensureAuthSecret();

const database = await ensureDatabase({ throwaway: false });
process.env.DATABASE_URL = database.url;
try {
  const report = await seedDemo();
  if (report.projectCreated) console.log(`Seeded the demo project ${demoProject.slug}.`);
} finally {
  await disconnectDb();
}
if (!dev) buildIfNeeded();

const port = process.env.PORT ?? '3000';
// Production runs through scripts/serve.mjs, which tells the app each request's socket address
// (for the per-address sign-in limits); `next dev` cannot, and those limits then share one bucket.
const [command, args] = dev ? [path.join(repoRoot, 'node_modules', '.bin', 'next'), ['dev', '-p', port]] : [process.execPath, [path.join(repoRoot, 'scripts', 'serve.mjs'), '-p', port]];
const server = spawn(command, args, {
  cwd: repoRoot,
  stdio: 'inherit',
  env: dev ? process.env : serverEnv(process.env),
});

console.log(`
  Parallax: http://localhost:${port}
  Demo accounts, password "${demoPassword}":
${demoUsers.map((u) => `    ${u.email.padEnd(26)} ${u.role.toLowerCase()}`).join('\n')}
  Ctrl-C stops the server and the database.
`);

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (server.exitCode === null) server.kill('SIGTERM');
    await database.stop();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
server.on('exit', (code) => void stop(code ?? 0));
