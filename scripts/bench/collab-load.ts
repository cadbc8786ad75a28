// Benchmark for issue 4, live collaboration: 50 simulated annotators create, edit and delete
// annotations over the REST API for 60 s against one production `next start` on loopback. Reports
// throughput, latency percentiles and errors, then checks the database against every answer the
// server gave: each acknowledged annotation stored exactly as last acknowledged, nothing else stored.
//
//   npm run bench -- --only collab
//   npm run bench -- --only collab --collab-seconds 10 --collab-annotators 50 --collab-rate 600
//
// Options (or the environment variables in brackets):
//   --collab-seconds N     measured seconds (PARALLAX_COLLAB_SECONDS, default 60)
//   --collab-warmup N      seconds of the same load before measuring (PARALLAX_COLLAB_WARMUP, default 15:
//                          a fresh server's p99 stays high for about the first 15 s of load while
//                          its heap grows and its code is optimised; see BENCHMARKS.md)
//   --collab-annotators N  simulated annotators, one API token each (PARALLAX_COLLAB_ANNOTATORS, default 50)
//   --collab-rate N        offered writes/s over all annotators; 0 = each sends its next write as soon
//                          as the last is answered (PARALLAX_COLLAB_RATE, default 600)
//   --collab-cpu-prof      the server writes a V8 CPU profile to bench-results/ when it stops
// The server's pool size comes from PARALLAX_DB_POOL as in production (lib/db.ts); NODE_OPTIONS
// is passed on to it.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { systemActor, userActor } from '@/lib/data/actor';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { importDocuments, type DocumentBlock } from '@/lib/data/documents';
import { createProject, setMemberRole } from '@/lib/data/projects';
import { authenticateApiToken, createApiTokenForEmail } from '@/lib/data/tokens';
import { createUser } from '@/lib/data/users';
import { disconnectDb, getDb } from '@/lib/db';
import { seedArticles } from '@/prisma/seed-data/articles';
import { seedCategories } from '@/prisma/seed-data/codebook';
import { buildIfNeeded } from '../build-if-needed';
import { ensureDatabase } from '../db/ensure';
import { ensureAuthSecret } from '../env-file';
import { password, sentencesOf } from './annotate-fixture';
import { pgbenchInserts } from './pgbench';
import { opKinds, type AckState, type ClientConfig, type ClientMessage, type ClientResult, type ClientSpan } from './collab-protocol';
import { startNextServer, type Bench, type BenchContext, type Row } from './harness';
import { percentile, rng, round, summary } from './stats';

function option(name: string, env: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} (${env}) must be a number ≥ 0, not "${raw}"`);
  return value;
}

const targets = { writesPerSecond: 500, p99Ms: 100 } as const;

/** Mix and faults: see ClientConfig. An annotator mostly tags, sometimes recodes or adds a note, rarely deletes. */
const mix = { edit: 0.35, delete: 0.05 };
const faults = { retry: 0.03, race: 0.01 };

// ─── Fixture ───────────────────────────────────────────────────────────────────────────────────

type CollabFixture = {
  projectId: string;
  documents: { id: string; spans: ClientSpan[] }[];
  categoryIds: string[];
  annotators: { token: string; userId: string; documentIndex: number }[];
};

/** Candidate spans of a document: whole sentences, clauses and runs of 2–6 words, with their exact quotes. */
function spansOf(text: string, blocks: DocumentBlock[], seed: number): ClientSpan[] {
  const random = rng(seed);
  const spans: ClientSpan[] = [];
  for (const s of sentencesOf(text, blocks)) {
    spans.push({ start: s.start, end: s.end, quote: text.slice(s.start, s.end) });
    for (const c of s.clauses) spans.push({ start: c.start, end: c.end, quote: text.slice(c.start, c.end) });
    const from = Math.floor(random() * Math.max(1, s.words.length - 2));
    const to = Math.min(s.words.length - 1, from + 1 + Math.floor(random() * 5));
    const start = s.words[from]!.start;
    const end = s.words[to]!.end;
    spans.push({ start, end, quote: text.slice(start, end) });
  }
  return spans;
}

async function createCollabFixture(annotatorCount: number, log: (m: string) => void): Promise<CollabFixture> {
  const tag = randomUUID().slice(0, 8);
  const db = getDb();
  let last = Date.now();
  const step = (what: string) => {
    log(`  ${what}: ${Date.now() - last} ms`);
    last = Date.now();
  };
  const owner = await createUser({ name: 'Bench Owner', email: `collab-owner-${tag}@parallax.example`, password });
  const projectSlug = `bench-collab-${tag}`;
  const project = await createProject(systemActor, { slug: projectSlug, name: 'Bench: live collaboration', ownerEmail: owner.email });
  await db.category.createMany({
    data: seedCategories.map((c, position) => ({ projectId: project.id, name: c.name, description: c.description, example: c.example, color: c.color, shortcut: c.shortcut, position })),
  });
  const categoryIds = (await db.category.findMany({ where: { projectId: project.id }, orderBy: { position: 'asc' }, select: { id: true } })).map((c) => c.id);
  // The five seed articles as five documents, as a real project would hold them.
  const imported = await importDocuments(systemActor, projectSlug, {
    documents: seedArticles.map(({ text: _text, metadataNotes: _notes, ...article }) => article),
  });
  const docs = await db.document.findMany({ where: { id: { in: imported.map((d) => d.id) } }, orderBy: { position: 'asc' }, select: { id: true, text: true, content: true } });
  const documents = docs.map((d, i) => ({ id: d.id, spans: spansOf(d.text, d.content as DocumentBlock[], 100 + i) }));
  step(`project, codebook (${categoryIds.length} categories), ${documents.length} documents (${documents.map((d) => d.spans.length).join('/')} candidate spans)`);

  // Accounts are made through lib/data as sign-up makes them (argon2 hashing included), a few at a
  // time so set-up does not take a minute on two cores.
  const annotators: CollabFixture['annotators'] = [];
  for (let from = 0; from < annotatorCount; from += 5) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(5, annotatorCount - from) }, async (_, k) => {
        const i = from + k;
        const user = await createUser({ name: `Annotator ${i + 1}`, email: `collab-${i + 1}-${tag}@parallax.example`, password });
        await setMemberRole(systemActor, { projectSlug, email: user.email, role: 'annotator' });
        const { token } = await createApiTokenForEmail(systemActor, user.email, 'collab bench');
        // Ten annotators per document: each works on one, as a team splits a corpus.
        return { token, userId: user.id, documentIndex: i % documents.length };
      }),
    );
    annotators.push(...batch);
  }
  step(`${annotators.length} annotators with API tokens`);
  return { projectId: project.id, documents, categoryIds, annotators };
}

// ─── CPU accounting from /proc ─────────────────────────────────────────────────────────────────

const ticksPerSecond = 100; // USER_HZ on Linux

/** `exitedChildTicks`: CPU of the process's children that have ended (and been waited for). */
type ProcStat = { pid: number; ppid: number; pgrp: number; ticks: number; exitedChildTicks: number };

function readProcStats(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const raw = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: fields are counted after it.
      const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      out.push({
        pid: Number(entry), ppid: Number(fields[1]), pgrp: Number(fields[2]),
        ticks: Number(fields[11]) + Number(fields[12]), exitedChildTicks: Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // the process ended while we read
    }
  }
  return out;
}

/** Busy and total jiffies of the whole machine, from /proc/stat's first line. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((s, v) => s + v, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** CPU ticks used by the given sets of processes between two snapshots (processes new since the first count from zero). */
function ticksBetween(before: ProcStat[], after: ProcStat[], pick: (p: ProcStat) => boolean, count: 'ticks' | 'exitedChildTicks' = 'ticks'): number {
  const earlier = new Map(before.map((p) => [p.pid, p[count]]));
  return after.filter(pick).reduce((sum, p) => sum + p[count] - (earlier.get(p.pid) ?? 0), 0);
}

// ─── The load generator ────────────────────────────────────────────────────────────────────────

function runClient(ctx: BenchContext, config: ClientConfig): Promise<ClientResult> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'collab-client.ts');
  const child = fork(file, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  ctx.defer(() => void (child.exitCode === null && child.kill()));
  return new Promise((resolve, reject) => {
    let settled = false;
    child.on('message', (message: ClientMessage) => {
      if (message.kind === 'progress') ctx.log(`  ${message.text}`);
      else if (message.kind === 'result') {
        settled = true;
        resolve(message.result);
      } else {
        settled = true;
        reject(new Error(`load generator failed: ${message.message}`));
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => void (settled || reject(new Error(`load generator exited with code ${code} before reporting`))));
    child.send(config);
  });
}

// ─── Checking the database against the acknowledgements ───────────────────────────────────────

type Verification = {
  acknowledged: number;
  stored: number;
  lost: string[];
  unacknowledged: string[];
  mismatched: { id: string; acknowledged: AckState; stored: AckState }[];
};

async function verify(projectId: string, acks: Record<string, AckState>): Promise<Verification> {
  const rows = await getDb().annotation.findMany({
    where: { projectId },
    select: { id: true, annotatorId: true, documentId: true, start: true, end: true, quote: true, categoryId: true, note: true, version: true, deletedAt: true },
  });
  const stored = new Map(rows.map((r) => [r.id, { annotatorId: r.annotatorId, documentId: r.documentId, start: r.start, end: r.end, quote: r.quote, categoryId: r.categoryId, note: r.note, version: r.version, deleted: r.deletedAt !== null } satisfies AckState]));
  const lost: string[] = [];
  const mismatched: Verification['mismatched'] = [];
  for (const [id, ack] of Object.entries(acks)) {
    const row = stored.get(id);
    if (!row) lost.push(id);
    else if ((Object.keys(ack) as (keyof AckState)[]).some((k) => ack[k] !== row[k])) mismatched.push({ id, acknowledged: ack, stored: row });
  }
  // The ids are primary keys, so a retried request could only duplicate an annotation by storing
  // it under another id: any row the client was never told about.
  const unacknowledged = rows.filter((r) => !(r.id in acks)).map((r) => r.id);
  return { acknowledged: Object.keys(acks).length, stored: rows.length, lost, unacknowledged, mismatched };
}

// ─── The data layer alone, in this process ────────────────────────────────────────────────────

/**
 * Sequential calls of the functions the three routes call, without HTTP and Next around them:
 * wall time and this process's CPU time per call. Server CPU per request less these is what Next,
 * HTTP and JSON cost. Runs after the check, on rows of its own.
 */
async function measureDataLayer(f: CollabFixture, count: number) {
  const me = f.annotators[0]!;
  const actor = userActor(me.userId);
  const doc = f.documents[me.documentIndex]!;
  const random = rng(99);
  const timed = async (fn: () => Promise<unknown>) => {
    const samples: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
    const cpu = process.cpuUsage(cpu0);
    return { samples, cpuMsPerCall: (cpu.user + cpu.system) / 1000 / count };
  };
  const ids: string[] = [];
  const token = await timed(() => authenticateApiToken(me.token));
  const create = await timed(async () => {
    const span = doc.spans[Math.floor(random() * doc.spans.length)]!;
    const id = randomUUID();
    ids.push(id);
    await createAnnotation(actor, doc.id, { id, start: span.start, end: span.end, quote: span.quote, categoryId: f.categoryIds[ids.length % f.categoryIds.length]! });
  });
  let next = 0;
  const editNote = await timed(() => updateAnnotation(actor, ids[next++]!, { version: 1, note: 'in process' }));
  next = 0;
  const editCategory = await timed(() => updateAnnotation(actor, ids[next++]!, { version: 2, categoryId: f.categoryIds[(next + 3) % f.categoryIds.length]! }));
  next = 0;
  const remove = await timed(() => deleteAnnotation(actor, ids[next++]!));
  return { token, create, editNote, editCategory, remove };
}

// ─── The benchmark ─────────────────────────────────────────────────────────────────────────────

async function run(ctx: BenchContext) {
  const seconds = option('collab-seconds', 'PARALLAX_COLLAB_SECONDS', 60);
  const warmupSeconds = option('collab-warmup', 'PARALLAX_COLLAB_WARMUP', 15);
  const annotatorCount = Math.round(option('collab-annotators', 'PARALLAX_COLLAB_ANNOTATORS', 50));
  const rate = option('collab-rate', 'PARALLAX_COLLAB_RATE', 600);
  if (seconds <= 0 || annotatorCount < 1) throw new Error('--collab-seconds and --collab-annotators must be at least 1');

  // Always a throwaway cluster: this benchmark writes tens of thousands of rows.
  if (process.env.DATABASE_URL) ctx.log('DATABASE_URL is set; collab uses its own throwaway database anyway');
  delete process.env.DATABASE_URL;
  ensureAuthSecret();
  const database = await ensureDatabase({ throwaway: true, quiet: true });
  ctx.defer(() => database.stop());
  process.env.DATABASE_URL = database.url;
  ctx.defer(() => disconnectDb());
  ctx.log('build (if sources changed)…');
  buildIfNeeded();

  ctx.log(`fixture: ${annotatorCount} annotators on the five seed articles…`);
  const f = await createCollabFixture(annotatorCount, ctx.log);

  const pool = process.env.PARALLAX_DB_POOL ?? '10 (default)';
  // --collab-cpu-prof: the server writes a V8 CPU profile (for DevTools) when it is stopped.
  const profileDir = path.join(ctx.resultsDir, `collab-cpuprofile-${Date.now()}`);
  const cpuProfile = process.argv.includes('--collab-cpu-prof');
  // PARALLAX_BENCH_NODE_ARGS: node flags for the server that NODE_OPTIONS refuses (e.g. --trace-gc).
  const nodeArgs = [...(cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...(process.env.PARALLAX_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  if (cpuProfile) ctx.log(`server CPU profile: ${path.relative(process.cwd(), profileDir)}`);
  const server = await startNextServer(
    ctx,
    { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: process.env.AUTH_SECRET },
    nodeArgs.length > 0 ? { nodeArgs } : {},
  );
  // The postmaster is the parent of every backend; one query names a backend.
  const [{ pid: backendPid } = { pid: 0 }] = await getDb().$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const postmaster = readProcStats().find((p) => p.pid === backendPid)?.ppid ?? -1;

  ctx.log(`load: ${annotatorCount} annotators, ${warmupSeconds} s warm-up + ${seconds} s measured, offered ${rate > 0 ? `${rate} writes/s` : 'closed loop (no think time)'}, server pool ${pool}…`);
  // Every connection PostgreSQL accepted: the pool's are opened once, so a count that grows with the
  // run means connections are being closed and opened again (each one a backend process and a login).
  const sessionsNow = async () =>
    Number((await getDb().$queryRaw<{ sessions: bigint }[]>`SELECT sessions FROM pg_stat_database WHERE datname = current_database()`)[0]?.sessions ?? 0);
  const sessionsBefore = await sessionsNow();
  const procBefore = readProcStats();
  const machineBefore = machineTicks();
  const loadBefore = os.loadavg();
  const started = Date.now();
  const result = await runClient(ctx, {
    baseUrl: server.baseUrl, seconds, warmupSeconds, rate, seed: 4, annotators: f.annotators, documents: f.documents, categoryIds: f.categoryIds, mix, faults,
  });
  const wallSeconds = (Date.now() - started) / 1000;
  const procAfter = readProcStats();
  const machineAfter = machineTicks();
  // Statistics reach pg_stat_database within a second or so of a session starting.
  await new Promise((r) => setTimeout(r, 1500));
  const sessionsOpened = (await sessionsNow()) - sessionsBefore;
  const loadAfter = os.loadavg();
  const cpuPercent = (ticks: number) => round((ticks / ticksPerSecond / wallSeconds) * 100);
  const cpu = {
    server: cpuPercent(ticksBetween(procBefore, procAfter, (p) => p.pgrp === server.pid)),
    // A backend whose connection closed during the run took its CPU time with it; the postmaster
    // counts it among its ended children. (Without that, connection churn looked almost free.)
    postgres: cpuPercent(
      ticksBetween(procBefore, procAfter, (p) => p.pid === postmaster || p.ppid === postmaster) +
        ticksBetween(procBefore, procAfter, (p) => p.pid === postmaster, 'exitedChildTicks'),
    ),
    client: round(((result.cpu.userMs + result.cpu.systemMs) / 1000 / wallSeconds) * 100),
    machineBusy: round(((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * 100 * os.cpus().length),
  };
  ctx.log(`  CPU over the run (100 % = one core): server ${cpu.server} %, PostgreSQL ${cpu.postgres} %, load generator ${cpu.client} %, whole machine ${cpu.machineBusy} % of ${os.cpus().length * 100} %`);

  ctx.log('checking the database against the acknowledged writes…');
  const check = await verify(f.projectId, result.acks);

  ctx.log('data layer in process…');
  const inProcess = await measureDataLayer(f, 100);

  // The limit (issue 16): PostgreSQL's own rate for single-row inserts of the same width, with as
  // many clients, for as long, on the same server (the app server is idle by now).
  ctx.log(`pgbench: ${annotatorCount} clients inserting rows of the same width for ${seconds} s…`);
  const limit = await pgbenchInserts({ databaseUrl: database.url, projectId: f.projectId, clients: annotatorCount, seconds });
  ctx.log('error' in limit ? `  pgbench: ${limit.error}` : `  pgbench: ${round(limit.tps)} inserts/s (${limit.transactions} in ${seconds} s; quote ${limit.widths.quote}, prefix ${limit.widths.prefix}, suffix ${limit.widths.suffix} characters)`);

  // ─── Figures ───
  const s = result.samples;
  const measured = s.op.map((_, i) => i).filter((i) => s.measured[i]);
  const kind = (i: number) => opKinds[s.op[i]!]!;
  // Answers the protocol calls for: a retried create is answered 200, a retried edit 409, a double submit 201 + 200.
  const expected = (i: number) => {
    const status = s.status[i]!;
    switch (kind(i)) {
      case 'create': return status === 201;
      case 'create-retry': return status === 200;
      case 'create-race': return status === 201 || status === 200;
      case 'edit': return status === 200;
      case 'edit-retry': return status === 409;
      case 'delete': return status === 204;
      // A resend is how the client finds out what happened; any answer but another failure will do.
      case 'resend': return status > 0 && status < 500;
    }
  };
  const ok = measured.filter(expected);
  const errors = measured.filter((i) => !expected(i));
  const errorsByStatus: Record<string, number> = {};
  for (const i of errors) errorsByStatus[`${kind(i)} ${s.status[i] || 'no answer'}`] = (errorsByStatus[`${kind(i)} ${s.status[i] || 'no answer'}`] ?? 0) + 1;
  const latencies = measured.map((i) => s.latencyMs[i]!);
  const latenciesOf = (k: string) => measured.filter((i) => kind(i) === k).map((i) => s.latencyMs[i]!);
  const writesPerSecond = ok.length / seconds;
  const count = (k: string) => s.op.filter((op) => opKinds[op] === k).length;
  const anomalies = Object.values(result.anomalies).reduce((a, b) => a + b, 0);
  if (anomalies > 0) ctx.log(`  protocol anomalies: ${JSON.stringify(result.anomalies)}; e.g. ${result.anomalyExamples.slice(0, 3).join(' | ')}`);
  if (check.mismatched.length > 0) ctx.log(`  first mismatch: ${JSON.stringify(check.mismatched[0])}`);
  if (errors.length > 0) ctx.log(`  errors: ${JSON.stringify(errorsByStatus)}; first failures: ${result.failures.join(' | ')}; server output (tail): ${server.output().slice(-800)}`);

  const ms = (name: string, samples: number[], p: number, target?: number): Row => ({
    name, value: round(percentile(samples, p)), unit: 'ms', ...(target === undefined ? {} : { target: { op: '<' as const, value: target } }),
  });
  const zero = (name: string, value: number, unit: string, note?: string): Row => ({ name, value, unit, target: { op: '<', value: 1 }, ...(note ? { note } : {}) });
  const label = `${annotatorCount} annotators, ${seconds} s`;
  const rows: Row[] = [
    {
      name: `throughput: acknowledged writes/s (${label})`, value: round(writesPerSecond), unit: 'writes/s', target: { op: '>', value: targets.writesPerSecond },
      note: `offered ${rate > 0 ? `${rate} writes/s` : 'closed loop'}; POST, PATCH and DELETE answered as the API promises, sent in the measured window`,
    },
    { name: 'throughput: all requests/s', value: round(measured.length / seconds), unit: 'req/s' },
    ...('error' in limit
      ? [{ name: 'limit: pgbench single-row inserts/s', value: null, unit: 'inserts/s', note: limit.error } satisfies Row]
      : ([
          { name: `limit: pgbench single-row inserts/s (${annotatorCount} clients, ${seconds} s)`, value: round(limit.tps), unit: 'inserts/s', note: `a copy of the Annotation table with its indexes (no foreign keys, no triggers); rows of the load's average width` },
          {
            name: 'ratio acknowledged writes / pgbench inserts', value: round(writesPerSecond / limit.tps), unit: '×', target: { op: '>', value: 0.35 },
            note: `${round(writesPerSecond)} writes/s through HTTP, auth, validation, access checks and the activity log, against ${round(limit.tps)} bare inserts/s`,
          },
        ] satisfies Row[])),
    ms(`latency: all writes p50 (n=${latencies.length})`, latencies, 50),
    ms('latency: all writes p95', latencies, 95),
    ms('latency: all writes p99', latencies, 99, targets.p99Ms),
    ms('latency: all writes max', latencies, 100),
    ms(`latency: create p50 (n=${latenciesOf('create').length})`, latenciesOf('create'), 50),
    ms('latency: create p99', latenciesOf('create'), 99),
    ms(`latency: edit p50 (n=${latenciesOf('edit').length})`, latenciesOf('edit'), 50),
    ms('latency: edit p99', latenciesOf('edit'), 99),
    ms(`latency: delete p50 (n=${latenciesOf('delete').length})`, latenciesOf('delete'), 50),
    zero('errors (unexpected status or no answer)', errors.length, 'requests', errors.length > 0 ? JSON.stringify(errorsByStatus) : undefined),
    zero('protocol anomalies (retry or double submit answered wrongly)', anomalies, 'requests', anomalies > 0 ? JSON.stringify(result.anomalies) : undefined),
    { name: 'creates acknowledged (whole run, warm-up included)', value: check.acknowledged, unit: 'annotations' },
    { name: 'annotations stored', value: check.stored, unit: 'rows' },
    zero('lost (acknowledged, not stored)', check.lost.length, 'annotations'),
    zero('duplicated (stored, never acknowledged)', check.unacknowledged.length, 'rows'),
    zero('mismatch (stored ≠ last acknowledged: content, version or deletion)', check.mismatched.length, 'annotations'),
    { name: 'faults: creates sent again after a "lost" response', value: count('create-retry'), unit: 'requests' },
    { name: 'faults: double-submitted creates (pairs)', value: count('create-race') / 2, unit: 'pairs' },
    { name: 'faults: edits sent again after a "lost" response', value: count('edit-retry'), unit: 'requests' },
    // CPU time per answered request depends far less on what else the machine runs than throughput does.
    { name: 'CPU: next start per request', value: round((cpu.server / 100) * wallSeconds * 1000 / Math.max(1, s.op.length)), unit: 'ms', note: 'whole run (priming and warm-up included) over every request sent' },
    { name: 'CPU: PostgreSQL per request', value: round((cpu.postgres / 100) * wallSeconds * 1000 / Math.max(1, s.op.length)), unit: 'ms' },
    ...(
      [['authenticateApiToken()', inProcess.token], ['createAnnotation()', inProcess.create], ['updateAnnotation() note', inProcess.editNote], ['updateAnnotation() category', inProcess.editCategory], ['deleteAnnotation()', inProcess.remove]] as const
    ).flatMap(([fn, m]): Row[] => [
      { name: `data layer in process: ${fn} p50 (n=${m.samples.length}, sequential)`, value: round(percentile(m.samples, 50)), unit: 'ms' },
      { name: `data layer in process: ${fn} CPU per call`, value: round(m.cpuMsPerCall), unit: 'ms', note: 'this process only (Prisma, pg driver); PostgreSQL not included' },
    ]),
    { name: 'CPU: next start (100 % = one core)', value: cpu.server, unit: '%' },
    { name: 'CPU: PostgreSQL', value: cpu.postgres, unit: '%', note: 'its backends, including those whose connection closed during the run' },
    { name: 'database connections opened during the run', value: sessionsOpened, unit: 'connections', note: 'PostgreSQL sessions started from priming to the end (pool, live updates, this benchmark)' },
    { name: 'CPU: load generator', value: cpu.client, unit: '%' },
    { name: `CPU: whole machine (of ${os.cpus().length * 100} %)`, value: cpu.machineBusy, unit: '%', note: 'includes anything else running on the machine' },
  ];
  if (rate > 0) rows.push({ name: 'schedule: mean lateness of paced writes', value: round(result.meanScheduleLagMs), unit: 'ms', note: 'how far behind the offered rate annotators fell (0 when the server keeps up)' });

  return {
    rows,
    details: {
      config: { seconds, warmupSeconds, annotators: annotatorCount, rate, mix, faults, pool, documents: f.documents.length, nodeOptions: process.env.NODE_OPTIONS ?? null, cpuProfile },
      targets,
      loadAverage: { before: loadBefore, after: loadAfter },
      cpu,
      wallSeconds,
      latency: {
        all: summary(latencies),
        ...Object.fromEntries(opKinds.map((k) => [k, summary(latenciesOf(k))])),
      },
      errorsByStatus,
      anomalies: result.anomalies,
      anomalyExamples: result.anomalyExamples,
      resent: result.resent,
      failures: result.failures,
      dataLayer: Object.fromEntries(Object.entries(inProcess).map(([k, m]) => [k, { ...summary(m.samples), cpuMsPerCall: m.cpuMsPerCall }])),
      verification: { acknowledged: check.acknowledged, stored: check.stored, lost: check.lost.slice(0, 20), unacknowledged: check.unacknowledged.slice(0, 20), mismatched: check.mismatched.slice(0, 20) },
      // Per second of the measured window (by send time): requests, and the p99 and max latency of
      // those sent in that second, to tell a tail spread over the run from a few stalls.
      perSecond: perSecond(result),
      ...(cpuProfile ? { samples: { ...result.samples, monotonicOffsetMs: result.monotonicOffsetMs } } : {}),
      durability: 'throwaway PostgreSQL runs with fsync=off, synchronous_commit=off',
    },
  };
}

function perSecond(result: ClientResult): { requests: number[]; p99Ms: number[]; maxMs: number[] } {
  const buckets: number[][] = [];
  const origin = result.window.start;
  for (const [i, sentAt] of result.samples.sentAt.entries()) {
    if (!result.samples.measured[i]) continue;
    (buckets[Math.floor((sentAt - origin) / 1000)] ??= []).push(result.samples.latencyMs[i]!);
  }
  const seconds = Array.from(buckets, (b) => b ?? []);
  return {
    requests: seconds.map((b) => b.length),
    p99Ms: seconds.map((b) => (b.length ? round(percentile(b, 99)) : 0)),
    maxMs: seconds.map((b) => (b.length ? round(Math.max(...b)) : 0)),
  };
}

export const collabBench: Bench = { name: 'collab', title: 'Live collaboration load (issue 4)', run };
