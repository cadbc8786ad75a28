// `npm test`: unit tests, integration tests against a throwaway PostgreSQL, then Playwright
// end-to-end tests in Debian's Chromium against a production build on that same database.
// Ends with one line "N passed, N failed" over all suites (CI reads it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { disconnectDb } from '@/lib/db';
import { seedDemo } from '@/prisma/seed';
import { buildIfNeeded } from './build-if-needed';
import { ensureDatabase } from './db/ensure';
import { ensureAuthSecret, repoRoot } from './env-file';

type Suite = 'unit' | 'integration' | 'security' | 'e2e';
type Tally = { suite: Suite; passed: number; failed: number; skipped: number; ran: boolean };

const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] as Suite | undefined) : undefined;
const wanted = (s: Suite) => only === undefined || only === s;
const resultsDir = path.join(repoRoot, 'test-results');
const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);
process.env.NEXT_TELEMETRY_DISABLED = '1';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env });
  return result.status ?? 1;
}

function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

function runVitest(suite: 'unit' | 'integration' | 'security', env: NodeJS.ProcessEnv): Tally {
  const out = path.join(resultsDir, `${suite}.json`);
  rmSync(out, { force: true });
  const code = run(bin('vitest'), ['run', '--project', suite, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  const report = readJson(out) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | null;
  if (!report) return { suite, passed: 0, failed: 1, skipped: 0, ran: false };
  // A crash outside any test (a failing import, a setup error) still counts as a failure.
  const failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0);
  return { suite, passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests, ran: true };
}

function ensureChromium(): boolean {
  const chromium = process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(chromium)) return true;
  if (process.getuid?.() === 0) {
    console.log('Chromium is missing: installing it from Debian packages (apt-get install chromium)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { ...process.env, DEBIAN_FRONTEND: 'noninteractive' });
    if (existsSync(chromium)) return true;
  }
  console.error(`End-to-end tests need Chromium at ${chromium}: install it with \`sudo apt-get install chromium\` (Debian) or set PARALLAX_CHROMIUM.`);
  return false;
}

async function main(): Promise<number> {
  mkdirSync(resultsDir, { recursive: true });
  ensureAuthSecret();
  const tallies: Tally[] = [];
  if (wanted('unit')) tallies.push(runVitest('unit', process.env));

  if (wanted('integration') || wanted('security') || wanted('e2e')) {
    const database = await ensureDatabase({ throwaway: true });
    const env = { ...process.env, DATABASE_URL: database.url };
    try {
      if (wanted('integration')) tallies.push(runVitest('integration', env));
      if (wanted('security')) tallies.push(runVitest('security', env));
      if (wanted('e2e')) {
        if (!ensureChromium()) {
          tallies.push({ suite: 'e2e', passed: 0, failed: 1, skipped: 0, ran: false });
        } else {
          process.env.DATABASE_URL = database.url;
          await seedDemo();
          await disconnectDb();
          buildIfNeeded();
          const out = path.join(resultsDir, 'e2e.json');
          rmSync(out, { force: true });
          const code = run(bin('playwright'), ['test'], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: out });
          const report = readJson(out) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
          tallies.push(
            report
              ? {
                  suite: 'e2e',
                  passed: report.stats.expected + report.stats.flaky,
                  failed: report.stats.unexpected + (code !== 0 && report.stats.unexpected === 0 ? 1 : 0),
                  skipped: report.stats.skipped,
                  ran: true,
                }
              : { suite: 'e2e', passed: 0, failed: 1, skipped: 0, ran: false },
          );
        }
      }
    } finally {
      await database.stop();
    }
  }

  console.log('\nSuites:');
  for (const t of tallies) {
    console.log(`  ${t.suite.padEnd(12)} ${t.ran ? `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped` : 'did not run (counted as 1 failure)'}`);
  }
  const passed = tallies.reduce((n, t) => n + t.passed, 0);
  const failed = tallies.reduce((n, t) => n + t.failed, 0);
  const skipped = tallies.reduce((n, t) => n + t.skipped, 0);
  // The last line is exactly "N passed, N failed" (CI reads it); skips are said on the line before.
  if (skipped > 0) console.log(`${skipped} skipped (checks that need ../shared beside the repository, or xmllint; see the notes above)`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

process.exit(await main());
