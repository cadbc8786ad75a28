// npx tsx scripts/with-db.ts [--throwaway] -- <command...>
// Runs <command> with DATABASE_URL pointing at a migrated database (see scripts/db/ensure.ts),
// then stops the embedded database if this process started it, and exits with the command's code.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase } from './db/ensure';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const separator = argv.indexOf('--');
const flags = separator < 0 ? argv : argv.slice(0, separator);
const [command, ...args] = separator < 0 ? [] : argv.slice(separator + 1);
const unknown = flags.filter((f) => f !== '--throwaway');
if (!command || unknown.length > 0) {
  process.stderr.write(`Usage: npx tsx scripts/with-db.ts [--throwaway] -- <command...>${unknown.length ? `\nUnknown option ${unknown.join(' ')}` : ''}\n`);
  process.exit(2);
}

const signalCode = (signal: NodeJS.Signals): number => 128 + (os.constants.signals[signal] ?? 1);
let child: ChildProcess | null = null;
let interrupted: NodeJS.Signals | null = null;
// Ctrl-C also reaches the child directly (same process group); forwarding covers `kill <pid>`.
// The database is stopped only once the child is gone, so it can shut down cleanly.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interrupted ??= signal;
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

const database = await ensureDatabase({ throwaway: flags.includes('--throwaway'), handleSignals: false }).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
if (interrupted) {
  await database.stop();
  process.exit(signalCode(interrupted));
}

child = spawn(command, args, {
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    // Lets `-- vitest run` work outside npm scripts, which add this directory themselves.
    PATH: [path.join(ROOT, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(path.delimiter),
  },
});
const code = await new Promise<number>((resolve) => {
  child?.on('error', (error) => {
    process.stderr.write(`Could not run ${command}: ${error.message}\n`);
    resolve(127);
  });
  child?.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? signalCode(signal) : 1)));
});
await database.stop();
process.exit(code);
