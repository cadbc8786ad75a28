// Issue 5's benchmark: the agreement page's data for 5 annotators × 10,000 spans each × 10
// categories over 500,000 characters (five documents of about 100,000), and the same unit data
// through NLTK's agreement module (Debian's python3-nltk) for speed and for the values.
//
// Measured:
// - compute: computeAgreementReport (αu per category and overall, per document, every pair, and the
//   sentence-unit α, κ and % agreement), in process, on spans already in memory;
// - page data: getAgreement() as the page calls it, reading the spans from PostgreSQL as well;
// - peer: NLTK's AnnotationTask.alpha() and .kappa() against our krippendorffAlpha(nominal) and
//   mean pairwise cohenKappa, on the pooled sentence × category present/absent units.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cohenKappa, krippendorffAlpha } from '@/lib/agreement';
import { computeAgreementReport, type ReportInput, type ReportSpan } from '@/lib/agreement/report';
import { toCanonical } from '@/lib/corpus/canonical';
import { documentSentences } from '@/lib/corpus/sentences';
import { systemActor } from '@/lib/data/actor';
import { getAgreement } from '@/lib/data/agreement';
import { importDocuments, type DocumentBlock } from '@/lib/data/documents';
import { createProject, setMemberRole } from '@/lib/data/projects';
import { createUser } from '@/lib/data/users';
import { getDb } from '@/lib/db';
import type { Block } from '@/lib/corpus/types';
import { seedCategories } from '@/prisma/seed-data/codebook';
import { buildBlocks, generateSpans, password } from './annotate-fixture';
import { benchDatabase, type Bench, type BenchContext, type Row } from './harness';
import { median, round, timeRuns, timeRunsAsync } from './stats';

const config = { documents: 5, charsPerDocument: 100_000, annotators: 5, spansPerAnnotator: 10_000, categories: 10, runs: 7 };

/** Document d: the seed articles repeated to about 100,000 characters, under a heading of its own. */
function documentBlocks(d: number): Block[] {
  return [{ type: 'heading', level: 2, text: `Benchmark document ${d + 1}` }, ...buildBlocks(config.charsPerDocument)];
}

const pythonScript = `
import json, sys, time
from nltk.metrics.agreement import AnnotationTask
data = json.load(open(sys.argv[1]))
triples = [(c, i, v) for c, row in zip(data["coders"], data["rows"]) for i, v in enumerate(row)]
t0 = time.perf_counter(); task = AnnotationTask(data=triples); t1 = time.perf_counter()
alpha = task.alpha(); t2 = time.perf_counter()
kappa = task.kappa(); t3 = time.perf_counter()
import nltk
print(json.dumps({"nltk": nltk.__version__, "alpha": alpha, "kappa": kappa, "loadMs": (t1 - t0) * 1000, "alphaMs": (t2 - t1) * 1000, "kappaMs": (t3 - t2) * 1000}))
`;

const debianPython = '/usr/bin/python3';

export const agreementBench: Bench = {
  name: 'agreement',
  title: 'Agreement page data (issue 5): 5 annotators × 10,000 spans × 10 categories over 500,000 characters; NLTK as the peer',
  async run(ctx: BenchContext) {
    const rows: Row[] = [];
    // ── The data, in memory ──
    const docs = Array.from({ length: config.documents }, (_, d) => {
      const blocks = documentBlocks(d);
      const { text, content } = toCanonical(blocks);
      return { id: `doc-${d}`, blocks, text, content: content as DocumentBlock[] };
    });
    const coders = Array.from({ length: config.annotators }, (_, i) => ({ id: `coder-${i}`, name: ['Ana', 'Ben', 'Cyd', 'Dev', 'Eli'][i] ?? `C${i}` }));
    const categories = seedCategories.slice(0, config.categories).map((c, i) => ({ id: `cat-${i}`, name: c.name, color: c.color }));
    const spans: ReportSpan[] = [];
    for (const [d, doc] of docs.entries()) {
      const perDoc = config.spansPerAnnotator / config.documents;
      for (const s of generateSpans(doc.text, doc.content, config.annotators, perDoc, config.categories)) {
        spans.push({ coder: coders[s.annotator]!.id, documentId: `doc-${d}`, category: categories[s.category]!.id, start: s.start, end: s.end });
      }
    }
    const totalChars = docs.reduce((n, d) => n + d.text.length, 0);
    ctx.log(`${spans.length} spans from ${coders.length} annotators in ${categories.length} categories over ${totalChars} characters in ${docs.length} documents`);
    const sentencesOf = () => docs.map((d) => ({ id: d.id, title: null, length: d.text.length, sentences: documentSentences(d.text, d.content) }));
    const input: ReportInput = { coders, categories, documents: sentencesOf(), spans };
    const unitCount = input.documents.reduce((n, d) => n + d.sentences.length, 0);

    const compute = timeRuns(config.runs, () => computeAgreementReport({ ...input, documents: sentencesOf() }));
    const report = computeAgreementReport(input);
    rows.push({ name: 'compute: full page figures (αu per category + overall, per document, 10 pairs, sentence units), median', value: round(median(compute)), unit: 'ms', target: { op: '<', value: 300 }, note: `in process, spans in memory, sentence splitting included; n=${config.runs} after one warm-up; max ${round(Math.max(...compute))} ms` });
    rows.push({ name: 'compute: αu overall (reported value)', value: round(report.unitized.overall), unit: 'α' });
    rows.push({ name: 'compute: spans / sentences', value: spans.length, unit: `spans; ${unitCount} sentences` });

    // ── Through the database, as the page does ──
    await benchDatabase(ctx);
    const tag = randomUUID().slice(0, 8);
    const owner = await createUser({ name: 'Bench Owner', email: `agree-owner-${tag}@parallax.example`, password });
    const slug = `bench-agreement-${tag}`;
    const project = await createProject(systemActor, { slug, name: 'Bench: agreement', ownerEmail: owner.email });
    const users: { id: string; email: string }[] = [];
    for (const c of coders) {
      const u = await createUser({ name: c.name, email: `agree-${c.name.toLowerCase()}-${tag}@parallax.example`, password });
      await setMemberRole(systemActor, { projectSlug: slug, email: u.email, role: 'annotator' });
      users.push(u);
    }
    const db = getDb();
    const cats: { id: string }[] = [];
    for (const [position, c] of categories.entries()) cats.push(await db.category.create({ data: { projectId: project.id, name: c.name, color: c.color, position }, select: { id: true } }));
    const imported = await importDocuments(systemActor, slug, { documents: docs.map((d, i) => ({ title: `Benchmark document ${i + 1}`, sourceName: `bench-${i + 1}.txt`, blocks: d.blocks })) });
    const docIds = new Map(docs.map((d, i) => [d.id, imported[i]!.id]));
    const coderIds = new Map(coders.map((c, i) => [c.id, users[i]!.id]));
    const catIds = new Map(categories.map((c, i) => [c.id, cats[i]!.id]));
    const texts = new Map(docs.map((d) => [d.id, d.text]));
    const t0 = performance.now();
    for (let i = 0; i < spans.length; i += 5000) {
      await db.annotation.createMany({
        data: spans.slice(i, i + 5000).map((s) => ({
          id: randomUUID(), projectId: project.id, documentId: docIds.get(s.documentId)!, annotatorId: coderIds.get(s.coder)!, categoryId: catIds.get(s.category)!,
          start: s.start, end: s.end, quote: texts.get(s.documentId)!.slice(s.start, s.end),
        })),
      });
    }
    ctx.log(`inserted ${spans.length} annotations in ${Math.round(performance.now() - t0)} ms (setup, not measured)`);
    const ownerActor = { kind: 'user' as const, userId: owner.id };
    const page = await timeRunsAsync(config.runs, () => getAgreement(ownerActor, slug));
    const viaDb = await getAgreement(ownerActor, slug);
    rows.push({ name: 'page data: getAgreement() with the spans read from PostgreSQL, median', value: round(median(page)), unit: 'ms', note: `the page's whole data function, defaults (every annotator, document and category); n=${config.runs}; max ${round(Math.max(...page))} ms` });
    const same = viaDb.report !== null && Math.abs(viaDb.report.unitized.overall - report.unitized.overall) < 1e-9;
    rows.push({ name: 'page data: αu overall equals the in-memory figure', value: same ? 1 : 0, unit: 'yes=1', target: { op: '>', value: 0.5 } });

    // ── NLTK on the same unit data ──
    // Units: every sentence × category, present (1) or absent (0), as the sentence view codes them.
    const present = new Map<string, Uint8Array>();
    const offsets: number[] = [];
    let u = 0;
    for (const d of input.documents) {
      offsets.push(u);
      u += d.sentences.length;
    }
    for (const c of coders) present.set(c.id, new Uint8Array(unitCount * categories.length));
    const docIndex = new Map(input.documents.map((d, i) => [d.id, i]));
    const catIndex = new Map(categories.map((c, i) => [c.id, i]));
    for (const s of spans) {
      const di = docIndex.get(s.documentId)!;
      const units = input.documents[di]!.sentences;
      for (let k = 0; k < units.length; k++) {
        const unit = units[k]!;
        if (unit.end <= s.start) continue;
        if (unit.start >= s.end) break;
        const overlap = Math.min(unit.end, s.end) - Math.max(unit.start, s.start);
        if (overlap * 2 >= unit.end - unit.start || overlap * 2 >= s.end - s.start) present.get(s.coder)![(offsets[di]! + k) * categories.length + catIndex.get(s.category)!] = 1;
      }
    }
    const data = coders.map((c) => Array.from(present.get(c.id)!));
    const ours = timeRuns(3, () => {
      krippendorffAlpha(data, 'nominal');
      const ks: number[] = [];
      for (let a = 0; a < data.length; a++) for (let b = a + 1; b < data.length; b++) ks.push(cohenKappa(data[a]!, data[b]!));
      return ks;
    });
    const ourAlpha = krippendorffAlpha(data, 'nominal');
    const pairKappas: number[] = [];
    for (let a = 0; a < data.length; a++) for (let b = a + 1; b < data.length; b++) pairKappas.push(cohenKappa(data[a]!, data[b]!));
    const ourKappa = pairKappas.reduce((x, y) => x + y, 0) / pairKappas.length;
    rows.push({ name: 'peer data: coders × units (sentence × category, present/absent)', value: data[0]!.length, unit: `units × ${coders.length} coders` });
    rows.push({ name: 'ours: krippendorffAlpha(nominal) + 10 × cohenKappa, median (n=3)', value: round(median(ours)), unit: 'ms' });
    rows.push({ name: 'ours: α nominal', value: round(ourAlpha), unit: 'α', note: `exact: ${ourAlpha}` });
    rows.push({ name: 'ours: mean pairwise Cohen κ', value: round(ourKappa), unit: 'κ', note: `exact: ${ourKappa}` });

    const python = existsSync(debianPython) ? debianPython : 'python3';
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parallax-nltk-'));
    ctx.defer(() => rmSync(dir, { recursive: true, force: true }));
    const dataFile = path.join(dir, 'units.json');
    const scriptFile = path.join(dir, 'nltk_agreement.py');
    writeFileSync(dataFile, JSON.stringify({ coders: coders.map((c) => c.id), rows: data }));
    writeFileSync(scriptFile, pythonScript);
    type Peer = { nltk: string; alpha: number; kappa: number; loadMs: number; alphaMs: number; kappaMs: number };
    let peer: Peer | null = null;
    try {
      peer = JSON.parse(execFileSync(python, [scriptFile, dataFile], { encoding: 'utf8', timeout: 8 * 60_000, maxBuffer: 1 << 20 })) as Peer;
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      rows.push({ name: 'peer: NLTK', value: null, unit: '', note: `could not run NLTK (${why}); install it with: sudo apt-get install python3-nltk` });
    }
    if (peer) {
      const peerMs = peer.alphaMs + peer.kappaMs;
      rows.push({ name: `peer: NLTK ${peer.nltk} AnnotationTask.alpha() + .kappa()`, value: round(peerMs), unit: 'ms', note: `alpha ${round(peer.alphaMs)} ms, kappa ${round(peer.kappaMs)} ms; loading the ${data.length * data[0]!.length} triples ${round(peer.loadMs)} ms (not counted); ${python}` });
      rows.push({ name: 'peer: NLTK α', value: round(peer.alpha), unit: 'α', note: `exact: ${peer.alpha}` });
      rows.push({ name: 'peer: NLTK κ (mean pairwise Cohen)', value: round(peer.kappa), unit: 'κ', note: `exact: ${peer.kappa}` });
      rows.push({ name: 'speed ratio NLTK / ours', value: round(peerMs / median(ours)), unit: '×' });
      const agree = Math.max(Math.abs(peer.alpha - ourAlpha), Math.abs(peer.kappa - ourKappa));
      rows.push({ name: 'values agree with NLTK: largest difference (α or κ)', value: agree * 1e12, unit: '× 10⁻¹²', target: { op: '<', value: 1000 }, note: `${agree}` });
    }
    return {
      rows,
      details: { config, unitCount, compute, page, ours, peer, report: { overall: report.unitized.overall, byCategory: report.unitized.byCategory } },
    };
  },
};
