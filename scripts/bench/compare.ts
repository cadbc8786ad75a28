// Issue 6's benchmark: each comparison view ready in under 500 ms for the five articles with 5,000
// annotations. The five seed articles are imported with the seed codebook; 5 annotators each tag
// 1,000 passages (sentences, clauses, sentences less a few words, pairs of sentences) with a
// category and, for about a third, a blame target. Each view is opened in Chromium by the owner, on
// all annotators pooled (the heaviest source: every annotation is read); "ready" is the load
// event, by when the server-rendered figures are on screen. The data functions are also timed in
// process.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { systemActor, userActor } from '@/lib/data/actor';
import { getComparison, getComparisonPassages, getParallelText } from '@/lib/data/compare';
import { importDocuments, type DocumentBlock } from '@/lib/data/documents';
import { createProject, setMemberRole } from '@/lib/data/projects';
import { createUser } from '@/lib/data/users';
import { getDb } from '@/lib/db';
import { seedArticles } from '@/prisma/seed-data/articles';
import { seedAttributes, seedCategories } from '@/prisma/seed-data/codebook';
import { password, sentencesOf } from './annotate-fixture';
import { benchDatabase, launchChromium, startNextServer, type Bench, type BenchContext, type Row } from './harness';
import { median, rng, round, timeRunsAsync } from './stats';

const config = { annotators: 5, perAnnotator: 1000, runs: 5, target: 500, timeoutMs: 60_000 };

export type Fixture = { slug: string; ownerEmail: string; ownerId: string; documentIds: string[]; categoryIds: string[] };

export async function createFixture(ctx: BenchContext): Promise<Fixture> {
  const tag = randomUUID().slice(0, 8);
  const owner = await createUser({ name: 'Bench Owner', email: `compare-owner-${tag}@parallax.example`, password });
  const slug = `bench-compare-${tag}`;
  const project = await createProject(systemActor, { slug, name: 'Bench: comparison', ownerEmail: owner.email });
  const annotators = [];
  for (let i = 0; i < config.annotators; i++) {
    const u = await createUser({ name: ['Ana', 'Ben', 'Cyd', 'Dev', 'Eli'][i] ?? `A${i}`, email: `compare-${i}-${tag}@parallax.example`, password });
    await setMemberRole(systemActor, { projectSlug: slug, email: u.email, role: 'annotator' });
    annotators.push(u);
  }
  const db = getDb();
  const categories = [];
  for (const [position, c] of seedCategories.entries()) {
    categories.push(await db.category.create({ data: { projectId: project.id, name: c.name, color: c.color, position }, select: { id: true } }));
  }
  const blame = seedAttributes[0]!;
  const attribute = await db.attributeDefinition.create({
    data: { projectId: project.id, key: blame.key, name: blame.name, options: { create: blame.options.map((o, i) => ({ value: o.value, label: o.label, position: i })) } },
    select: { id: true, options: { select: { id: true } } },
  });
  const imported = await importDocuments(systemActor, slug, {
    documents: seedArticles.map((a) => ({ title: a.title, author: a.author, publishedOn: a.publishedOn, sourceName: a.sourceName, blocks: a.blocks })),
  });
  const docs = await db.document.findMany({ where: { projectId: project.id }, select: { id: true, text: true, content: true } });
  const random = rng(7);
  const rows = [];
  const attributeRows = [];
  for (const [a, user] of annotators.entries()) {
    for (let k = 0; k < config.perAnnotator; k++) {
      const doc = docs[k % docs.length]!;
      const sentences = sentencesOf(doc.text, doc.content as DocumentBlock[]);
      const si = Math.floor(random() * sentences.length);
      const s = sentences[si]!;
      const form = random();
      let span: { start: number; end: number } = s;
      if (form > 0.4 && form < 0.75 && s.clauses.length > 0) span = s.clauses[Math.floor(random() * s.clauses.length)]!;
      else if (form >= 0.75 && form < 0.9 && s.words.length > 4) span = { start: s.words[1]!.start, end: s.end };
      else if (form >= 0.9 && sentences[si + 1]?.block === s.block) span = { start: s.start, end: sentences[si + 1]!.end };
      const truth = (si * 7919 + a) % categories.length;
      const category = random() < 0.7 ? truth : Math.floor(random() * categories.length);
      const id = randomUUID();
      rows.push({
        id, projectId: project.id, documentId: doc.id, annotatorId: user.id, categoryId: categories[category]!.id,
        start: span.start, end: span.end, quote: doc.text.slice(span.start, span.end),
      });
      if (random() < 0.35) attributeRows.push({ annotationId: id, attributeId: attribute.id, optionId: attribute.options[Math.floor(random() * attribute.options.length)]!.id });
    }
  }
  await db.annotation.createMany({ data: rows });
  await db.annotationAttribute.createMany({ data: attributeRows });
  ctx.log(`${rows.length} annotations (${attributeRows.length} with a blame target) on ${imported.length} articles`);
  return { slug, ownerEmail: owner.email, ownerId: owner.id, documentIds: docs.map((d) => d.id), categoryIds: categories.map((c) => c.id) };
}

async function openViews(ctx: BenchContext, browser: Browser, baseUrl: string, f: Fixture, views: { name: string; path: string }[]): Promise<Record<string, number[]>> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  ctx.defer(() => context.close());
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(f.ownerEmail);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Projects' }).waitFor({ timeout: config.timeoutMs });
  const out: Record<string, number[]> = {};
  for (const v of views) {
    const samples: number[] = [];
    for (let i = 0; i <= config.runs; i++) {
      await page.goto('about:blank');
      await page.goto(`${baseUrl}${v.path}`, { waitUntil: 'load', timeout: config.timeoutMs });
      const ms = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return nav ? nav.loadEventEnd - nav.startTime : Number.NaN;
      });
      if (i > 0) samples.push(ms); // the first open of each view warms its route
    }
    out[v.name] = samples;
    await page.screenshot({ path: `${ctx.resultsDir}/compare-${v.name.replace(/\W+/g, '-')}.png` });
  }
  return out;
}

export const compareBench: Bench = {
  name: 'compare',
  title: 'Comparison views (issue 6): five articles, 5,000 annotations, each view ready in under 500 ms',
  async run(ctx: BenchContext) {
    const database = await benchDatabase(ctx, { build: true });
    const f = await createFixture(ctx);
    const rows: Row[] = [];

    // In process: the data functions the pages call.
    const actor = userActor(f.ownerId);
    const data = {
      'getComparison (matrix, profiles, similarity)': await timeRunsAsync(config.runs, () => getComparison(actor, f.slug, { layer: 'pooled' })),
      'getComparisonPassages (reader, 5 columns)': await timeRunsAsync(config.runs, () => getComparisonPassages(actor, f.slug, { layer: 'pooled', category: f.categoryIds[0]! })),
      'getParallelText (2 articles)': await timeRunsAsync(config.runs, () => getParallelText(actor, f.slug, { layer: 'pooled', documents: f.documentIds.slice(0, 2) })),
    };
    for (const [name, samples] of Object.entries(data)) rows.push({ name: `data: ${name}, median`, value: round(median(samples)), unit: 'ms', note: `in process, n=${config.runs} after one warm-up; max ${round(Math.max(...samples))} ms` });

    const { baseUrl } = await startNextServer(ctx, { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: process.env.AUTH_SECRET });
    const browser = await launchChromium(ctx);
    const base = `/projects/${f.slug}/compare`;
    const q = 'layer=pooled';
    const views = [
      { name: 'framing matrix', path: `${base}?${q}` },
      { name: 'matrix with a cell’s passages', path: `${base}?${q}&cell=${f.documentIds[0]}:${f.categoryIds[0]}` },
      { name: 'side-by-side reader (5 columns)', path: `${base}/reader?${q}&category=${f.categoryIds[0]}` },
      { name: 'parallel text (2 articles)', path: `${base}/reader?${q}&mode=parallel&category=${f.categoryIds[0]}` },
      { name: 'profiles, blame, co-occurrence, memos', path: `${base}/profiles?${q}` },
      { name: 'author similarity', path: `${base}/similarity?${q}` },
    ];
    const opened = await openViews(ctx, browser, baseUrl, f, views);
    for (const v of views) {
      const samples = opened[v.name]!;
      rows.push({ name: `view: ${v.name}, ready (load event), median`, value: round(median(samples)), unit: 'ms', target: { op: '<', value: config.target }, note: `Chromium, warm, n=${samples.length}; max ${round(Math.max(...samples))} ms` });
    }
    return { rows, details: { config, data, opened, annotations: config.annotators * config.perAnnotator } };
  },
};
