// Re-anchoring: when a document's text is corrected, carry every annotation over to the new text.
//
// The approach is Hypothesis's (dom-anchor-text-quote and its successors): trust the quote, use
// the old position and the prefix/suffix only to choose among candidates, and fall back to an
// approximate match in the spirit of diff-match-patch's match_main. Offsets are UTF-16 code units,
// end exclusive, as everywhere in Parallax. For each annotation, in order:
//
//   0. Unchanged: a character diff of old → new text (./diff.ts) says no edit touched the span,
//      and the quote is indeed at the mapped offsets → 'exact'. This settles nearly every
//      annotation of a lightly corrected text in O(log runs).
//   a. Nearby: the quote occurs within `windowSize` of the mapped start → the occurrence whose
//      prefix/suffix agree best with the stored ones, then the closest. 'exact' if it sits at the
//      mapped start, else 'moved'.
//   b. Elsewhere: the quote occurs anywhere in the new text → same ranking over all occurrences:
//      context first, then distance from the mapped start. 'moved'.
//   c. Fuzzy: if the diff aligned the span well enough that its image provably keeps
//      `minSimilarity` (1 − distance / longer length, each changed stretch inside the span counted
//      as wholly replaced), that image; else the best approximate match (Levenshtein, ./fuzzy.ts)
//      in the region the diff maps the span to, and failing that in regions the stored prefix or
//      suffix point at. Ties go to the better context, then the closer match. 'fuzzy' with the
//      new range and quote.
//   d. Otherwise 'orphaned': the annotation is returned without a range, never dropped, so the
//      user can place it again.
//
// Cost: one diff (linear for a few local corrections); per annotation not settled by step 0, a
// windowed indexOf, a lookup in a 16-gram index of the new text (built once, on first need) or an
// indexOf scan for short quotes, and at worst a few quote-sized dynamic programmes.

import { boundEditDistance, diffTexts, mapOffset, mapUnchangedSpan, type TextDiff } from './diff';
import { findApproximateMatches } from './fuzzy';
import { describeSpan, isInsideSurrogatePair } from './selectors';
import { findAllIndexed, indexText, indexedLength, type TextIndex } from './text-index';

export type StoredAnchor = { id: string; start: number; end: number; quote: string; prefix: string; suffix: string };

export type ReanchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphaned';

export type ReanchorResult =
  | {
      id: string;
      status: 'exact' | 'moved' | 'fuzzy';
      start: number;
      end: number;
      quote: string;
      // Fresh context from the new text, ready to store.
      prefix: string;
      suffix: string;
      // 1 for exact quotes; below 1 for fuzzy matches.
      similarity: number;
    }
  | { id: string; status: 'orphaned' };

export type ReanchorOptions = { minSimilarity?: number; windowSize?: number };

const defaultMinSimilarity = 0.8;
const defaultWindowSize = 256;
// Prefix/suffix hits considered as fuzzy regions; short contexts are too common to point anywhere.
const maxContextRegions = 4;
const minContextLength = 8;

type Candidate = { start: number; end: number; distance: number; context: number; drift: number };

export function reanchor(
  oldText: string,
  newText: string,
  annotations: readonly StoredAnchor[],
  options: ReanchorOptions = {},
): ReanchorResult[] {
  const context: Context = {
    oldText,
    text: newText,
    diff: diffTexts(oldText, newText),
    minSimilarity: options.minSimilarity ?? defaultMinSimilarity,
    windowSize: options.windowSize ?? defaultWindowSize,
  };
  return annotations.map((annotation) => reanchorOne(context, annotation));
}

type Context = {
  oldText: string;
  text: string;
  diff: TextDiff;
  minSimilarity: number;
  windowSize: number;
  index?: TextIndex;
};

function reanchorOne(context: Context, annotation: StoredAnchor): ReanchorResult {
  const { text, diff, windowSize } = context;
  const { id, quote } = annotation;
  if (quote.length === 0) return { id, status: 'orphaned' };
  const unchanged = mapUnchangedSpan(diff, annotation.start, annotation.end);
  if (unchanged !== undefined && text.startsWith(quote, unchanged)) {
    return place(text, id, 'exact', unchanged, unchanged + quote.length, 1);
  }
  const expected = mapOffset(diff, annotation.start, 'start');
  const nearbyFrom = Math.max(0, expected - windowSize);
  const nearbyText = text.slice(nearbyFrom, expected + windowSize + quote.length);
  const nearby = findBestOccurrence(text, annotation, expected, findAll(nearbyText, quote, nearbyFrom));
  if (nearby) return place(text, id, nearby.start === expected ? 'exact' : 'moved', nearby.start, nearby.end, 1);
  let occurrences: number[];
  if (quote.length >= indexedLength) {
    context.index ??= indexText(text);
    occurrences = findAllIndexed(context.index, quote);
  } else {
    occurrences = findAll(text, quote, 0);
  }
  const anywhere = findBestOccurrence(text, annotation, expected, occurrences);
  if (anywhere) return place(text, id, 'moved', anywhere.start, anywhere.end, 1);
  const fuzzy = findFuzzyMatch(context, annotation, expected);
  if (fuzzy) {
    const similarity = 1 - fuzzy.distance / Math.max(quote.length, fuzzy.end - fuzzy.start);
    return place(text, id, 'fuzzy', fuzzy.start, fuzzy.end, similarity);
  }
  return { id, status: 'orphaned' };
}

function findAll(text: string, needle: string, offset: number): number[] {
  const positions: number[] = [];
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + 1)) positions.push(index + offset);
  return positions;
}

function place(
  text: string,
  id: string,
  status: 'exact' | 'moved' | 'fuzzy',
  start: number,
  end: number,
  similarity: number,
): ReanchorResult {
  const { quote, prefix, suffix } = describeSpan(text, start, end);
  return { id, status, start, end, quote, prefix, suffix, similarity };
}

/** How many characters of the stored prefix and suffix agree with the text around [start, end). */
function scoreContext(text: string, start: number, end: number, prefix: string, suffix: string): number {
  let before = 0;
  while (
    before < prefix.length &&
    start - before > 0 &&
    text.charCodeAt(start - before - 1) === prefix.charCodeAt(prefix.length - before - 1)
  ) {
    before++;
  }
  let after = 0;
  while (after < suffix.length && end + after < text.length && text.charCodeAt(end + after) === suffix.charCodeAt(after)) {
    after++;
  }
  return before + after;
}

/** Lower edit distance first (0 for exact quotes), then better context, then closer to where the diff expects it. */
function isBetter(candidate: Candidate, best: Candidate | undefined): boolean {
  if (!best) return true;
  if (candidate.distance !== best.distance) return candidate.distance < best.distance;
  if (candidate.context !== best.context) return candidate.context > best.context;
  return candidate.drift < best.drift;
}

function findBestOccurrence(
  text: string,
  annotation: StoredAnchor,
  expected: number,
  occurrences: readonly number[],
): Candidate | undefined {
  const { quote, prefix, suffix } = annotation;
  let best: Candidate | undefined;
  for (const start of occurrences) {
    const end = start + quote.length;
    const candidate = {
      start,
      end,
      distance: 0,
      context: scoreContext(text, start, end, prefix, suffix),
      drift: Math.abs(start - expected),
    };
    if (isBetter(candidate, best)) best = candidate;
  }
  return best;
}

function findFuzzyMatch(context: Context, annotation: StoredAnchor, expected: number): Candidate | undefined {
  const { oldText, text, diff, minSimilarity } = context;
  const { quote, prefix, suffix } = annotation;
  const maxDistance = Math.floor(quote.length * (1 - minSimilarity));
  const slack = maxDistance + 8;
  const expectedEnd = Math.max(expected, mapOffset(diff, annotation.end, 'end'));
  // Where the diff aligned the span well enough to prove the similarity (each changed stretch
  // inside it counted as wholly replaced), its image is the answer and no search is needed.
  if (expectedEnd > expected && annotation.end - annotation.start === quote.length && oldText.startsWith(quote, annotation.start)) {
    const distance = boundEditDistance(diff, annotation.start, annotation.end);
    const { start, end } = widenToCharacters(text, expected, expectedEnd);
    const candidate = { start, end, distance, context: 0, drift: 0 };
    if (isSimilarEnough(candidate, quote.length, minSimilarity)) return candidate;
  }
  // The region the diff maps the span to settles most cases; the stretches the stored context
  // points at are searched only when it does not (the passage moved as well as changed).
  const nearby = findBestApproximateMatch(text, annotation, expected, maxDistance, [[expected - slack, expectedEnd + slack]]);
  if (nearby && isSimilarEnough(nearby, quote.length, minSimilarity)) return nearby;
  const regions: [number, number][] = [];
  if (prefix.length >= minContextLength) {
    for (const hit of findNearestOccurrences(text, prefix, expected - prefix.length)) {
      const start = hit + prefix.length;
      regions.push([start - slack, start + quote.length + slack]);
    }
  }
  if (suffix.length >= minContextLength) {
    for (const hit of findNearestOccurrences(text, suffix, expectedEnd)) {
      regions.push([hit - quote.length - slack, hit + slack]);
    }
  }
  const elsewhere = findBestApproximateMatch(text, annotation, expected, maxDistance, regions);
  return elsewhere && isSimilarEnough(elsewhere, quote.length, minSimilarity) ? elsewhere : undefined;
}

function isSimilarEnough(match: Candidate, quoteLength: number, minSimilarity: number): boolean {
  return 1 - match.distance / Math.max(quoteLength, match.end - match.start) >= minSimilarity;
}

function findBestApproximateMatch(
  text: string,
  annotation: StoredAnchor,
  expected: number,
  maxDistance: number,
  regions: [number, number][],
): Candidate | undefined {
  const { quote, prefix, suffix } = annotation;
  let best: Candidate | undefined;
  for (const [from, to] of mergeRegions(regions, text.length)) {
    for (const match of findApproximateMatches(text, quote, from, to, maxDistance)) {
      const { start, end } = widenToCharacters(text, match.start, match.end);
      const candidate = {
        start,
        end,
        distance: match.distance,
        context: scoreContext(text, start, end, prefix, suffix),
        drift: Math.abs(start - expected),
      };
      if (isBetter(candidate, best)) best = candidate;
    }
  }
  return best;
}

/** Up to maxContextRegions occurrences of `needle`, the nearest to `near` first. */
function findNearestOccurrences(text: string, needle: string, near: number): number[] {
  const hits: number[] = [];
  let after = text.indexOf(needle, Math.max(0, near));
  let before = near > 0 ? text.lastIndexOf(needle, near - 1) : -1;
  while (hits.length < maxContextRegions && (after !== -1 || before !== -1)) {
    if (before === -1 || (after !== -1 && after - near <= near - before)) {
      hits.push(after);
      after = text.indexOf(needle, after + 1);
    } else {
      hits.push(before);
      before = before > 0 ? text.lastIndexOf(needle, before - 1) : -1;
    }
  }
  return hits;
}

/** Regions clamped to [0, length], sorted, overlapping ones merged: where to search, once each. */
export function mergeRegions(regions: [number, number][], length: number): [number, number][] {
  const clamped = regions
    .map(([from, to]): [number, number] => [Math.max(0, from), Math.min(length, to)])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const region of clamped) {
    const last = merged.at(-1);
    if (last && region[0] <= last[1]) last[1] = Math.max(last[1], region[1]);
    else merged.push(region);
  }
  return merged;
}

/** A match must not begin or end between the two halves of a surrogate pair. */
function widenToCharacters(text: string, start: number, end: number): { start: number; end: number } {
  return {
    start: isInsideSurrogatePair(text, start) ? start - 1 : start,
    end: isInsideSurrogatePair(text, end) ? end + 1 : end,
  };
}
