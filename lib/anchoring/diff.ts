// A character diff of two versions of a text, reduced to what re-anchoring needs: the stretches
// both versions share ("equal runs"), so that an old offset can be carried over to the new text.
//
// Common prefix and suffix are trimmed first (the typical correction touches a few places, so
// this is most of the text), then Myers's O((N+M)·D) greedy algorithm ("An O(ND) Difference
// Algorithm and Its Variations", 1986) aligns the middle. Many scattered edits (quote marks
// normalised throughout, say) make D large; then the middle is cut at anchors first — sampled
// 16-character stretches that occur exactly once in each text, kept in order by a longest
// increasing subsequence, as patience diff does — and Myers aligns the short gaps between them.
// A shared work budget bounds the whole; a stretch left unaligned is treated as replaced and
// offsets inside it are interpolated, which re-anchoring tolerates because it searches for the
// quote anyway.

import type { Side } from './positions';

export type TextDiff = {
  oldLength: number;
  newLength: number;
  // Equal runs in order, bracketed by empty sentinels at (0, 0) and (oldLength, newLength).
  oldStarts: Int32Array;
  newStarts: Int32Array;
  lengths: Int32Array;
};

type Run = [oldStart: number, newStart: number, length: number];

// Past these the texts are unrelated enough that an exact alignment is not worth its cost.
const maxEditDistance = 1000;
const maxWork = 20_000_000;
const anchorLength = 16;

type Budget = { work: number };

export function diffTexts(oldText: string, newText: string): TextDiff {
  const shortest = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < shortest && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  const runs: Run[] = [[0, 0, 0]];
  if (prefix > 0) runs.push([0, 0, prefix]);
  const oldMiddle = toCodes(oldText, prefix, oldText.length - suffix);
  const newMiddle = toCodes(newText, prefix, newText.length - suffix);
  if (oldMiddle.length > 0 && newMiddle.length > 0) {
    for (const [oldStart, newStart, length] of alignMiddle(oldMiddle, newMiddle)) {
      runs.push([oldStart + prefix, newStart + prefix, length]);
    }
  }
  if (suffix > 0) runs.push([oldText.length - suffix, newText.length - suffix, suffix]);
  runs.push([oldText.length, newText.length, 0]);
  return {
    oldLength: oldText.length,
    newLength: newText.length,
    oldStarts: Int32Array.from(runs, (run) => run[0]),
    newStarts: Int32Array.from(runs, (run) => run[1]),
    lengths: Int32Array.from(runs, (run) => run[2]),
  };
}

function toCodes(text: string, from: number, to: number): Uint16Array {
  const codes = new Uint16Array(to - from);
  for (let index = from; index < to; index++) codes[index - from] = text.charCodeAt(index);
  return codes;
}

function alignMiddle(a: Uint16Array, b: Uint16Array): Run[] {
  return alignRegion(a, b, { work: maxWork }, 0);
}

/**
 * Myers if the region is cheap to align; otherwise cut it at unique anchors and align the gaps the
 * same way (a stretch repeated across the whole text is often unique within a gap).
 */
function alignRegion(a: Uint16Array, b: Uint16Array, budget: Budget, depth: number): Run[] {
  const direct = alignByMyers(a, b, budget, 4 * (a.length + b.length) + 4096);
  if (direct) return direct;
  const runs: Run[] = [];
  if (depth >= 6) return runs;
  let x = 0;
  let y = 0;
  const alignGap = (toX: number, toY: number) => {
    if (toX <= x || toY <= y || budget.work < 0) return;
    for (const [gapX, gapY, length] of alignRegion(a.subarray(x, toX), b.subarray(y, toY), budget, depth + 1)) {
      runs.push([gapX + x, gapY + y, length]);
    }
  };
  for (const [anchorX, anchorY] of findAnchors(a, b)) {
    if (anchorX < x || anchorY < y) continue;
    alignGap(anchorX, anchorY);
    runs.push([anchorX, anchorY, anchorLength]);
    x = anchorX + anchorLength;
    y = anchorY + anchorLength;
  }
  if (runs.length > 0) alignGap(a.length, b.length);
  return runs;
}

/** Polynomial hash of codes[from, from + anchorLength), and the factor to roll it by one. */
const hashBase = 31;
const hashTopFactor = Array.from({ length: anchorLength - 1 }).reduce<number>((power) => Math.imul(power, hashBase), 1);

function hashAt(codes: Uint16Array, from: number): number {
  let hash = 0;
  for (let index = from; index < from + anchorLength; index++) hash = (Math.imul(hash, hashBase) + codes[index]!) | 0;
  return hash;
}

// Map keys that fit a small integer stay unboxed; collisions are harmless (isSameStretch checks).
function toKey(hash: number): number {
  return hash & 0x3fffffff;
}

function isSameStretch(a: Uint16Array, x: number, b: Uint16Array, y: number): boolean {
  for (let offset = 0; offset < anchorLength; offset++) if (a[x + offset] !== b[y + offset]) return false;
  return true;
}

/** Positions [x, y] of stretches unique in both texts, in order in both (patience diff's anchors). */
function findAnchors(a: Uint16Array, b: Uint16Array): [number, number][] {
  if (a.length < anchorLength || b.length < anchorLength) return [];
  // Every stretch of b, rolling: hash → position, or -1 when it occurs more than once.
  const inB = new Map<number, number>();
  let hash = hashAt(b, 0);
  for (let y = 0; ; y++) {
    const key = toKey(hash);
    inB.set(key, inB.has(key) ? -1 : y);
    if (y + anchorLength >= b.length) break;
    hash = (Math.imul(hash - Math.imul(b[y]!, hashTopFactor), hashBase) + b[y + anchorLength]!) | 0;
  }
  // Non-overlapping samples of a.
  const inA = new Map<number, number>();
  for (let x = 0; x + anchorLength <= a.length; x += anchorLength) {
    const sample = toKey(hashAt(a, x));
    inA.set(sample, inA.has(sample) ? -1 : x);
  }
  const pairs: [number, number][] = [];
  for (const [sample, x] of inA) {
    const y = inB.get(sample);
    if (x >= 0 && y !== undefined && y >= 0 && isSameStretch(a, x, b, y)) pairs.push([x, y]);
  }
  pairs.sort((first, second) => first[0] - second[0]);
  return findIncreasingPairs(pairs);
}

/** Longest subsequence of pairs (sorted by x) whose y also increases: patience sorting, O(r log r). */
function findIncreasingPairs(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  pairs.forEach(([, y], index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (pairs[tails[middle]!]![1] < y) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1]!;
    tails[low] = index;
  });
  const chain: [number, number][] = [];
  for (let index = tails.at(-1) ?? -1; index >= 0; index = previous[index]!) chain.push(pairs[index]!);
  return chain.reverse();
}

/** Myers's forward greedy search with a trace for backtracking; null past `limit` work or the budget. */
function alignByMyers(a: Uint16Array, b: Uint16Array, budget: Budget, limit: number): Run[] | null {
  const stopAt = budget.work - limit;
  const n = a.length;
  const m = b.length;
  const maxD = Math.min(n + m, maxEditDistance);
  const offset = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  // trace[d][k + d] is the furthest x reached on diagonal k after d edits.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      const snakeStart = x;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      budget.work -= 1 + x - snakeStart;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(trace, n, m);
      }
    }
    if (budget.work < Math.max(0, stopAt)) return null;
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): Run[] {
  const runs: Run[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1]!;
    const at = (k: number) => previous[k + d - 1]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = at(previousK);
    const snakeX = previousK === k + 1 ? previousX : previousX + 1;
    if (x > snakeX) runs.push([snakeX, snakeX - k, x - snakeX]);
    x = previousX;
    y = previousX - previousK;
  }
  if (x > 0) runs.push([0, 0, x]);
  return runs.reverse();
}

/** Index of the last run starting at or before `position` in the old text (the first sentinel at worst). */
function findRun(diff: TextDiff, position: number): number {
  let low = 0;
  let high = diff.oldStarts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (diff.oldStarts[middle]! <= position) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * Carries an old offset over to the new text. Text inserted exactly at the offset falls after a
 * 'start' and before an 'end', so a span keeps its extent; an offset inside a replaced stretch is
 * placed proportionally within its replacement.
 */
export function mapOffset(diff: TextDiff, offset: number, side: Side): number {
  const position = Math.min(Math.max(offset, 0), diff.oldLength);
  const run = findRun(diff, side === 'start' ? position : position - 1);
  if (run < 0) return 0;
  const oldEnd = diff.oldStarts[run]! + diff.lengths[run]!;
  const newEnd = diff.newStarts[run]! + diff.lengths[run]!;
  if (position <= oldEnd) return newEnd - (oldEnd - position);
  const oldGap = diff.oldStarts[run + 1]! - oldEnd;
  const newGap = diff.newStarts[run + 1]! - newEnd;
  return newEnd + Math.round(((position - oldEnd) * newGap) / oldGap);
}

/** Where [start, end) of the old text is in the new text if no edit touched it, else undefined. */
export function mapUnchangedSpan(diff: TextDiff, start: number, end: number): number | undefined {
  const run = findRun(diff, start);
  if (run < 0) return undefined;
  const oldStart = diff.oldStarts[run]!;
  if (end > oldStart + diff.lengths[run]!) return undefined;
  return diff.newStarts[run]! + start - oldStart;
}

/**
 * An upper bound on the edit distance between old[start, end) and its image under the diff:
 * every changed stretch overlapping the span counts as fully replaced.
 */
export function boundEditDistance(diff: TextDiff, start: number, end: number): number {
  let bound = 0;
  let covered = start;
  for (let run = Math.max(0, findRun(diff, start)); run < diff.oldStarts.length && covered < end; run++) {
    const oldStart = diff.oldStarts[run]!;
    const oldEnd = oldStart + diff.lengths[run]!;
    if (oldStart > covered) {
      // A changed stretch: old[previous run end, oldStart) became new[previous run end, newStart).
      const previousOld = diff.oldStarts[run - 1]! + diff.lengths[run - 1]!;
      const previousNew = diff.newStarts[run - 1]! + diff.lengths[run - 1]!;
      bound += Math.max(oldStart - previousOld, diff.newStarts[run]! - previousNew);
    }
    covered = Math.max(covered, oldEnd);
  }
  return bound;
}
