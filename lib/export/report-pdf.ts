// The annotated report as a PDF, drawn with PDFKit (pure JavaScript, no browser): embedded fonts
// (Inter for headings and figures, Source Serif 4 for the articles' text, both from npm), real
// text that can be selected and searched, highlighted passages with numbered notes, and the
// framing and agreement figures drawn as tables and bars. No database: it lays out a ReportModel.
//
// Long reports are drawn article by article with a pause between them (`yieldEvery`), so a server
// making one keeps answering other requests; `onProgress` reports each article done.
import { httpUrlOrNull } from '@/lib/validations/document';
import PDFDocument from 'pdfkit';
import { alphaReadingLabels, readAlpha } from '@/lib/agreement/report';
import { formatAgreement } from '@/lib/agreement/types';
import { shareHeat } from '@/lib/colors';
import { formatLongDay, formatShare } from '@/lib/format';
import { breakLines, type Line, type Measure, noteLabel, type Piece, type PieceStyle } from './pdf-lines';
import type { ReportArticle, ReportModel } from './report-model';

export type ReportFonts = {
  sans: Uint8Array;
  sansBold: Uint8Array;
  serif: Uint8Array;
  serifBold: Uint8Array;
  serifItalic: Uint8Array;
};

type Doc = InstanceType<typeof PDFDocument>;

const ink = '#1c1917';
const muted = '#57534e';
const accent = '#4338ca';

/** A category colour darkened enough to read as text on white. */
function textColor(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return ink;
  return `#${[m[1], m[2], m[3]].map((h) => Math.round(parseInt(h!, 16) * 0.62).toString(16).padStart(2, '0')).join('')}`;
}

// The embedded fonts are the Latin subsets of Inter and Source Serif 4: the few symbols the report
// writes itself outside them (α, κ, ≥, ≤) are spelled out.
const latin = (text: string) => text.replace(/αu/g, 'alpha-u').replace(/α/g, 'alpha').replace(/κ/g, 'kappa').replace(/≥/g, '>=').replace(/≤/g, '<=');

const pct = (x: number) => formatShare(x);
const day = formatLongDay;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

function heading(doc: Doc, text: string, size = 16) {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.6).font('sans-bold').fontSize(size).fillColor(ink).text(text).moveDown(0.3);
}

function caption(doc: Doc, text: string) {
  doc.font('sans').fontSize(8.5).fillColor(muted).text(text).moveDown(0.4).fillColor(ink);
}

/** A section with nothing to show: what is missing and the step that fills it. */
function emptyNote(doc: Doc, text: string) {
  doc.font('sans').fontSize(9.5).fillColor(muted).text(text).moveDown(0.5).fillColor(ink);
}

function swatch(doc: Doc, color: string, x: number, y: number, size = 7) {
  doc.save().rect(x, y, size, size).fill(color).restore();
}

/** A note number: small, bold, raised inside the line's height, so it never reaches the line above. */
const noteStyle: PieceStyle = { font: 'sans-bold', size: 6.5, color: accent, underline: null, rise: 3.6 };
const lineGap = 2.5;

function lineHeight(doc: Doc, font: string, size: number): number {
  return doc.font(font).fontSize(size).currentLineHeight(true);
}

/**
 * How far the font's baseline sits below the top of its line, in points. PDFKit places text by the
 * top of its own font; pieces of two fonts on one line (the text and its note numbers) must share
 * the text's baseline instead, and PDFKit's typings do not show the font's metrics.
 */
function ascender(doc: Doc, font: string, size: number): number {
  const current = doc.font(font).fontSize(size) as unknown as { _font: { ascender: number } };
  return (current._font.ascender / 1000) * size;
}

function measureWith(doc: Doc): Measure {
  return (text, style) => doc.font(style.font).fontSize(style.size).widthOfString(text);
}

/**
 * Draws broken lines from doc.y down, each the height of the paragraph's own type (`base`), turning
 * the page when a line would not fit; `keepWith` more lines' room is asked for the first one.
 */
function drawLines(doc: Doc, lines: Line[], base: PieceStyle, keepWith = 0) {
  const left = doc.page.margins.left;
  const height = lineHeight(doc, base.font, base.size) + lineGap;
  const ascent = ascender(doc, base.font, base.size);
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  for (const [i, line] of lines.entries()) {
    if (doc.y + height * (i === 0 ? 1 + keepWith : 1) > bottom()) doc.addPage();
    const top = doc.y;
    const baseline = top + ascent;
    for (const p of line.pieces) {
      const x = left + p.x;
      doc.font(p.style.font).fontSize(p.style.size).fillColor(p.style.color).text(p.text, x, baseline - p.style.rise, { lineBreak: false, baseline: 'alphabetic' });
      if (p.style.underline) doc.save().rect(x, baseline + 1.4, p.width, 0.6).fill(p.style.underline).restore();
    }
    doc.x = left;
    doc.y = top + height;
  }
}

/** Pauses every `every` calls: drawing is synchronous, so long articles give the event loop a turn. */
function pacer(every: number): () => Promise<void> {
  let n = 0;
  return async () => {
    if (++n % every === 0) await pause();
  };
}

async function drawArticle(doc: Doc, article: ReportArticle, colorOf: Map<string, string>) {
  const breathe = pacer(8);
  doc.addPage();
  const d = article.document;
  doc.font('serif-bold').fontSize(18).fillColor(ink).text(article.title);
  const meta = [d.author ?? 'author unknown', d.authorAffiliation, d.outlet ?? 'outlet unknown', d.publishedOn ? day(`${d.publishedOn}T00:00:00Z`) : 'date unknown'].filter(Boolean).join(' · ');
  doc.moveDown(0.2).font('sans').fontSize(9).fillColor(muted).text(meta);
  // Only an http(s) address becomes a link; anything else is printed as text.
  if (d.sourceUrl) doc.text(d.sourceUrl, { link: httpUrlOrNull(d.sourceUrl)?.href ?? null, underline: false });
  if (article.memo) {
    doc.moveDown(0.6).font('sans-bold').fontSize(9.5).fillColor(ink).text('Memo');
    doc.font('serif-italic').fontSize(10).fillColor(muted).text(article.memo).fillColor(ink);
  }
  doc.moveDown(0.8);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  // One space between paragraphs, whatever the last piece drawn was: PDFKit's moveDown measures
  // in the current font, which after a note number was the numbers' small size.
  const gap = 0.5 * lineHeight(doc, 'serif', 10.5);
  for (const [i, block] of article.blocks.entries()) {
    const heading = block.type === 'heading';
    const base: PieceStyle = { font: heading ? 'sans-bold' : 'serif', size: heading ? 11.5 : 10.5, color: ink, underline: null, rise: 0 };
    if (heading && i > 0) doc.y += 0.4 * lineHeight(doc, base.font, base.size);
    const pieces: Piece[] = block.runs.flatMap((run) => {
      const color = run.categories.length > 0 ? textColor(colorOf.get(run.categories[0]!) ?? ink) : ink;
      const text: Piece = { text: run.text, style: { ...base, color, underline: run.categories.length > 0 ? color : null } };
      return run.endsNotes.length > 0 ? [text, { text: noteLabel(run.endsNotes), style: noteStyle, glue: true }] : [text];
    });
    // A heading keeps the block after it company on its page.
    drawLines(doc, breakLines(pieces, width, measureWith(doc)), base, heading ? 2 : 0);
    doc.y += gap;
    await breathe();
  }
  doc.x = left;
  doc.moveDown(0.5).font('sans-bold').fontSize(11).fillColor(ink).text(`Annotations (${article.notes.length})`).moveDown(0.3);
  if (article.notes.length === 0) doc.font('sans').fontSize(9).fillColor(muted).text('None in this export.');
  for (const n of article.notes) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
    const y = doc.y;
    swatch(doc, n.category.color, doc.page.margins.left, y + 2.5, 6);
    const attrs = n.attributes.map((a) => `${a.name}: ${a.value}`).join(' · ');
    doc.font('sans-bold').fontSize(8.5).fillColor(accent).text(`${n.number}. `, doc.page.margins.left + 10, y, { continued: true })
      .fillColor(ink).text(n.category.path, { continued: true })
      .font('sans').fillColor(muted).text(` — ${n.who}${attrs ? ` · ${attrs}` : ''}`);
    const quote = n.annotation.quote.length > 240 ? `${n.annotation.quote.slice(0, 237)}…` : n.annotation.quote;
    if (n.unplaced) doc.font('sans').fontSize(8.5).fillColor(muted).text('Unplaced (its text was corrected); last known text:', doc.page.margins.left + 10);
    doc.font('serif-italic').fontSize(9).fillColor(ink).text(`“${quote}”`, doc.page.margins.left + 10);
    if (n.annotation.note) doc.font('sans').fontSize(8.5).fillColor(muted).text(`Note: ${n.annotation.note}`, doc.page.margins.left + 10);
    for (const c of n.comments) doc.font('sans').fontSize(8.5).fillColor(muted).text(`Comment by ${c.author}: ${c.body}`, doc.page.margins.left + 18);
    doc.moveDown(0.35);
    await breathe();
  }
  doc.x = doc.page.margins.left;
}

function drawMatrix(doc: Doc, model: ReportModel) {
  const cats = model.codebook.categories;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const labelWidth = 150;
  // A cell must hold "100.0 %": a codebook with more factors than fit across the page is drawn as
  // several tables of consecutive columns, rather than with figures drawn over each other.
  const perTable = Math.max(1, Math.floor((width - labelWidth) / 26));
  const cellWidth = Math.min(40, (width - labelWidth) / Math.max(1, Math.min(perTable, cats.length)));
  const max = Math.max(0, ...model.articles.flatMap((a) => cats.map((c) => model.comparison.matrix[a.document.id]?.[c.id]?.share ?? 0)));
  for (let from = 0; from < Math.max(1, cats.length); from += perTable) {
    const group = cats.slice(from, from + perTable);
    if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
    let y = doc.y;
    doc.font('sans-bold').fontSize(7).fillColor(muted);
    group.forEach((c, i) => {
      swatch(doc, c.color, left + labelWidth + i * cellWidth + cellWidth / 2 - 3, y, 6);
      doc.text(String(from + i + 1), left + labelWidth + i * cellWidth, y + 8, { width: cellWidth, align: 'center' });
    });
    y += 22;
    for (const a of model.articles) {
      if (y > doc.page.height - doc.page.margins.bottom - 30) {
        doc.addPage();
        y = doc.y;
      }
      doc.font('sans').fontSize(7.5).fillColor(ink).text(a.title, left, y + 2, { width: labelWidth - 6, height: 20, ellipsis: true });
      group.forEach((c, i) => {
        const share = model.comparison.matrix[a.document.id]?.[c.id]?.share ?? 0;
        const heat = shareHeat(share, max);
        const x = left + labelWidth + i * cellWidth;
        doc.save().roundedRect(x + 1, y, cellWidth - 2, 20, 2).fill(heat.background).restore();
        doc.font('sans').fontSize(6.5).fillColor(heat.color).text(share > 0 ? pct(share) : '–', x, y + 7, { width: cellWidth, align: 'center' });
      });
      y += 23;
    }
    doc.x = left;
    doc.y = y + 6;
  }
  doc.font('sans').fontSize(7.5).fillColor(muted).text(cats.map((c, i) => `${i + 1} ${c.name}`).join('   ·   '), left, doc.y, { width });
  doc.fillColor(ink).moveDown(0.5);
}

function drawProfiles(doc: Doc, model: ReportModel) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const labelWidth = 150;
  for (const a of model.comparison.authors) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    const p = model.comparison.profiles[a.key]!;
    doc.font('sans').fontSize(8).fillColor(ink).text(a.label, left, y + 2, { width: labelWidth - 8, height: 12, ellipsis: true });
    let x = left + labelWidth;
    const barWidth = width - labelWidth;
    doc.save().rect(x, y, barWidth, 14).fill('#f5f5f4').restore();
    for (const c of model.codebook.categories) {
      const share = p[c.id] ?? 0;
      if (!Number.isFinite(share) || share <= 0) continue;
      const w = share * barWidth;
      doc.save().rect(x, y, w, 14).fill(c.color).restore();
      if (share >= 0.09) doc.font('sans-bold').fontSize(6.5).fillColor('#ffffff').text(pct(share).replace(/\.\d /, ' '), x, y + 4, { width: w, align: 'center' });
      x += w;
    }
    doc.x = left;
    doc.y = y + 20;
  }
  doc.fillColor(ink);
}

/**
 * Draws the report and resolves with the PDF's bytes. `onProgress(done, total)` is called as the
 * articles are drawn.
 */
export async function renderReportPdf(model: ReportModel, fonts: ReportFonts, onProgress?: (done: number, total: number) => void): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: `${model.title} — annotated report`, Author: 'Parallax', Subject: model.subtitle, Creator: 'Parallax', CreationDate: new Date(model.exportedAt) },
    displayTitle: true,
    // Buffered, so that every page can get its footer ("3 / 40") once the count is known.
    bufferPages: true,
    lang: 'en',
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Uint8Array) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('sans', Buffer.from(fonts.sans));
  doc.registerFont('sans-bold', Buffer.from(fonts.sansBold));
  doc.registerFont('serif', Buffer.from(fonts.serif));
  doc.registerFont('serif-bold', Buffer.from(fonts.serifBold));
  doc.registerFont('serif-italic', Buffer.from(fonts.serifItalic));
  const colorOf = new Map(model.codebook.categories.map((c) => [c.id, c.color]));
  const total = model.articles.length;
  // Title page
  doc.font('sans').fontSize(9).fillColor(muted).text(`Parallax · ${day(model.exportedAt)}`);
  doc.moveDown(6).font('sans-bold').fontSize(26).fillColor(ink).text(model.title);
  doc.moveDown(0.4).font('sans').fontSize(13).fillColor(muted).text(model.subtitle);
  if (model.description) doc.moveDown(1).font('serif').fontSize(11).fillColor(ink).text(model.description);
  doc.moveDown(1).font('sans').fontSize(9.5).fillColor(muted).text(`${model.source} ${model.counts.comments} comment${model.counts.comments === 1 ? '' : 's'}.`);
  doc.moveDown(2).font('sans-bold').fontSize(10).fillColor(ink).text('Contents');
  const contents = ['Codebook', model.framingHeading, 'Agreement', ...(model.projectMemo ? ['Memo on the comparison'] : []), ...model.articles.map((a) => a.title)];
  doc.font('sans').fontSize(9.5).fillColor(ink).list(contents, { listType: 'numbered', bulletRadius: 1.5, textIndent: 14 });

  // Codebook
  doc.addPage();
  heading(doc, 'Codebook', 18);
  if (model.empty.codebook) emptyNote(doc, model.empty.codebook);
  for (const c of model.codebook.categories) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    swatch(doc, c.color, doc.page.margins.left, y + 2.5, 8);
    doc.font('sans-bold').fontSize(10).fillColor(ink).text(c.path, doc.page.margins.left + 14, y);
    if (c.description) doc.font('sans').fontSize(9).fillColor(muted).text(c.description, doc.page.margins.left + 14);
    doc.moveDown(0.4);
  }
  doc.x = doc.page.margins.left;
  for (const a of model.codebook.attributes) {
    doc.moveDown(0.3).font('sans-bold').fontSize(10).fillColor(ink).text(a.name, { continued: true }).font('sans').fillColor(muted).text(`${a.description ? ` — ${a.description}` : ''}: ${a.options.map((o) => o.label).join(', ')}`);
  }

  await pause();
  // Framing
  doc.addPage();
  heading(doc, model.framingHeading, 18);
  if (model.empty.framing) {
    // Nothing to count: one sentence saying what is missing, rather than a grid of dashes.
    emptyNote(doc, model.empty.framing);
  } else {
    caption(doc, `Share of each article’s text arguing each factor (overlapping passages counted once), from ${model.comparisonSource}.`);
    drawMatrix(doc, model);
    heading(doc, 'Framing profiles', 12);
    caption(doc, 'Each author’s tagged text divided among the factors (colours as in the codebook).');
    drawProfiles(doc, model);
    heading(doc, 'Distance between authors', 12);
    caption(doc, 'Jensen–Shannon distance between framing profiles: 0 = the same mix of factors, 1 = nothing in common.');
    const label = new Map(model.comparison.authors.map((a) => [a.key, a.label]));
    const distances = [...model.comparison.distances].filter((x) => Number.isFinite(x.distance)).sort((x, y) => y.distance - x.distance);
    if (distances.length === 0) doc.font('sans').fontSize(8.5).fillColor(muted).text('Not enough tagged authors to compare.');
    for (const d of distances) {
      const top = d.separating[0];
      const cat = top ? model.codebook.categories.find((c) => c.id === top.category) : undefined;
      doc.font('sans').fontSize(8.5).fillColor(ink).text(`${d.distance.toFixed(2)}   ${label.get(d.a)} — ${label.get(d.b)}${cat && top ? ` (most on ${cat.name}: ${pct(top.a)} vs ${pct(top.b)})` : ''}`);
    }
  }

  await pause();
  // Agreement
  heading(doc, 'Agreement', 18);
  const ag = model.agreement;
  if (!ag) {
    doc.font('sans').fontSize(9.5).fillColor(muted).text(latin(model.agreementWithheld ?? 'Agreement needs at least two annotators’ layers in the export.'));
  } else {
    doc.font('sans').fontSize(9.5).fillColor(ink).text(
      latin(`Krippendorff’s unitizing alpha over ${ag.coders.length} annotators (${ag.coders.map((c) => c.name).join(', ')}): ${formatAgreement(ag.unitized.overall)} — ${alphaReadingLabels[readAlpha(ag.unitized.overall)]}. Krippendorff (2004) advises relying on α ≥ 0.8 and drawing only tentative conclusions from 0.667 ≤ α < 0.8.`),
    );
    doc.moveDown(0.5);
    const left = doc.page.margins.left;
    const cols = [left, left + 220, left + 275, left + 345, left + 415];
    doc.font('sans-bold').fontSize(8).fillColor(muted);
    const headY = doc.y;
    ['Category', 'alpha-u', 'alpha (sent.)', 'Fleiss kappa', '% agree'].forEach((h, i) => doc.text(h, cols[i], headY, { lineBreak: false }));
    doc.x = left;
    doc.moveDown(1);
    for (const c of ag.categories) {
      // A long name wraps within its column and the row grows to hold it (PDFKit wraps a string
      // given a width whatever lineBreak says, so a fixed row height drew names over each other).
      doc.font('sans').fontSize(8).fillColor(ink);
      const nameHeight = doc.heightOfString(c.name, { width: 200 });
      if (doc.y + Math.max(20, nameHeight + 3) > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const s = ag.sentences.byCategory[c.id]!;
      const y = doc.y;
      swatch(doc, c.color, left, y + 2, 6);
      doc.text(c.name, left + 10, y, { width: 200 });
      [formatAgreement(ag.unitized.byCategory[c.id] ?? Number.NaN), formatAgreement(s.alpha), formatAgreement(s.fleissKappa), pct(s.percentAgreement)].forEach((v, i) => doc.text(v, cols[i + 1], y, { lineBreak: false }));
      doc.x = left;
      doc.y = y + Math.max(13, nameHeight + 3);
    }
    doc.moveDown(0.5).font('sans').fontSize(8).fillColor(muted).text(`Pairs (alpha-u): ${ag.unitized.pairs.map((p) => `${ag.coders.find((c) => c.id === p.a)?.name}–${ag.coders.find((c) => c.id === p.b)?.name} ${formatAgreement(p.overall)}`).join('; ')}. n/c: not computable.`, left);
  }

  if (model.projectMemo) {
    heading(doc, 'Memo on the comparison', 18);
    doc.font('serif').fontSize(10.5).fillColor(ink).text(model.projectMemo);
  }

  for (const [i, article] of model.articles.entries()) {
    await drawArticle(doc, article, colorOf);
    onProgress?.(i + 1, total);
    await pause();
  }

  // Footers, now that the page count is known (pausing now and then: a long report has many pages).
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('sans').fontSize(7.5).fillColor(muted).text(`${model.title} · ${p + 1} / ${range.count}`, doc.page.margins.left, doc.page.height - 36, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
    if (p % 10 === 9) await pause();
  }
  doc.end();
  return done;
}
