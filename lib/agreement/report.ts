// Pure: everything the agreement page, the CLI and the benchmark show, computed from plain spans.
//
// Two views of the same coding:
// - Unitizing (Krippendorff's αu): the documents are laid end to end as one continuum, and the
//   spans are compared as spans — where they start and end matters.
// - Sentence units: each sentence (headings are one unit) is coded, per category, as present when
//   an annotator's span of that category covers at least half of the sentence, or at least half of
//   the span lies inside the sentence (so a clause inside a sentence counts for that sentence, and a
//   span spilling a few words into the next sentence does not count for it). On those present/absent
//   units: nominal α, Fleiss' κ, Cohen's κ per pair, and plain percentage agreement.
import type { TextUnit } from '@/lib/corpus/sentences';
import { cohenKappa, fleissKappa } from './kappa';
import { krippendorffAlpha } from './krippendorff';
import { computeUnitizedAgreement, unitizedAlpha } from './unitized';

export type ReportSpan = { coder: string; documentId: string; category: string; start: number; end: number };

export type ReportInput = {
  /** Two or more annotators, in display order. */
  coders: readonly { id: string; name: string }[];
  categories: readonly { id: string; name: string; color: string }[];
  documents: readonly { id: string; title: string | null; length: number; sentences: readonly TextUnit[] }[];
  /** Spans of the chosen coders, documents and categories (others are ignored). */
  spans: readonly ReportSpan[];
};

export type PairFigures = { a: string; b: string; overall: number; byCategory: Record<string, number> };

export type SentenceCategoryFigures = {
  /** Krippendorff's α, nominal, on present/absent per sentence. */
  alpha: number;
  fleissKappa: number;
  /** Mean of Cohen's κ over annotator pairs. */
  cohenKappaMean: number;
  /** Share of sentences on which every annotator agrees (present for all, or absent for all). */
  percentAgreement: number;
  /** Sentences marked present by at least one annotator / by all. */
  markedByAny: number;
  markedByAll: number;
};

export type AgreementReport = {
  coders: { id: string; name: string }[];
  categories: { id: string; name: string; color: string }[];
  documents: { id: string; title: string | null; length: number; sentenceCount: number }[];
  /** Spans per coder per category (after filtering). */
  spanCounts: Record<string, Record<string, number>>;
  unitized: {
    overall: number;
    byCategory: Record<string, number>;
    byDocument: Record<string, { overall: number; byCategory: Record<string, number> }>;
    pairs: PairFigures[];
  };
  sentences: {
    unitCount: number;
    byCategory: Record<string, SentenceCategoryFigures>;
    /** Per pair: Cohen's κ and percentage agreement per category, and their means over categories. */
    pairs: { a: string; b: string; kappaByCategory: Record<string, number>; percentByCategory: Record<string, number> }[];
  };
};

/** Krippendorff's (2004, p. 241) guidance, as the page shows it. */
export const alphaThresholds = { tentative: 0.667, reliable: 0.8 } as const;

export type AlphaReading = 'reliable' | 'tentative' | 'unreliable' | 'not-computable';

export function readAlpha(alpha: number): AlphaReading {
  if (!Number.isFinite(alpha)) return 'not-computable';
  if (alpha >= alphaThresholds.reliable) return 'reliable';
  if (alpha >= alphaThresholds.tentative) return 'tentative';
  return 'unreliable';
}

export const alphaReadingLabels: Record<AlphaReading, string> = {
  reliable: 'reliable (α ≥ 0.8)',
  tentative: 'tentative conclusions only (0.667 ≤ α < 0.8)',
  unreliable: 'unreliable (α < 0.667)',
  'not-computable': 'not computable',
};

function pairsOf<T>(list: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) out.push([list[i]!, list[j]!]);
  return out;
}

const mean = (xs: number[]) => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The first unit index whose end is after `at` (units sorted and disjoint). */
function firstUnitEndingAfter(units: readonly TextUnit[], at: number): number {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function computeAgreementReport(input: ReportInput): AgreementReport {
  const coderIds = input.coders.map((c) => c.id);
  const categoryIds = input.categories.map((c) => c.id);
  const coderSet = new Set(coderIds);
  const categorySet = new Set(categoryIds);
  const docIndex = new Map(input.documents.map((d, i) => [d.id, i]));
  const spans = input.spans.filter((s) => coderSet.has(s.coder) && categorySet.has(s.category) && docIndex.has(s.documentId) && s.end > s.start);

  const spanCounts: Record<string, Record<string, number>> = {};
  for (const c of coderIds) spanCounts[c] = Object.fromEntries(categoryIds.map((k) => [k, 0]));
  for (const s of spans) spanCounts[s.coder]![s.category]! += 1;

  // ── Unitizing: one continuum, the documents end to end ──
  const offsets: number[] = [];
  let total = 0;
  for (const d of input.documents) {
    offsets.push(total);
    total += d.length;
  }
  const onContinuum = spans.map((s) => {
    const offset = offsets[docIndex.get(s.documentId)!]!;
    return { coder: s.coder, category: s.category, start: s.start + offset, end: s.end + offset };
  });
  // All coders and every pair in one pass over the spans (the same figures as one call each).
  const whole = computeUnitizedAgreement(onContinuum, { start: 0, end: total }, coderIds);
  const byDocument: AgreementReport['unitized']['byDocument'] = {};
  const perDoc = new Map<string, ReportSpan[]>();
  for (const s of spans) {
    const list = perDoc.get(s.documentId) ?? [];
    list.push(s);
    perDoc.set(s.documentId, list);
  }
  for (const d of input.documents) {
    const r = unitizedAlpha(perDoc.get(d.id) ?? [], { start: 0, end: d.length }, coderIds);
    byDocument[d.id] = { overall: r.overall, byCategory: fill(r.byCategory, categoryIds) };
  }
  const pairs: PairFigures[] = whole.pairs.map((r) => ({ a: r.a, b: r.b, overall: r.overall, byCategory: fill(r.byCategory, categoryIds) }));

  // ── Sentence units ──
  // present[category][coder] = Uint8Array over all units of all documents, in document order.
  const unitOffsets: number[] = [];
  let unitCount = 0;
  for (const d of input.documents) {
    unitOffsets.push(unitCount);
    unitCount += d.sentences.length;
  }
  const present = new Map<string, Map<string, Uint8Array>>(
    categoryIds.map((k) => [k, new Map(coderIds.map((c) => [c, new Uint8Array(unitCount)]))]),
  );
  for (const s of spans) {
    const i = docIndex.get(s.documentId)!;
    const units = input.documents[i]!.sentences;
    const row = present.get(s.category)!.get(s.coder)!;
    const spanLength = s.end - s.start;
    for (let u = firstUnitEndingAfter(units, s.start); u < units.length && units[u]!.start < s.end; u++) {
      const unit = units[u]!;
      const overlap = Math.min(unit.end, s.end) - Math.max(unit.start, s.start);
      if (overlap * 2 >= unit.end - unit.start || overlap * 2 >= spanLength) row[unitOffsets[i]! + u] = 1;
    }
  }
  const byCategory: Record<string, SentenceCategoryFigures> = {};
  const pairFigures = pairsOf(coderIds).map(([a, b]) => ({ a, b, kappaByCategory: {} as Record<string, number>, percentByCategory: {} as Record<string, number> }));
  for (const k of categoryIds) {
    const rows = coderIds.map((c) => present.get(k)!.get(c)!);
    const data = rows.map((r) => Array.from(r, (v) => v as number));
    const counts: number[][] = [];
    let agreedUnits = 0;
    let any = 0;
    let all = 0;
    for (let u = 0; u < unitCount; u++) {
      let yes = 0;
      for (const r of rows) yes += r[u]!;
      counts.push([yes, rows.length - yes]);
      if (yes === 0 || yes === rows.length) agreedUnits++;
      if (yes > 0) any++;
      if (yes === rows.length) all++;
    }
    const kappas: number[] = [];
    for (const p of pairFigures) {
      const a = data[coderIds.indexOf(p.a)]!;
      const b = data[coderIds.indexOf(p.b)]!;
      const kappa = unitCount > 0 ? cohenKappa(a, b) : Number.NaN;
      p.kappaByCategory[k] = kappa;
      let same = 0;
      for (let u = 0; u < unitCount; u++) if (a[u] === b[u]) same++;
      p.percentByCategory[k] = unitCount > 0 ? same / unitCount : Number.NaN;
      kappas.push(kappa);
    }
    byCategory[k] = {
      alpha: unitCount > 0 ? krippendorffAlpha(data, 'nominal') : Number.NaN,
      fleissKappa: unitCount > 0 && rows.length >= 2 ? fleissKappa(counts) : Number.NaN,
      cohenKappaMean: mean(kappas),
      percentAgreement: unitCount > 0 ? agreedUnits / unitCount : Number.NaN,
      markedByAny: any,
      markedByAll: all,
    };
  }

  return {
    coders: input.coders.map((c) => ({ ...c })),
    categories: input.categories.map((c) => ({ ...c })),
    documents: input.documents.map((d) => ({ id: d.id, title: d.title, length: d.length, sentenceCount: d.sentences.length })),
    spanCounts,
    unitized: { overall: whole.overall, byCategory: fill(whole.byCategory, categoryIds), byDocument, pairs },
    sentences: { unitCount, byCategory, pairs: pairFigures },
  };
}

/** Every chosen category gets a figure; one nobody used is not computable (NaN), never absent. */
function fill(values: Record<string, number>, categoryIds: readonly string[]): Record<string, number> {
  return Object.fromEntries(categoryIds.map((k) => [k, values[k] ?? Number.NaN]));
}
