// `npm run bench`: measured figures against the targets in the issues, in one run. Each benchmark
// is a module in scripts/bench/ returning rows; this runner prints one table (name, value, unit,
// target, PASS/MISS) and writes bench-results/bench-<date>.json with the machine it ran on.
// Exits non-zero only when a benchmark could not run; a missed target is reported, not failed.
//
//   npm run bench                  every benchmark
//   npm run bench -- --only annotate
//   npm run bench -- --only collab --collab-seconds 10   (options: scripts/bench/collab-load.ts)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agreementBench } from './bench/agreement';
import { annotateBench } from './bench/annotate';
import { collabBench } from './bench/collab-load';
import { compareBench } from './bench/compare';
import { exportBench } from './bench/export';
import { importBench } from './bench/import';
import type { Bench, BenchContext, MachineInfo, Row } from './bench/harness';
import { repoRoot } from './env-file';

const benches: Bench[] = [annotateBench, collabBench, agreementBench, compareBench, exportBench, importBench];
/** A whole benchmark may take this long; past it, it is stopped and reported as an error. */
const benchTimeoutMs = 10 * 60_000;

process.env.NEXT_TELEMETRY_DISABLED = '1';
const resultsDir = path.join(repoRoot, 'bench-results');

function machineInfo(): MachineInfo {
  let osName = `${os.type()} ${os.release()}`;
  try {
    const release = execFileSync('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"'], { encoding: 'utf8' }).trim();
    if (release) osName = `${release} (${os.type()} ${os.release()})`;
  } catch {
    // not a Linux with /etc/os-release
  }
  return {
    date: new Date().toISOString(),
    os: osName,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: null,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

type Verdict = 'PASS' | 'MISS' | '';
const verdict = (row: Row): Verdict =>
  !row.target || row.value === null ? '' : (row.target.op === '<' ? row.value < row.target.value : row.value > row.target.value) ? 'PASS' : 'MISS';

const formatValue = (v: number | null) => (v === null ? 'n/a' : v.toLocaleString('en', { maximumFractionDigits: 2 }));

function printTable(results: { bench: Bench; rows: Row[] }[]): void {
  const lines = results.flatMap(({ bench, rows }) =>
    rows.map((r) => [`${bench.name}: ${r.name}`, formatValue(r.value), r.unit, r.target ? `${r.target.op} ${formatValue(r.target.value)}` : '', verdict(r)]),
  );
  const header = ['benchmark', 'value', 'unit', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(`\n${fmt(header)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const l of lines) console.log(fmt(l));
  const notes = results.flatMap(({ bench, rows }) => rows.filter((r) => r.note).map((r) => `  ${bench.name}: ${r.name}: ${r.note}`));
  if (notes.length > 0) console.log(`\nNotes:\n${notes.join('\n')}`);
  const misses = results.flatMap(({ bench, rows }) => rows.filter((r) => verdict(r) === 'MISS').map((r) => ({ bench, r })));
  for (const { bench, r } of misses) {
    const by = r.value! - r.target!.value;
    console.log(`MISS  ${bench.name}: ${r.name}: ${formatValue(r.value)} ${r.unit}, target ${r.target!.op} ${formatValue(r.target!.value)} (off by ${formatValue(Math.abs(Math.round(by * 10) / 10))} ${r.unit})`);
  }
}

async function main(): Promise<number> {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
  const selected = benches.filter((b) => only === undefined || b.name === only);
  if (selected.length === 0) {
    console.error(`No benchmark named "${only}". Benchmarks: ${benches.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const machine = machineInfo();
  const results: { bench: Bench; rows: Row[]; details: Record<string, unknown>; error?: string; seconds: number }[] = [];
  let cleanups: (() => unknown)[] = [];
  const runCleanups = async () => {
    const steps = cleanups.reverse();
    cleanups = [];
    for (const step of steps) {
      try {
        await Promise.race([Promise.resolve().then(step), new Promise((r) => setTimeout(r, 15_000))]);
      } catch (error) {
        console.error(`clean-up step failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  // Ctrl-C: stop the server, the browser and the database before leaving.
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up…`);
    void runCleanups().finally(() => process.exit(130));
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);

  for (const bench of selected) {
    console.log(`\n▶ ${bench.name}: ${bench.title}`);
    const started = Date.now();
    const ctx: BenchContext = {
      defer: (step) => void cleanups.push(step),
      log: (message) => console.log(`  ${message}`),
      machine,
      resultsDir,
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`did not finish within ${benchTimeoutMs / 60_000} minutes`)), benchTimeoutMs);
      });
      const { rows, details } = await Promise.race([bench.run(ctx), timeout]);
      results.push({ bench, rows, details, seconds: (Date.now() - started) / 1000 });
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`✗ ${bench.name} failed: ${message}`);
      results.push({ bench, rows: [], details: {}, error: message, seconds: (Date.now() - started) / 1000 });
    } finally {
      clearTimeout(timer);
      await runCleanups();
    }
  }

  machine.loadAverageEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  printTable(results);
  console.log(`\nMachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium ?? 'n/a'}`);
  console.log(`Load average (1/5/15 min) at start ${machine.loadAverage.join(' / ')}, at end ${machine.loadAverageEnd.join(' / ')}${machine.loadAverage[0]! > machine.cores / 2 ? ': other work was running, timings are inflated' : ''}`);
  mkdirSync(resultsDir, { recursive: true });
  const stamp = machine.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const file = path.join(resultsDir, `bench-${stamp}.json`);
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: machine.date,
        machine,
        command: `npm run bench${only ? ` -- --only ${only}` : ''}`,
        benchmarks: results.map(({ bench, rows, details, error, seconds }) => ({
          name: bench.name,
          title: bench.title,
          seconds,
          error: error ?? null,
          rows: rows.map((r) => ({ ...r, result: verdict(r) || null })),
          details,
        })),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Results: ${path.relative(repoRoot, file)}`);
  const failed = results.filter((r) => r.error);
  if (failed.length > 0) console.error(`${failed.length} benchmark(s) could not run: ${failed.map((r) => r.bench.name).join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

process.exit(await main());
