// Pure: what an annotated report says, independent of how it is drawn (HTML or PDF). Built from an
// export snapshot, so a report shows exactly what its reader may see. The HTML and PDF renderers
// (report-html.ts, report-pdf.ts) only lay this out.
import { computeAgreementReport, type AgreementReport } from '@/lib/agreement/report';
import { computeComparison, type Comparison } from '@/lib/compare';
import { documentSentences } from '@/lib/corpus/sentences';
import { displayTitle } from '@/lib/corpus/titles';
import { computeSegments } from '@/lib/editor/segments';
import type { ExportAnnotation, ExportCategory, ExportDocument, ExportSnapshot } from './types';

export type ReportNote = {
  /** The footnote number shown after the passage (1-based, per article). */
  number: number;
  annotation: ExportAnnotation;
  category: ExportCategory;
  /** Who: the annotator's name, or "Consensus (curated by …)". */
  who: string;
  attributes: { name: string; value: string }[];
  comments: { author: string; body: string; createdAt: string }[];
  /** Left unplaced by a text correction: listed with its last known text, highlighted nowhere. */
  unplaced: boolean;
};

/** A run of a block's text and the annotations over it; `endsNotes` are the footnotes whose passage ends here. */
export type ReportRun = { text: string; categories: string[]; endsNotes: number[] };

export type ReportBlock = { type: 'heading' | 'paragraph'; runs: ReportRun[] };

export type ReportArticle = {
  document: ExportDocument;
  title: string;
  blocks: ReportBlock[];
  notes: ReportNote[];
  memo: string | null;
};

export type ReportModel = {
  title: string;
  subtitle: string;
  exportedAt: string;
  description: string;
  /** What the highlights and figures are computed from, in words. */
  source: string;
  codebook: { categories: ExportCategory[]; attributes: ExportSnapshot['attributes'] };
  articles: ReportArticle[];
  comparison: Comparison;
  comparisonSource: string;
  /** Null when fewer than two annotators' layers are in the export. */
  agreement: AgreementReport | null;
  /** Why the agreement figures are left out, when the exporter may not see them. */
  agreementWithheld: string | null;
  projectMemo: string | null;
  /** The framing section's heading: the project's research question, or a plain one where none is set. */
  framingHeading: string;
  /**
   * What a reader is told where a section would be an empty grid, with the one step that fills it
   * (null where the section has content). Both renderers print these words.
   */
  empty: { codebook: string | null; framing: string | null };
  counts: { articles: number; annotations: number; annotators: number; comments: number };
};

function articleOf(
  snapshot: ExportSnapshot,
  doc: ExportDocument,
  names: Map<string, string>,
  categories: Map<string, ExportCategory>,
  commentsByAnnotation: Map<string, ExportSnapshot['comments']>,
): ReportArticle {
  const annotations = snapshot.annotations.filter((a) => a.documentId === doc.id).sort((a, b) => a.start - b.start || b.end - a.end);
  const numberOf = new Map(annotations.map((a, i) => [a.id, i + 1]));
  // An unplaced annotation's offsets no longer hold its text: it is numbered and listed, not highlighted.
  const placed = annotations.filter((a) => !a.orphaned);
  const segments = computeSegments(placed.map((a) => ({ id: a.id, start: a.start, end: a.end })));
  const byId = new Map(annotations.map((a) => [a.id, a]));
  const endsAt = new Map<number, number[]>();
  for (const a of placed) endsAt.set(a.end, [...(endsAt.get(a.end) ?? []), numberOf.get(a.id)!]);
  const blocks: ReportBlock[] = doc.blocks.map((b) => {
    const runs: ReportRun[] = [];
    let at = b.start;
    const push = (start: number, end: number, ids: string[]) => {
      if (end <= start) return;
      runs.push({ text: doc.text.slice(start, end), categories: [...new Set(ids.map((id) => byId.get(id)!.categoryId))], endsNotes: [] });
    };
    for (const s of segments) {
      if (s.end <= b.start || s.start >= b.end) continue;
      const start = Math.max(s.start, b.start);
      const end = Math.min(s.end, b.end);
      push(at, start, []);
      push(start, end, s.ids);
      const last = runs[runs.length - 1];
      if (last && endsAt.has(end)) last.endsNotes = [...new Set([...last.endsNotes, ...endsAt.get(end)!])].sort((x, y) => x - y);
      at = end;
    }
    push(at, b.end, []);
    return { type: b.type, runs };
  });
  const attributeLabel = (key: string, value: string) => {
    const def = snapshot.attributes.find((a) => a.key === key);
    return { name: def?.name ?? key, value: def?.options.find((o) => o.value === value)?.label ?? value };
  };
  const notes = annotations.map((a) => ({
    number: numberOf.get(a.id)!,
    annotation: a,
    category: categories.get(a.categoryId)!,
    who: a.layer === 'CONSENSUS' ? `Consensus (curated by ${names.get(a.annotatorId) ?? 'a curator'})` : (names.get(a.annotatorId) ?? 'an annotator'),
    attributes: Object.entries(a.attributes).map(([k, v]) => attributeLabel(k, v)),
    comments: (commentsByAnnotation.get(a.id) ?? []).map((c) => ({ author: names.get(c.authorId) ?? 'someone', body: c.body, createdAt: c.createdAt })),
    unplaced: a.orphaned === true,
  }));
  const memo = snapshot.memos.find((m) => m.documentId === doc.id)?.body ?? null;
  return { document: doc, title: displayTitle(doc), blocks, notes, memo };
}

/**
 * The report's content. The framing figures use the consensus where the export has one, else every
 * exported annotator layer pooled; agreement uses the annotator layers (two or more needed).
 */
export function buildReportModel(snapshot: ExportSnapshot): ReportModel {
  const names = new Map(snapshot.users.map((u) => [u.id, u.name]));
  const categories = new Map(snapshot.categories.map((c) => [c.id, c]));
  // The figures count passages where they are; unplaced ones have no place to count.
  const annotatorLayer = snapshot.annotations.filter((a) => a.layer === 'ANNOTATOR' && !a.orphaned);
  const consensus = snapshot.annotations.filter((a) => a.layer === 'CONSENSUS' && !a.orphaned);
  const commentsByAnnotation = new Map<string, ExportSnapshot['comments']>();
  for (const c of snapshot.comments) commentsByAnnotation.set(c.annotationId, [...(commentsByAnnotation.get(c.annotationId) ?? []), c]);
  const annotatorIds = [...new Set(annotatorLayer.map((a) => a.annotatorId))];
  const framingSpans = consensus.length > 0 ? consensus : annotatorLayer;
  const categoryIds = snapshot.categories.map((c) => c.id);
  const comparison = computeComparison({
    documents: snapshot.documents.map((d) => ({ ...d, length: d.text.length })),
    categories: categoryIds,
    spans: framingSpans.map((a) => ({ id: a.id, documentId: a.documentId, category: a.categoryId, start: a.start, end: a.end, attributes: a.attributes })),
    attributeKey: snapshot.attributes[0]?.key ?? null,
  });
  const agreementWithheld = snapshot.withheld?.agreement ?? null;
  const agreement =
    agreementWithheld === null && annotatorIds.length >= 2
      ? computeAgreementReport({
          coders: annotatorIds.map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name)),
          categories: snapshot.categories.map((c) => ({ id: c.id, name: c.path, color: c.color })),
          documents: snapshot.documents.map((d) => ({ id: d.id, title: d.title, length: d.text.length, sentences: documentSentences(d.text, d.blocks) })),
          spans: annotatorLayer.map((a) => ({ coder: a.annotatorId, documentId: a.documentId, category: a.categoryId, start: a.start, end: a.end })),
        })
      : null;
  const codebookEmpty = snapshot.categories.length === 0 ? 'The codebook has no categories yet: add them on the project’s Codebook tab, then tag passages with them.' : null;
  const framingEmpty =
    snapshot.documents.length === 0
      ? 'No articles in this export: import some on the project’s Import tab, or widen the export’s selection.'
      : (codebookEmpty ??
        (framingSpans.length === 0 ? 'No passages are tagged in this export yet: open an article, tag the passages that argue each factor, then export again.' : null));
  const layers = [annotatorIds.length > 0 ? `${annotatorIds.length} annotator layer${annotatorIds.length === 1 ? '' : 's'} (${annotatorIds.map((id) => names.get(id)).join(', ')})` : null, consensus.length > 0 ? 'the consensus layer' : null].filter(Boolean);
  return {
    title: snapshot.project.name,
    subtitle: `Annotated report: ${snapshot.documents.length} article${snapshot.documents.length === 1 ? '' : 's'}, ${snapshot.annotations.length} annotations`,
    exportedAt: snapshot.exportedAt,
    description: snapshot.project.description,
    source: layers.length > 0 ? `Highlights from ${layers.join(' and ')}.` : 'No annotations in this export.',
    codebook: { categories: snapshot.categories, attributes: snapshot.attributes },
    articles: snapshot.documents.map((d) => articleOf(snapshot, d, names, categories, commentsByAnnotation)),
    comparison,
    comparisonSource: consensus.length > 0 ? 'the consensus layer' : `all annotator layers pooled (${annotatorIds.length})`,
    agreement,
    agreementWithheld,
    projectMemo: snapshot.memos.find((m) => m.documentId === null)?.body ?? null,
    framingHeading: snapshot.project.question?.trim() || 'How each author frames the question',
    empty: { codebook: codebookEmpty, framing: framingEmpty },
    counts: { articles: snapshot.documents.length, annotations: snapshot.annotations.length, annotators: annotatorIds.length, comments: snapshot.comments.length },
  };
}
