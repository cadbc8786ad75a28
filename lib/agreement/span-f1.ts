import type { Span, SpanF1Result, SpanMatch } from './types';

/**
 * Precision, recall and F1 of candidate spans against reference spans, the usual span-level
 * evaluation of sequence labelling (e.g. the CoNLL-2003 NER evaluation uses the exact form):
 *
 *   precision = |{c ∈ candidate : c matches some r ∈ reference}| / |candidate|
 *   recall    = |{r ∈ reference : r matches some c ∈ candidate}| / |reference|
 *   F1        = 2 · precision · recall / (precision + recall)
 *
 * Matching, with half-open ranges [start, end):
 *   exact    same start, same end, same category;
 *   overlap  same category and the ranges share at least one position
 *            (max(start) < min(end)), so an empty span overlaps nothing.
 *
 * Overlap matching is NOT one-to-one: one long candidate that overlaps three references counts
 * as one correct candidate and makes all three references found, and two candidates overlapping
 * one reference are both correct. It measures "did they mark roughly the same places", not a
 * pairing. Exact matching is one-to-one only up to duplicates: every copy of a duplicated span
 * counts separately.
 *
 * Extra fields on the spans (such as `coder`) are ignored. Precision is NaN with no candidates,
 * recall NaN with no references, and F1 NaN when either is; when both are 0 (spans on both sides,
 * none matching) F1 is 0, the limit of the harmonic mean.
 */
export function spanF1(reference: Span[], candidate: Span[], match: SpanMatch): SpanF1Result {
  if (match !== 'exact' && match !== 'overlap') {
    throw new RangeError(`spanF1: unknown match "${String(match)}"; use "exact" or "overlap"`);
  }
  const hasMatch = match === 'exact' ? exactMatcher : overlapMatcher;
  const matchedCandidates = countMatched(candidate, hasMatch(reference));
  const matchedReferences = countMatched(reference, hasMatch(candidate));
  const precision = candidate.length === 0 ? Number.NaN : matchedCandidates / candidate.length;
  const recall = reference.length === 0 ? Number.NaN : matchedReferences / reference.length;
  let f1: number;
  if (Number.isNaN(precision) || Number.isNaN(recall)) f1 = Number.NaN;
  else if (precision + recall === 0) f1 = 0;
  else f1 = (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function countMatched(spans: Span[], isMatched: (span: Span) => boolean): number {
  let count = 0;
  for (const span of spans) if (isMatched(span)) count++;
  return count;
}

function exactKey(span: Span): string {
  // Unambiguous whatever the label holds: a number's string form has no comma, so the first two
  // commas end the offsets and everything after them is the category.
  return `${span.start},${span.end},${span.category}`;
}

function exactMatcher(against: Span[]): (span: Span) => boolean {
  const keys = new Set(against.map(exactKey));
  return (span) => keys.has(exactKey(span));
}

/**
 * Per category, the non-empty spans sorted by start with a running maximum of their ends: a query
 * [s, e) overlaps some span iff, among the spans starting before e, the largest end exceeds s.
 * O(n log n) to build and O(log n) a query, instead of comparing every pair.
 */
function overlapMatcher(against: Span[]): (span: Span) => boolean {
  const byCategory = new Map<string, Span[]>();
  for (const span of against) {
    if (!(span.start < span.end)) continue;
    const list = byCategory.get(span.category);
    if (list) list.push(span);
    else byCategory.set(span.category, [span]);
  }
  const indexes = new Map<string, { starts: Float64Array; maxEnds: Float64Array }>();
  for (const [category, list] of byCategory) {
    list.sort((x, y) => x.start - y.start);
    const starts = new Float64Array(list.length);
    const maxEnds = new Float64Array(list.length);
    let maxEnd = Number.NEGATIVE_INFINITY;
    list.forEach((span, index) => {
      starts[index] = span.start;
      maxEnd = Math.max(maxEnd, span.end);
      maxEnds[index] = maxEnd;
    });
    indexes.set(category, { starts, maxEnds });
  }
  return (span) => {
    if (!(span.start < span.end)) return false;
    const index = indexes.get(span.category);
    if (!index) return false;
    const before = countBelow(index.starts, span.end);
    return before > 0 && (index.maxEnds[before - 1] ?? Number.NEGATIVE_INFINITY) > span.start;
  };
}

/** How many entries of the ascending `sorted` are < `limit`. */
function countBelow(sorted: Float64Array, limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
