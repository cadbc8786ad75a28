// Benchmark for issue 3, the annotation workspace: open a 100,000-character document with 10,000
// annotations from 5 annotators, tag with the keyboard (optimistic UI), the REST write path, and
// the same document and annotations in @recogito/text-annotator in the same browser.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { userActor } from '@/lib/data/actor';
import { createAnnotation, listAnnotations } from '@/lib/data/annotations';
import { disconnectDb } from '@/lib/db';
import { buildIfNeeded } from '../build-if-needed';
import { ensureDatabase } from '../db/ensure';
import { ensureAuthSecret } from '../env-file';
import { createAnnotateFixture, deleteAnnotateFixture, password, sentencesOf, type AnnotateFixture } from './annotate-fixture';
import { recogitoVersion, servePeer } from './annotate-peer';
import { launchChromium, startNextServer, type Bench, type BenchContext, type Row } from './harness';
import { profile, profiling, type ProfileSummary } from './profile';
import { max, median, percentile, rng, round, summary } from './stats';

const config = {
  minLength: 100_000,
  annotations: 10_000,
  annotators: 5,
  /** Page opens: one cold (fresh browser cache, first render after server start), then warm. */
  warmOpens: 5,
  tags: 20,
  selectChars: 30,
  sequentialWrites: 300,
  concurrentClients: 8,
  writesPerClient: 50,
  warmupWrites: 20,
  viewport: { width: 1366, height: 900 },
  timeoutMs: 60_000,
};

const targets = { openMs: 1500, tagMs: 100, writeP95Ms: 30 } as const;

// Installed in every page before its own scripts: records when each parallax:* / peer:* mark was
// made and the end of the second animation frame after it (the frame that mark's DOM changes were
// painted in has then been produced), long tasks, and the time of digit keydowns.
const instrumentation = `(() => {
  const bench = { painted: {}, keydowns: [], longtasks: [], savedAt: null };
  Object.defineProperty(window, '__bench', { value: bench });
  const mark = performance.mark.bind(performance);
  performance.mark = function (name, options) {
    const entry = mark(name, options);
    if (typeof name === 'string' && (name.startsWith('parallax:') || name.startsWith('peer:'))) {
      const rec = { mark: entry.startTime, detail: options && options.detail, painted: null };
      (bench.painted[name] ||= []).push(rec);
      requestAnimationFrame(() => requestAnimationFrame(() => { rec.painted = performance.now(); }));
    }
    return entry;
  };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longtasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  addEventListener('keydown', (e) => { if (/^[0-9]$/.test(e.key)) bench.keydowns.push(e.timeStamp); }, true);
})();`;

type MarkRecord = { mark: number; painted: number | null; detail?: { annotations?: number; id?: string } };
type BenchWindow = { __bench: { painted: Record<string, MarkRecord[]>; keydowns: number[]; longtasks: [number, number][]; savedAt: number | null } };

type OpenSample = {
  readyMs: number;
  paintedMs: number;
  drawnAnnotations: number | null;
  ttfbMs: number;
  responseEndMs: number;
  domContentLoadedMs: number;
  transferKB: number;
  decodedKB: number;
  longTasksBeforeReadyMs: number;
  longestTaskMs: number;
};

async function newContext(browser: Browser, storageState?: Awaited<ReturnType<BrowserContext['storageState']>>): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: config.viewport, storageState });
  await context.addInitScript({ content: instrumentation });
  return context;
}

async function signIn(browser: Browser, baseUrl: string, email: string) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Projects' }).waitFor({ timeout: config.timeoutMs });
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/**
 * Navigates to `url` and waits until `markName` was made and painted (and, for Parallax, the
 * reader reports `highlighted` highlights drawn); returns the navigation's figures.
 */
async function openAndWait(page: Page, url: string, markName: string, highlighted: number | null, viaBlank = true): Promise<OpenSample> {
  if (viaBlank) await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit', timeout: config.timeoutMs });
  await page.waitForFunction(
    ([name, count]) => {
      // The peer page reports a failure here instead of making its mark.
      if ((window as unknown as { __peer?: { error: string | null } }).__peer?.error) return true;
      const rec = (window as unknown as BenchWindow).__bench.painted[name!]?.[0];
      if (rec === undefined || rec.painted === null) return false;
      return count === null || document.querySelector('[data-testid=document-reader]')?.getAttribute('data-highlighted') === String(count);
    },
    [markName, highlighted] as const,
    { timeout: config.timeoutMs, polling: 50 },
  );
  return page.evaluate((name) => {
    const b = (window as unknown as BenchWindow).__bench;
    const failure = (window as unknown as { __peer?: { error: string | null } }).__peer?.error;
    if (failure) throw new Error(failure);
    const rec = b.painted[name]![0]!;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const before = b.longtasks.filter(([start]) => start < rec.mark);
    return {
      readyMs: rec.mark,
      paintedMs: rec.painted!,
      drawnAnnotations: rec.detail?.annotations ?? null,
      ttfbMs: nav.responseStart,
      responseEndMs: nav.responseEnd,
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      transferKB: nav.transferSize / 1024,
      decodedKB: nav.decodedBodySize / 1024,
      longTasksBeforeReadyMs: before.reduce((s, [, d]) => s + d, 0),
      longestTaskMs: Math.max(0, ...b.longtasks.map(([, d]) => d)),
    };
  }, markName);
}

async function pageWeight(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  try {
    const performanceMemory = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await page.evaluate(() => ({
      elements: document.getElementsByTagName('*').length,
      highlightElements: document.querySelectorAll('.ProseMirror [data-ids], .r6o-annotation').length,
    }));
    return { heapAfterGcMB: heap.usedSize / 2 ** 20, performanceMemoryMB: performanceMemory === null ? null : performanceMemory / 2 ** 20, ...dom };
  } finally {
    await cdp.detach();
  }
}

// ─── Opening the document ──────────────────────────────────────────────────────────────────────

function printProfile(ctx: BenchContext, p: ProfileSummary): void {
  ctx.log(`    main thread (self ms): ${p.mainThread.slice(0, 10).map((r) => `${r.name} ${round(r.ms)}`).join(', ')}`);
  for (const h of p.hotFunctions.slice(0, 12)) ctx.log(`    ${String(round(h.ms)).padStart(7)} ms  ${h.fn}  ${h.where}`);
}

async function measureOpen(ctx: BenchContext, browser: Browser, baseUrl: string, f: AnnotateFixture) {
  const state = await signIn(browser, baseUrl, f.owner.email);
  const context = await newContext(browser, state);
  ctx.defer(() => context.close());
  const page = await context.newPage();
  const url = `${baseUrl}/projects/${f.projectSlug}/documents/${f.documentId}?layers=all`;
  const samples: OpenSample[] = [];
  for (let run = 0; run <= config.warmOpens; run++) {
    const s = await openAndWait(page, url, 'parallax:ready', f.annotations.length);
    ctx.log(`  open ${run === 0 ? 'cold' : `warm ${run}`}: ready ${round(s.readyMs)} ms, painted ${round(s.paintedMs)} ms (TTFB ${round(s.ttfbMs)} ms, ${round(s.transferKB)} KB)`);
    if (s.drawnAnnotations !== f.annotations.length) throw new Error(`parallax:ready reported ${s.drawnAnnotations} annotations, expected ${f.annotations.length}`);
    samples.push(s);
  }
  mkdirSync(ctx.resultsDir, { recursive: true });
  let profiled: ProfileSummary | undefined;
  if (profiling) {
    ctx.log('  profiling one more warm open (not counted)…');
    profiled = await profile(browser, context, page, ctx.resultsDir, 'annotate-open', () => openAndWait(page, url, 'parallax:ready', f.annotations.length, false));
    printProfile(ctx, profiled);
  }
  const weight = await pageWeight(context, page);
  await page.screenshot({ path: path.join(ctx.resultsDir, 'annotate.png') });
  return { page, context, samples, weight, profiled };
}

// ─── Tagging with the keyboard ─────────────────────────────────────────────────────────────────

type TagSample = { drawnMs: number; paintedMs: number; keyToPaintMs: number; savedMs: number | null; selectMs: number; longestTaskMs: number; phrase: string };

async function measureTagging(ctx: BenchContext, browser: Browser, context: BrowserContext, page: Page) {
  const samples: TagSample[] = [];
  for (let i = 0; i < config.tags; i++) samples.push(await tagOnce(page, i));
  ctx.log(`  ${samples.length} tags: drawn median ${round(median(samples.map((s) => s.drawnMs)))} ms, painted median ${round(median(samples.map((s) => s.paintedMs)))} ms`);
  let profiled: ProfileSummary | undefined;
  if (profiling) {
    ctx.log('  profiling one more tag (not counted)…');
    profiled = await profile(browser, context, page, ctx.resultsDir, 'annotate-tag', () => tagOnce(page, config.tags));
    printProfile(ctx, profiled);
  }
  return { samples, profiled };
}

/** Selects a phrase with the keyboard and tags it with a shortcut key; waits for the save. */
async function tagOnce(page: Page, i: number): Promise<TagSample> {
  const reader = page.getByTestId('document-reader');
  {
    // A word start about a third into a paragraph spread through the document, scrolled into view.
    const target = await page.evaluate(async ([index, count]) => {
      const paras = [...document.querySelectorAll('.ProseMirror > p')].filter((p) => (p.textContent ?? '').length > 200);
      const p = paras[Math.floor(((index! + 0.5) / count!) * paras.length) % paras.length]!;
      p.scrollIntoView({ block: 'center' });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const nodes: [Text, number][] = [];
      let total = 0;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push([n as Text, total]);
        total += (n as Text).data.length;
      }
      const full = nodes.map(([n]) => n.data).join('');
      let k = Math.floor(full.length / 3);
      while (k < full.length - 40 && !(full[k - 1] === ' ' && /\p{L}/u.test(full[k]!))) k++;
      const [node, base] = nodes.find(([n, b]) => b <= k && k < b + n.data.length)!;
      const range = document.createRange();
      range.setStart(node, k - base);
      range.setEnd(node, k - base + 1);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + Math.min(2, rect.width / 4), y: rect.top + rect.height / 2, phrase: full.slice(k, k + 30) };
    }, [i, config.tags] as const);
    await page.mouse.click(target.x, target.y);
    // A click on a highlight opens its card; Escape closes it and leaves the caret in the text.
    await page.keyboard.press('Escape');
    const selectStart = Date.now();
    for (let c = 0; c < config.selectChars; c++) await page.keyboard.press('Shift+ArrowRight');
    const selectMs = Date.now() - selectStart;
    const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
    if (selected.length < config.selectChars - 2) throw new Error(`tag ${i + 1}: keyboard selection holds ${JSON.stringify(selected)}, expected ${config.selectChars} characters`);
    const before = await page.evaluate(() => {
      const b = (window as unknown as BenchWindow).__bench;
      const el = document.querySelector('[data-testid=save-state]')!;
      b.savedAt = null;
      let saving = false;
      const observer = new MutationObserver(() => {
        if ((el.textContent ?? '').startsWith('Saving')) saving = true;
        else if (saving && b.savedAt === null) {
          b.savedAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(el, { childList: true, characterData: true, subtree: true });
      return b.painted['parallax:tag-drawn']?.length ?? 0;
    });
    const highlightedBefore = Number(await reader.getAttribute('data-highlighted'));
    await page.keyboard.press(String((i + 1) % 10));
    await page.waitForFunction(
      (n) => {
        const b = (window as unknown as BenchWindow).__bench;
        const rec = b.painted['parallax:tag-drawn']?.[n];
        return rec !== undefined && rec.painted !== null && b.savedAt !== null;
      },
      before,
      { timeout: config.timeoutMs, polling: 20 },
    );
    const s = await page.evaluate((n) => {
      const b = (window as unknown as BenchWindow).__bench;
      const drawn = b.painted['parallax:tag-drawn']![n]!;
      const start = b.painted['parallax:tag-start']!.at(-1)!;
      if (start.detail?.id !== drawn.detail?.id) throw new Error('tag-start and tag-drawn name different annotations');
      const key = b.keydowns.at(-1)!;
      const until = b.savedAt ?? drawn.painted!;
      const tasks = b.longtasks.filter(([t, d]) => t + d >= key && t <= until).map(([, d]) => d);
      return {
        drawnMs: drawn.mark - start.mark,
        paintedMs: drawn.painted! - start.mark,
        keyToPaintMs: drawn.painted! - key,
        savedMs: b.savedAt === null ? null : b.savedAt - start.mark,
        longestTaskMs: Math.max(0, ...tasks),
      };
    }, before);
    const highlightedAfter = Number(await reader.getAttribute('data-highlighted'));
    if (highlightedAfter !== highlightedBefore + 1) throw new Error(`tag ${i + 1}: ${highlightedBefore} highlights before, ${highlightedAfter} after`);
    const toast = await page.getByRole('status').filter({ hasText: 'Not saved' }).count();
    if (toast > 0) throw new Error(`tag ${i + 1} was not saved: ${await page.getByRole('status').first().textContent()}`);
    return { ...s, selectMs, phrase: selected };
  }
}

// ─── The REST write path ───────────────────────────────────────────────────────────────────────

async function measureWrites(ctx: BenchContext, baseUrl: string, f: AnnotateFixture, serverOutput: () => string) {
  const sentences = sentencesOf(f.text, f.blocks);
  const random = rng(7);
  const endpoint = `${baseUrl}/api/documents/${f.documentId}/annotations`;
  const post = async (): Promise<number> => {
    const s = sentences[Math.floor(random() * sentences.length)]!;
    const body = JSON.stringify({ id: randomUUID(), start: s.start, end: s.end, quote: f.text.slice(s.start, s.end), categoryId: f.categories[Math.floor(random() * f.categories.length)]!.id });
    const t0 = performance.now();
    const response = await fetch(endpoint, { method: 'POST', headers: { authorization: `Bearer ${f.token}`, 'content-type': 'application/json' }, body });
    const text = await response.text();
    const elapsed = performance.now() - t0;
    if (response.status !== 201) throw new Error(`POST ${endpoint} answered ${response.status}: ${text.slice(0, 300)}\nserver output (tail):\n${serverOutput().slice(-1500)}`);
    return elapsed;
  };
  for (let i = 0; i < config.warmupWrites; i++) await post();
  const sequential: number[] = [];
  for (let i = 0; i < config.sequentialWrites; i++) sequential.push(await post());
  const concurrent: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: config.concurrentClients }, async () => {
      for (let i = 0; i < config.writesPerClient; i++) concurrent.push(await post());
    }),
  );
  const wallMs = performance.now() - t0;
  const throughput = (concurrent.length / wallMs) * 1000;
  ctx.log(`  writes: sequential p95 ${round(percentile(sequential, 95))} ms; ${config.concurrentClients} clients p95 ${round(percentile(concurrent, 95))} ms, ${round(throughput)} req/s`);
  return { sequential, concurrent, throughput, wallMs };
}

// ─── The data layer alone, in this process (no HTTP, no Next) ─────────────────────────────────

/** What the page's and the API's data calls cost without HTTP and Next around them. */
async function measureDataLayer(ctx: BenchContext, f: AnnotateFixture) {
  const owner = userActor(f.owner.id);
  const lists: number[] = [];
  let json = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const list = await listAnnotations(owner, f.documentId, { layer: 'all' });
    lists.push(performance.now() - t0);
    json = JSON.stringify(list).length;
  }
  const sentences = sentencesOf(f.text, f.blocks);
  const random = rng(11);
  const annotator = userActor(f.annotators[1]!.id);
  const creates: number[] = [];
  for (let i = 0; i < 100; i++) {
    const s = sentences[Math.floor(random() * sentences.length)]!;
    const t0 = performance.now();
    await createAnnotation(annotator, f.documentId, { id: randomUUID(), start: s.start, end: s.end, quote: f.text.slice(s.start, s.end), categoryId: f.categories[i % f.categories.length]!.id });
    creates.push(performance.now() - t0);
  }
  ctx.log(`  data layer: listAnnotations(all) median ${round(median(lists))} ms (${round(json / 1024)} KB as JSON); createAnnotation p95 ${round(percentile(creates, 95))} ms`);
  return { lists, jsonKB: json / 1024, creates };
}

// ─── The peer: @recogito/text-annotator ────────────────────────────────────────────────────────

type PeerRun = OpenSample & { stored: number; highlightElements: number; setAnnotationsMs: number };

async function measurePeer(ctx: BenchContext, browser: Browser, f: AnnotateFixture) {
  const colorOf = new Map(f.categories.map((c) => [c.id, c.color]));
  const { url, plainUrl } = await servePeer(
    ctx,
    f.text,
    f.blocks,
    f.annotations.map((a) => ({ id: a.id, start: a.start, end: a.end, quote: a.quote, color: colorOf.get(a.categoryId) ?? '#0080ff' })),
  );
  const context = await newContext(browser);
  ctx.defer(() => context.close());
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));

  const attempt = async (count: number): Promise<{ runs: PeerRun[]; error: string | null }> => {
    const runs: PeerRun[] = [];
    const pageUrl = `${url}?n=${count}`;
    for (let run = 0; run <= config.warmOpens; run++) {
      let sample: OpenSample;
      try {
        sample = await openAndWait(page, pageUrl, 'peer:ready', null);
      } catch (e) {
        const state = await page.evaluate(() => (window as unknown as { __peer?: { error: string | null } }).__peer?.error ?? null).catch(() => null);
        return { runs, error: state ?? (consoleErrors.at(-1) ?? (e instanceof Error ? e.message : String(e))) };
      }
      const info = await page.evaluate((text) => {
        const w = window as unknown as { __peer: { error: string | null; setMs: number }; __peerAnno: { state: { store: { all(): unknown[] } } } };
        return {
          textMatches: document.getElementById('doc')!.textContent === text,
          stored: w.__peerAnno.state.store.all().length,
          highlightElements: document.querySelectorAll('.r6o-annotation').length,
          setAnnotationsMs: w.__peer.setMs,
          error: w.__peer.error,
        };
      }, f.text);
      if (!info.textMatches) throw new Error("the peer page's text differs from the document's canonical text: offsets would not match");
      if (info.error) return { runs, error: info.error };
      ctx.log(`  recogito ${count} ${run === 0 ? 'cold' : `warm ${run}`}: ready ${round(sample.readyMs)} ms, painted ${round(sample.paintedMs)} ms, ${info.stored} stored, ${info.highlightElements} highlight elements`);
      runs.push({ ...sample, stored: info.stored, highlightElements: info.highlightElements, setAnnotationsMs: info.setAnnotationsMs });
      if (info.stored !== count) return { runs, error: `Recogito holds ${info.stored} of the ${count} annotations after setAnnotations` };
    }
    return { runs, error: null };
  };

  let count = f.annotations.length;
  let result = await attempt(count);
  const failures: { count: number; error: string }[] = [];
  if (result.error) {
    failures.push({ count, error: result.error });
    ctx.log(`  recogito failed at ${count}: ${result.error}; trying 1,000`);
    count = 1000;
    result = await attempt(count);
    if (result.error) failures.push({ count, error: result.error });
  }
  await page.screenshot({ path: path.join(ctx.resultsDir, 'annotate-recogito.png') });
  const weight = await pageWeight(context, page);
  const plain = await measurePlain(ctx, browser, plainUrl);
  return { count, runs: result.runs, failures, weight, version: recogitoVersion(), plain };
}

/**
 * The limit (issue 16): the same text painted as static HTML with no script, in the same browser,
 * opened the same way (from about:blank, cold then warm). Painted = two animation frames after the
 * load event, as ours is two frames after its ready mark.
 */
async function measurePlain(ctx: BenchContext, browser: Browser, url: string): Promise<number[]> {
  const context = await newContext(browser);
  ctx.defer(() => context.close());
  await context.addInitScript(() => {
    addEventListener('load', () => requestAnimationFrame(() => requestAnimationFrame(() => Object.assign(window, { __plainPainted: performance.now() }))));
  });
  const page = await context.newPage();
  const painted: number[] = [];
  for (let run = 0; run <= config.warmOpens; run++) {
    await page.goto('about:blank');
    await page.goto(url, { waitUntil: 'commit', timeout: config.timeoutMs });
    const ms = (await page.waitForFunction(() => (window as unknown as { __plainPainted?: number }).__plainPainted ?? null, null, { timeout: config.timeoutMs, polling: 20 }).then((h) => h.jsonValue())) as number;
    ctx.log(`  plain HTML ${run === 0 ? 'cold' : `warm ${run}`}: painted ${round(ms)} ms`);
    painted.push(ms);
  }
  return painted;
}

// ─── The benchmark ─────────────────────────────────────────────────────────────────────────────

async function run(ctx: BenchContext) {
  const externalDb = Boolean(process.env.DATABASE_URL);
  ensureAuthSecret();
  const database = await ensureDatabase({ throwaway: true, quiet: true });
  ctx.defer(() => database.stop());
  process.env.DATABASE_URL = database.url;
  ctx.defer(() => disconnectDb());
  ctx.log('build (if sources changed)…');
  buildIfNeeded();

  ctx.log(`fixture: ${config.annotations} annotations by ${config.annotators} annotators on ≥${config.minLength} characters…`);
  const setupStart = Date.now();
  const f = await createAnnotateFixture(config, ctx.log);
  if (externalDb) ctx.defer(() => deleteAnnotateFixture(f).catch((e: unknown) => ctx.log(`could not delete the benchmark rows: ${String(e)}`)));
  ctx.log(`  ${f.text.length} characters, ${f.blocks.length} blocks, ${f.annotations.length} annotations in ${Date.now() - setupStart} ms`);

  const { baseUrl, output: serverOutput } = await startNextServer(ctx, { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: process.env.AUTH_SECRET });
  const browser = await launchChromium(ctx);

  ctx.log('opening the document…');
  const open = await measureOpen(ctx, browser, baseUrl, f);
  ctx.log('tagging…');
  const tagging = await measureTagging(ctx, browser, open.context, open.page);
  const tags = tagging.samples;
  ctx.log('REST writes…');
  const writes = await measureWrites(ctx, baseUrl, f, serverOutput);
  ctx.log('data layer in process…');
  const dataLayer = await measureDataLayer(ctx, f);
  ctx.log('peer: @recogito/text-annotator…');
  const peer = await measurePeer(ctx, browser, f);

  const cold = open.samples[0]!;
  const warm = open.samples.slice(1);
  const warmPainted = warm.map((s) => s.paintedMs);
  const peerCold = peer.runs[0];
  const peerWarm = peer.runs.slice(1);
  const peerWarmPainted = peerWarm.map((s) => s.paintedMs);
  const label = `${round(f.text.length / 1000)}k chars / ${f.annotations.length / 1000}k annotations`;
  const ms = (name: string, value: number, target?: number, note?: string): Row => ({
    name, value: round(value), unit: 'ms', ...(target === undefined ? {} : { target: { op: '<' as const, value: target } }), ...(note ? { note } : {}),
  });
  const rows: Row[] = [
    ms(`open ${label}: ready-to-paint, cold`, cold.paintedMs, targets.openMs, 'first open after server start, empty browser cache'),
    ms(`open ${label}: ready-to-paint, warm median (n=${warm.length})`, median(warmPainted), targets.openMs),
    ms(`open ${label}: ready-to-paint, warm max`, max(warmPainted), targets.openMs),
    ms(`open ${label}: ready (mark), warm median`, median(warm.map((s) => s.readyMs))),
    ms('open: server response start (TTFB), warm median', median(warm.map((s) => s.ttfbMs))),
    { name: 'open: HTML + RSC payload (decoded)', value: round(median(warm.map((s) => s.decodedKB))), unit: 'KB' },
    ms('open: main-thread long tasks before ready, warm median', median(warm.map((s) => s.longTasksBeforeReadyMs))),
    { name: 'open: page JS heap after GC', value: round(open.weight.heapAfterGcMB), unit: 'MB' },
    { name: 'open: DOM elements (highlight elements)', value: open.weight.elements, unit: `elements (${open.weight.highlightElements} highlights)` },
    ms(`tag: tag-start → tag-drawn, median (n=${tags.length})`, median(tags.map((t) => t.drawnMs))),
    ms('tag: tag-start → tag-drawn, p95', percentile(tags.map((t) => t.drawnMs), 95), targets.tagMs),
    ms('tag: tag-start → highlight painted, median', median(tags.map((t) => t.paintedMs))),
    ms('tag: tag-start → highlight painted, p95', percentile(tags.map((t) => t.paintedMs), 95), targets.tagMs),
    ms('tag: keydown → highlight painted, p95', percentile(tags.map((t) => t.keyToPaintMs), 95)),
    ms('tag: tag-start → "All changes saved", median', median(tags.flatMap((t) => (t.savedMs === null ? [] : [t.savedMs])))),
    ms('tag: longest main-thread task per tag, median', median(tags.map((t) => t.longestTaskMs))),
    ms(`write: POST annotation sequential p50 (n=${writes.sequential.length})`, percentile(writes.sequential, 50)),
    ms('write: POST annotation sequential p95', percentile(writes.sequential, 95), targets.writeP95Ms),
    ms('write: POST annotation sequential p99', percentile(writes.sequential, 99)),
    ms(`write: ${config.concurrentClients} concurrent clients p50 (n=${writes.concurrent.length})`, percentile(writes.concurrent, 50)),
    ms(`write: ${config.concurrentClients} concurrent clients p95`, percentile(writes.concurrent, 95)),
    ms(`write: ${config.concurrentClients} concurrent clients p99`, percentile(writes.concurrent, 99)),
    { name: `write: ${config.concurrentClients} concurrent clients throughput`, value: round(writes.throughput), unit: 'req/s' },
    ms(`data layer: createAnnotation() in process p50 (n=${dataLayer.creates.length})`, percentile(dataLayer.creates, 50)),
    ms('data layer: createAnnotation() in process p95', percentile(dataLayer.creates, 95)),
    ms(`data layer: listAnnotations(all) of ${f.annotations.length} in process, median`, median(dataLayer.lists)),
    { name: `data layer: listAnnotations(all) as JSON`, value: round(dataLayer.jsonKB), unit: 'KB' },
  ];
  const peerLabel = `Recogito ${peer.version}, ${peer.count.toLocaleString('en')} annotations`;
  if (peerCold) {
    rows.push(
      ms(`peer ${peerLabel}: ready-to-paint, cold`, peerCold.paintedMs),
      ...(peerWarm.length > 0 ? [ms(`peer ${peerLabel}: ready-to-paint, warm median`, median(peerWarmPainted))] : []),
      ms(`peer ${peerLabel}: setAnnotations() call, median`, median(peer.runs.map((r) => r.setAnnotationsMs))),
      { name: `peer ${peerLabel}: highlight elements drawn`, value: peer.runs.at(-1)!.highlightElements, unit: 'elements' },
    );
    if (peer.count === f.annotations.length && peerWarm.length > 0) {
      rows.push(
        { name: 'ratio Parallax / Recogito, ready-to-paint warm median', value: round(median(warmPainted) / median(peerWarmPainted)), unit: '×' },
        { name: 'ratio Parallax / Recogito, ready-to-paint cold', value: round(cold.paintedMs / peerCold.paintedMs), unit: '×' },
      );
    } else {
      rows.push({ name: 'ratio Parallax / Recogito', value: null, unit: '×', note: `Recogito could not render ${f.annotations.length} annotations; figures above are for ${peer.count}` });
    }
  }
  for (const failure of peer.failures) rows.push({ name: `peer Recogito at ${failure.count} annotations`, value: null, unit: '', note: `failed: ${failure.error}` });
  // Against the limit: the same text as plain HTML with no script (issue 16's goal: at most 3×).
  const plainWarm = peer.plain.slice(1);
  rows.push(
    ms(`limit: the same text as static HTML, no script: painted, warm median (n=${plainWarm.length})`, median(plainWarm), undefined, `cold ${round(peer.plain[0]!)} ms`),
    {
      name: 'ratio Parallax open / plain HTML, ready-to-paint warm median',
      value: round(median(warmPainted) / median(plainWarm)),
      unit: '×',
      target: { op: '<', value: 3 },
      note: `Parallax ${round(median(warmPainted))} ms with ${f.annotations.length.toLocaleString('en')} annotations drawn, plain ${round(median(plainWarm))} ms`,
    },
  );

  return {
    rows,
    details: {
      config,
      targets,
      document: { characters: f.text.length, blocks: f.blocks.length, annotations: f.annotations.length, annotators: f.annotators.length, medianSpanLength: median(f.annotations.map((a) => a.end - a.start)) },
      open: { samples: open.samples, weight: open.weight },
      tags: { samples: tags, summary: { drawn: summary(tags.map((t) => t.drawnMs)), painted: summary(tags.map((t) => t.paintedMs)), keyToPaint: summary(tags.map((t) => t.keyToPaintMs)), selectKeys: summary(tags.map((t) => t.selectMs)) } },
      writes: { sequential: summary(writes.sequential), concurrent: summary(writes.concurrent), throughput: writes.throughput, wallMs: writes.wallMs, durability: 'throwaway PostgreSQL runs with fsync=off, synchronous_commit=off' },
      dataLayer: { listAnnotations: summary(dataLayer.lists), jsonKB: dataLayer.jsonKB, createAnnotation: summary(dataLayer.creates) },
      peer: { version: peer.version, count: peer.count, runs: peer.runs, failures: peer.failures, weight: peer.weight, renderer: 'SPANS (default)' },
      plain: { painted: peer.plain },
      screenshots: ['annotate.png', 'annotate-recogito.png'],
      ...(profiling ? { profile: { open: open.profiled, tag: tagging.profiled } } : {}),
    },
  };
}

export const annotateBench: Bench = { name: 'annotate', title: 'Annotation workspace (issue 3)', run };
