import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/data/annotations';
import { createCategory } from '@/lib/data/codebook';
import { getDocument, importDocuments } from '@/lib/data/documents';
import { exportProject } from '@/lib/data/exports';
import { describeLine, linesPastRightMargin, overlappingLines, readPdfLines, type PdfLine } from '../support/pdf-layout';
import { chromiumArgs, chromiumPath } from '@/scripts/chromium';
import { makeCodebook, makeDocument, makeProject } from './helpers';

// The HTML report, in Chromium: at a laptop's and a phone's width the page never scrolls sideways
// (a wide table scrolls inside its own box), and every factor's name in the matrix's header is
// whole and not clipped.
//
// The PDF report's article pages, read back as a reader's tool sees them (poppler's pdftotext with
// boxes): no text line is drawn over another, none runs past the right margin, and paragraphs are
// set apart by the same space however they end (with a note number or not). The data is what made
// the faults: long paragraphs, passages ending together (so "44,45,46" stand after one word),
// overlapping passages, three-digit note numbers and long category names.

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;
const out = path.join(process.cwd(), 'artifacts', 'report-layout');
/** The report's page margin, in points (report-pdf.ts draws A4 with 56 pt on every side). */
const margin = 56;

/** A small deterministic generator (mulberry32), so the text is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary =
  'the talks between Islamabad and Kabul stalled again because neither side would put its commitments in writing while militants crossed the border and mediators from Doha and Ankara offered guarantees that nobody trusted refugees trade routes sanctuary deterrence pressure envoys ceasefire verification'.split(' ');

function paragraphs(count: number): string[] {
  const next = random(17);
  const pick = () => vocabulary[Math.floor(next() * vocabulary.length)]!;
  return Array.from({ length: count }, (_, p) => {
    const sentences = Array.from({ length: 6 + (p % 3) }, (_, s) => {
      const words = Array.from({ length: 11 + Math.floor(next() * 12) }, pick);
      // Every paragraph opens with words of its own, so the test can find its first line.
      if (s === 0) words.unshift('Paragraph', `${['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][p]}`, 'opens:');
      const sentence = words.join(' ');
      return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
    });
    return sentences.join(' ');
  });
}

async function setUpCrowdedReport() {
  const p = await makeProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR', cyd: 'ANNOTATOR' });
  const colors = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1f77b4', '#d62728', '#17becf', '#8c564b', '#e377c2'];
  const categories: { id: string; name: string }[] = [];
  for (const [i, color] of colors.entries()) {
    const name = `${['Ideological ties', 'Trust deficit', 'Refugees', 'Trade and transit', 'Deterrence', 'Mediation'][i % 6]} ${i + 1}: a long category name that runs well past a table cell, as codebooks' names do`;
    categories.push(await createCategory(p.owner.actor, p.slug, { name, color }));
  }
  const texts = paragraphs(9);
  const [doc] = await importDocuments(p.owner.actor, p.slug, {
    documents: [{ title: 'A crowded article: long paragraphs, many notes, overlapping passages', blocks: [{ type: 'heading', level: 2, text: 'The talks, paragraph by paragraph' }, ...texts.map((text) => ({ type: 'paragraph' as const, text }))] }],
  });
  const { text } = await getDocument(p.owner.actor, doc!.id);
  const [ana, ben, cyd] = [p.members.ana!, p.members.ben!, p.members.cyd!];
  const span = (start: number, end: number, category: number, note = '') => ({ start, end, quote: text.slice(start, end), categoryId: categories[category % categories.length]!.id, note });
  let n = 0;
  for (const paragraph of texts) {
    const at = text.indexOf(paragraph);
    const sentences = [...paragraph.matchAll(/[^.]+\./g)].map((m) => ({ start: at + m.index + (m[0].startsWith(' ') ? 1 : 0), end: at + m.index + m[0].length }));
    for (const [s, sentence] of sentences.entries()) {
      n++;
      // Ana tags every sentence; Ben and Cyd often end theirs at the same place, so three or more
      // note numbers stand after one word; Cyd's passages also run across two sentences.
      await createAnnotation(ana.actor, doc!.id, span(sentence.start, sentence.end, n, n % 4 === 0 ? 'A note long enough to wrap in the list of annotations below the article, as real notes are.' : ''));
      if (s % 2 === 0) await createAnnotation(ben.actor, doc!.id, span(sentence.start + 10, sentence.end, n + 1));
      if (s % 3 === 0) await createAnnotation(cyd.actor, doc!.id, span(sentence.start + 4, sentence.end, n + 2));
      const following = sentences[s + 1];
      if (s % 3 === 1 && following) await createAnnotation(cyd.actor, doc!.id, span(Math.floor((sentence.start + sentence.end) / 2), following.end, n + 3));
    }
  }
  return { p, texts, names: categories.map((c) => c.name) };
}

/** The space from each paragraph's last line to the next one's first, on the same page. */
function paragraphGaps(pages: ReturnType<typeof readPdfLines>, texts: string[]): number[] {
  const isBody = (l: PdfLine) => l.yMax - l.yMin > 10; // a note number alone on its line is shorter
  const gaps: number[] = [];
  for (const opening of texts.slice(1).map((t) => t.split(' ').slice(0, 3).join(' '))) {
    const page = pages.find((pg) => pg.lines.some((l) => l.text.startsWith(opening)));
    expect(page, `no line opens with "${opening}"`).toBeDefined();
    const first = page!.lines.find((l) => l.text.startsWith(opening))!;
    const above = page!.lines.filter((l) => isBody(l) && l.yMin < first.yMin - 1).sort((a, b) => b.yMin - a.yMin)[0];
    // A paragraph that opens a page has no gap to measure there.
    if (above && above.yMin > margin + 20) gaps.push(first.yMin - above.yMin);
  }
  return gaps;
}

describe('the PDF report', () => {
  it.skipIf(!hasPoppler)('draws no line over another, none past the right margin, and the same space between paragraphs', async () => {
    const { p, texts } = await setUpCrowdedReport();
    const pdf = await exportProject(p.owner.actor, p.slug, { format: 'pdf' }, 'http://parallax.test');
    mkdirSync(out, { recursive: true });
    const file = path.join(out, 'crowded-report.pdf');
    writeFileSync(file, pdf.bytes);
    const pages = readPdfLines(file);
    expect(pages.length).toBeGreaterThan(4);

    const overlaps = pages.flatMap((page) => overlappingLines(page)).map(([a, b]) => `${describeLine(a)} overlaps ${describeLine(b)}`);
    expect(overlaps).toEqual([]);
    const past = pages.flatMap((page) => linesPastRightMargin(page, margin)).map(describeLine);
    expect(past).toEqual([]);

    // Every gap between paragraphs is the same, and wider than a line: it does not collapse after a
    // paragraph that ends with note numbers.
    const gaps = paragraphGaps(pages, texts);
    expect(gaps.length).toBeGreaterThan(3);
    const pitch = 16; // a line of the articles' text, about 10.5 pt type on 16.9 pt
    for (const gap of gaps) expect(gap).toBeGreaterThan(pitch + 4);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(0.5);

    // The first article page as a reader sees it, kept as an artifact to look at.
    const article = pages.find((page) => page.lines.some((l) => l.text.startsWith('A crowded article')))!;
    const png = path.join(out, 'crowded-article');
    expect(spawnSync('pdftoppm', ['-png', '-r', '80', '-f', String(article.number), '-l', String(article.number + 1), file, png]).status).toBe(0);
    const image = readFileSync(`${png}-${String(article.number).padStart(String(pages.length).length, '0')}.png`);
    expect(image.subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);
});

describe('the HTML report', () => {
  it.skipIf(!existsSync(chromiumPath))('fits the page at 800 and 390 px: tables scroll in their own box, and the matrix\'s headers are whole', async () => {
    const { p, names } = await setUpCrowdedReport();
    const html = await exportProject(p.owner.actor, p.slug, { format: 'html' }, 'http://parallax.test');
    mkdirSync(out, { recursive: true });
    const file = path.join(out, 'crowded-report.html');
    writeFileSync(file, html.bytes);
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    try {
      for (const width of [800, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.goto(`file://${file}`);
        const seen = await page.evaluate(() => {
          const root = document.documentElement;
          const matrix = document.querySelector('table.matrix');
          const box = matrix?.closest('.table-scroll') ?? null;
          const headers = [...document.querySelectorAll<HTMLElement>('table.matrix th.factor .name')].map((el) => {
            const cell = el.closest('th')!.getBoundingClientRect();
            const r = el.getBoundingClientRect();
            return {
              text: el.textContent ?? '',
              clipped: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1 || r.left < cell.left - 1 || r.right > cell.right + 1 || r.top < cell.top - 1 || r.bottom > cell.bottom + 1,
            };
          });
          return {
            pageScrollWidth: root.scrollWidth,
            pageClientWidth: root.clientWidth,
            boxFits: box ? box.getBoundingClientRect().right <= root.clientWidth && getComputedStyle(box).overflowX === 'auto' : false,
            tablesOutsideBoxes: [...document.querySelectorAll('table')].filter((t) => !t.closest('.table-scroll')).length,
            headers,
          };
        });
        await page.screenshot({ path: path.join(out, `crowded-report-html-${width}.png`), fullPage: false });
        expect(seen.pageScrollWidth, `the page scrolls sideways at ${width} px`).toBeLessThanOrEqual(seen.pageClientWidth);
        expect(seen.boxFits).toBe(true);
        expect(seen.tablesOutsideBoxes).toBe(0);
        expect(seen.headers.map((h) => h.text)).toEqual(names);
        expect(seen.headers.filter((h) => h.clipped).map((h) => h.text)).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('an empty report', () => {
  /** The HTML report's text, and the PDF's as pdftotext reads it, with white space collapsed. */
  async function reports(p: Awaited<ReturnType<typeof makeProject>>) {
    const html = new TextDecoder().decode((await exportProject(p.owner.actor, p.slug, { format: 'html' }, 'http://parallax.test')).bytes);
    const pdf = await exportProject(p.owner.actor, p.slug, { format: 'pdf' }, 'http://parallax.test');
    mkdirSync(out, { recursive: true });
    const file = path.join(out, `empty-${p.slug}.pdf`);
    writeFileSync(file, pdf.bytes);
    const text = hasPoppler ? spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ') : null;
    return { html, text };
  }

  it('says what is missing and how to fill it, instead of an empty grid', async () => {
    const noArticles = await makeProject();
    await makeCodebook(noArticles.slug);
    const none = await reports(noArticles);
    expect(none.html).toContain('No articles in this export: import some on the project’s Import tab');
    expect(none.html).not.toContain('class="matrix"');

    const noCodebook = await makeProject();
    await makeDocument(noCodebook);
    const bare = await reports(noCodebook);
    expect(bare.html.match(/The codebook has no categories yet: add them on the project’s Codebook tab/g)).toHaveLength(2);
    expect(bare.html).not.toContain('class="matrix"');

    const untagged = await makeProject();
    await makeCodebook(untagged.slug);
    await makeDocument(untagged);
    const plain = await reports(untagged);
    expect(plain.html).toContain('No passages are tagged in this export yet: open an article, tag the passages');
    expect(plain.html).not.toContain('class="matrix"');
    expect(plain.html).not.toContain('0.0 %');
    if (plain.text !== null && bare.text !== null && none.text !== null) {
      expect(none.text).toContain('No articles in this export');
      expect(bare.text).toContain('The codebook has no categories yet');
      expect(plain.text).toContain('No passages are tagged in this export yet');
      expect(plain.text).not.toContain('Framing profiles');
    }
  }, 60_000);
});
