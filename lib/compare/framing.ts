// Pure: how much of each article argues each factor, and how authors' framings compare.
//
// Coverage is measured in characters of the canonical text. Overlapping spans of one factor in one
// article (two annotators pooled, or one annotator's nested spans) count once: the factor's
// coverage is the union of its spans, and its passages are the maximal runs of that union. So a
// sentence both Ana and Ben tagged "Trust deficit" is one passage of its length, not two.

export type CompareBlock = { type: 'heading' | 'paragraph'; start: number; end: number };

export type CompareDocument = {
  id: string;
  length: number;
  blocks: readonly CompareBlock[];
};

export type CompareSpan = {
  id: string;
  documentId: string;
  category: string;
  start: number;
  end: number;
  attributes: Readonly<Record<string, string>>;
};

export type Cell = {
  /** Characters covered by the factor (union of its spans). */
  chars: number;
  /** chars / the article's length. */
  share: number;
  /** Maximal runs of the union: what a reader sees as separate passages. */
  passages: number;
  /** Spans behind them (before merging). */
  spans: number;
};

export type FramingMatrix = Record<string, Record<string, Cell>>;

/** Merged, sorted intervals: the union of the ranges given. */
export function unionOf(ranges: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** The framing matrix: every document × every category, empty cells included. */
export function framingMatrix(documents: readonly CompareDocument[], categories: readonly string[], spans: readonly CompareSpan[]): FramingMatrix {
  const byCell = new Map<string, CompareSpan[]>();
  for (const s of spans) {
    const key = `${s.documentId}\u0000${s.category}`;
    const list = byCell.get(key) ?? [];
    list.push(s);
    byCell.set(key, list);
  }
  const matrix: FramingMatrix = {};
  for (const d of documents) {
    const row: Record<string, Cell> = {};
    for (const c of categories) {
      const list = byCell.get(`${d.id}\u0000${c}`) ?? [];
      const union = unionOf(list);
      const chars = union.reduce((n, r) => n + r.end - r.start, 0);
      row[c] = { chars, share: d.length > 0 ? chars / d.length : 0, passages: union.length, spans: list.length };
    }
    matrix[d.id] = row;
  }
  return matrix;
}

/**
 * A framing profile: how a group of articles (one author's) divides its argument among the
 * factors, as the share of all factor-covered characters that each factor covers. Sums to 1; an
 * author with nothing tagged has no profile (every share NaN), not a flat one.
 */
export function framingProfile(matrix: FramingMatrix, documentIds: readonly string[], categories: readonly string[]): Record<string, number> {
  const totals = Object.fromEntries(categories.map((c) => [c, 0])) as Record<string, number>;
  for (const id of documentIds) for (const c of categories) totals[c]! += matrix[id]?.[c]?.chars ?? 0;
  const sum = Object.values(totals).reduce((a, b) => a + b, 0);
  return Object.fromEntries(categories.map((c) => [c, sum > 0 ? totals[c]! / sum : Number.NaN]));
}

/**
 * Jensen–Shannon distance between two distributions over the same factors: the square root of the
 * Jensen–Shannon divergence with base-2 logarithms (Lin 1991; Endres & Schindelin 2003 show the
 * root is a metric), so 0 = identical framing, 1 = no factor in common.
 *   JSD(P, Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M),  M = ½ (P + Q),  KL(P ‖ M) = Σ p_i log2(p_i / m_i)
 * NaN when either distribution is undefined (an author with nothing tagged).
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new RangeError(`distributions differ in length (${p.length} and ${q.length}).`);
  if (p.some((x) => !Number.isFinite(x)) || q.some((x) => !Number.isFinite(x))) return Number.NaN;
  return Math.sqrt(Math.max(0, jsTerms(p, q).reduce((a, b) => a + b, 0)));
}

/** Each factor's part of the Jensen–Shannon divergence; they sum to JSD(P, Q). */
function jsTerms(p: readonly number[], q: readonly number[]): number[] {
  return p.map((pi, i) => {
    const qi = q[i]!;
    const m = (pi + qi) / 2;
    const kl = (x: number) => (x > 0 ? x * Math.log2(x / m) : 0);
    return (kl(pi) + kl(qi)) / 2;
  });
}

export type SeparatingFactor = { category: string; contribution: number; a: number; b: number };

/**
 * The factors that most separate two profiles: each factor's share of the divergence between
 * them, largest first, with both authors' shares so the reader sees who argues it more.
 */
export function separatingFactors(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>, categories: readonly string[]): SeparatingFactor[] {
  const p = categories.map((c) => a[c] ?? 0);
  const q = categories.map((c) => b[c] ?? 0);
  if (p.some((x) => !Number.isFinite(x)) || q.some((x) => !Number.isFinite(x))) return [];
  const terms = jsTerms(p, q);
  const total = terms.reduce((x, y) => x + y, 0);
  return categories
    .map((category, i) => ({ category, contribution: total > 0 ? terms[i]! / total : 0, a: p[i]!, b: q[i]! }))
    .filter((f) => f.contribution > 0)
    .sort((x, y) => y.contribution - x.contribution || x.category.localeCompare(y.category));
}

export type AttributeBreakdown = Record<string, { passages: number; chars: number }>;

/** The value used for spans without the attribute. */
export const noValue = '';

/**
 * How a group's spans of the chosen factors divide among an attribute's values (blame targets):
 * spans and characters per value, spans without the attribute under `noValue`.
 */
export function attributeBreakdown(spans: readonly CompareSpan[], documentIds: readonly string[], key: string): AttributeBreakdown {
  const docs = new Set(documentIds);
  const out: AttributeBreakdown = {};
  for (const s of spans) {
    if (!docs.has(s.documentId)) continue;
    const value = s.attributes[key] ?? noValue;
    const slot = (out[value] ??= { passages: 0, chars: 0 });
    slot.passages += 1;
    slot.chars += s.end - s.start;
  }
  return out;
}

export type Cooccurrence = {
  unit: 'passage' | 'paragraph';
  /** counts[a][b]: units where both a and b are present (a ≠ b); counts[a][a]: units where a is. */
  counts: Record<string, Record<string, number>>;
  /** How many units were looked at (paragraphs), or how many passages. */
  units: number;
};

/**
 * Which factors are argued together.
 * - paragraph: a factor is present in a paragraph (or heading) when one of its spans overlaps it;
 *   counts[a][b] is the number of paragraphs where both are present.
 * - passage: counts[a][b] is the number of passages (maximal runs of overlapping spans of any
 *   factor) in which both a and b occur.
 */
export function cooccurrence(documents: readonly CompareDocument[], categories: readonly string[], spans: readonly CompareSpan[], unit: 'passage' | 'paragraph'): Cooccurrence {
  const counts: Record<string, Record<string, number>> = Object.fromEntries(categories.map((a) => [a, Object.fromEntries(categories.map((b) => [b, 0]))]));
  const known = new Set(categories);
  const add = (present: Set<string>) => {
    for (const a of present) for (const b of present) counts[a]![b]! += 1;
  };
  let units = 0;
  const byDoc = new Map<string, CompareSpan[]>();
  for (const s of spans) {
    if (!known.has(s.category) || s.end <= s.start) continue;
    const list = byDoc.get(s.documentId) ?? [];
    list.push(s);
    byDoc.set(s.documentId, list);
  }
  for (const d of documents) {
    const list = (byDoc.get(d.id) ?? []).sort((a, b) => a.start - b.start || b.end - a.end);
    if (unit === 'paragraph') {
      for (const b of d.blocks) {
        units += 1;
        const present = new Set(list.filter((s) => s.start < b.end && s.end > b.start).map((s) => s.category));
        if (present.size > 0) add(present);
      }
    } else {
      let present = new Set<string>();
      let end = Number.NEGATIVE_INFINITY;
      for (const s of list) {
        if (present.size > 0 && s.start >= end) {
          add(present);
          units += 1;
          present = new Set();
          end = Number.NEGATIVE_INFINITY;
        }
        present.add(s.category);
        end = Math.max(end, s.end);
      }
      if (present.size > 0) {
        add(present);
        units += 1;
      }
    }
  }
  return { unit, counts, units };
}
