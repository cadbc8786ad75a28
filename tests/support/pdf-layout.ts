// Reads where a PDF's text lines sit on its pages, as a reader's tool sees them: poppler's
// `pdftotext -bbox-layout` groups the glyphs into lines and gives each line its box (PDF points,
// origin at the top left). Nothing here knows how Parallax draws a report, so a test built on it
// checks the drawn page, not the renderer's own idea of it.
import { spawnSync } from 'node:child_process';
import { XMLParser } from 'fast-xml-parser';

export type PdfLine = { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number };
export type PdfPage = { number: number; width: number; height: number; lines: PdfLine[] };

type Box = { xMin: string; yMin: string; xMax: string; yMax: string };
type WordNode = Box & { '#text'?: string | number };
type LineNode = Box & { word?: WordNode | WordNode[] };
type BlockNode = { line?: LineNode | LineNode[] };
type FlowNode = { block?: BlockNode | BlockNode[] };
type PageNode = { width: string; height: string; flow?: FlowNode | FlowNode[] };

const all = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Every page's text lines, with their boxes. Throws if pdftotext fails. */
export function readPdfLines(file: string): PdfPage[] {
  const run = spawnSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`pdftotext -bbox-layout ${file}: ${run.stderr}`);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false }).parse(run.stdout) as { html: { body: { doc: { page: PageNode | PageNode[] } } } };
  return all(parsed.html.body.doc.page).map((p, i) => ({
    number: i + 1,
    width: Number(p.width),
    height: Number(p.height),
    lines: all(p.flow)
      .flatMap((f) => all(f.block))
      .flatMap((b) => all(b.line))
      .map((l) => ({
        page: i + 1,
        text: all(l.word).map((w) => String(w['#text'] ?? '')).join(' '),
        xMin: Number(l.xMin),
        yMin: Number(l.yMin),
        xMax: Number(l.xMax),
        yMax: Number(l.yMax),
      })),
  }));
}

/**
 * Pairs of lines on a page whose boxes intersect by more than `tolerance` points both across and
 * down: text drawn over text. Boxes that merely touch (one line's descent meeting the next one's
 * ascent) do not count.
 */
export function overlappingLines(page: PdfPage, tolerance = 0.5): [PdfLine, PdfLine][] {
  const found: [PdfLine, PdfLine][] = [];
  const lines = [...page.lines].sort((a, b) => a.yMin - b.yMin);
  for (const [i, a] of lines.entries()) {
    for (const b of lines.slice(i + 1)) {
      if (b.yMin >= a.yMax - tolerance) break;
      const across = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const down = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (across > tolerance && down > tolerance) found.push([a, b]);
    }
  }
  return found;
}

/** Lines that run past the right margin (`margin` points from the page's right edge). */
export function linesPastRightMargin(page: PdfPage, margin: number, tolerance = 0.5): PdfLine[] {
  return page.lines.filter((l) => l.xMax > page.width - margin + tolerance);
}

/** A line and its box in words, for a failure message. */
export const describeLine = (l: PdfLine) => `p.${l.page} [${l.xMin.toFixed(1)}–${l.xMax.toFixed(1)} × ${l.yMin.toFixed(1)}–${l.yMax.toFixed(1)}] "${l.text.slice(0, 70)}"`;
