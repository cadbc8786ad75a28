// The write path's physical limit for issue 16's ratio: PostgreSQL's own insert rate, measured by
// pgbench (Debian's postgresql-client) on the same server, with a custom script that inserts
// single rows as wide as the benchmark's annotations into a copy of the Annotation table with the
// same columns, defaults, checks and indexes (CREATE TABLE … (LIKE … INCLUDING ALL): no foreign
// keys and no triggers, which the app's own writes pay for).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getDb } from '@/lib/db';

const run = promisify(execFile);

export type PgbenchResult = { tps: number; transactions: number; widths: { quote: number; prefix: number; suffix: number; note: number } } | { error: string };

/** pgbench's path, or null when it is not installed (apt-get install postgresql-client). */
async function pgbenchPath(): Promise<string | null> {
  try {
    const { stdout } = await run('sh', ['-c', 'command -v pgbench']);
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

export async function pgbenchInserts(input: { databaseUrl: string; projectId: string; clients: number; seconds: number }): Promise<PgbenchResult> {
  const binary = await pgbenchPath();
  if (!binary) return { error: 'pgbench is not installed (sudo apt-get install postgresql-client)' };
  const db = getDb();
  // The width of the rows the load wrote.
  const [w] = await db.$queryRaw<{ quote: number; prefix: number; suffix: number; note: number }[]>`
    SELECT round(avg(length("quote")))::int AS quote, round(avg(length("prefix")))::int AS prefix,
           round(avg(length("suffix")))::int AS suffix, round(avg(length("note")))::int AS note
    FROM "Annotation" WHERE "projectId" = ${input.projectId}::uuid`;
  const widths = { quote: w?.quote ?? 40, prefix: w?.prefix ?? 32, suffix: w?.suffix ?? 32, note: w?.note ?? 0 };
  const [sample] = await db.$queryRaw<{ documentId: string; annotatorId: string; categoryId: string }[]>`
    SELECT "documentId", "annotatorId", "categoryId" FROM "Annotation" WHERE "projectId" = ${input.projectId}::uuid LIMIT 1`;
  if (!sample) return { error: 'the load stored no annotation to take the row shape from' };
  await db.$executeRawUnsafe('DROP TABLE IF EXISTS bench_pgbench_annotation');
  await db.$executeRawUnsafe('CREATE TABLE bench_pgbench_annotation (LIKE "Annotation" INCLUDING ALL)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parallax-pgbench-'));
  try {
    const text = (n: number, c: string) => `'${c.repeat(n)}'`;
    const script = path.join(dir, 'insert.sql');
    writeFileSync(
      script,
      `INSERT INTO bench_pgbench_annotation ("id", "projectId", "documentId", "annotatorId", "layer", "categoryId", "start", "end", "quote", "prefix", "suffix", "note", "createdAt", "updatedAt")
VALUES (gen_random_uuid(), '${input.projectId}', '${sample.documentId}', '${sample.annotatorId}', 'ANNOTATOR', '${sample.categoryId}', 10, ${10 + widths.quote}, ${text(widths.quote, 'q')}, ${text(widths.prefix, 'p')}, ${text(widths.suffix, 's')}, ${text(widths.note, 'n')}, now(), now());\n`,
    );
    const { stdout } = await run(binary, ['-n', '-c', String(input.clients), '-j', String(Math.min(input.clients, os.cpus().length)), '-T', String(input.seconds), '-f', script, input.databaseUrl], {
      maxBuffer: 4 * 1024 * 1024,
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
    const transactions = /number of transactions actually processed: (\d+)/.exec(stdout)?.[1];
    if (!tps) return { error: `could not read pgbench's rate: ${stdout.slice(-300)}` };
    return { tps: Number(tps), transactions: Number(transactions ?? 0), widths };
  } catch (error) {
    return { error: String((error as { stderr?: string }).stderr || error).slice(0, 300) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.$executeRawUnsafe('DROP TABLE IF EXISTS bench_pgbench_annotation').catch(() => undefined);
  }
}
