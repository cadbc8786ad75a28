// Mapping between canonical offsets and ProseMirror positions.
//
// Canonical offsets (what annotations store) are UTF-16 code-unit indices into the document's
// canonical text, end exclusive; blocks are separated by "\n\n". The viewer's ProseMirror doc has
// one textblock per block, and a ProseMirror position counts a block's opening and closing token
// as one each, so block i's first character sits at 1 + Σ_{j<i} (len_j + 2). With the standard
// table (first block at 0, gaps of exactly two characters) that is simply `offset + 1` inside a
// block; the code below does not rely on it, so any sorted table with non-overlapping blocks works.
//
// Offsets inside a separator (and ProseMirror positions between two blocks) have no character of
// their own, so every function takes a `side`:
//   'start' — the position before the next block character: a separator offset (or a position
//             between blocks) moves forward to the start of the next block;
//   'end'   — the position after the previous block character: it moves back to the end of the
//             previous block.
// Out-of-range values clamp to the document's first or last text position. An empty table (no
// blocks) maps everything to 0.

export type BlockRange = { readonly start: number; readonly end: number };
export type Side = 'start' | 'end';
export type CanonicalRange = { start: number; end: number };
export type EditorRange = { from: number; to: number };
export type BlockPiece = { blockIndex: number; start: number; end: number; from: number; to: number };

// The editor start of every block, computed once per table (O(n)) so each lookup is a binary
// search. Keyed by the array itself: treat a block table as immutable once it is in use.
const editorStartsCache = new WeakMap<readonly BlockRange[], Float64Array>();

function getEditorStarts(blocks: readonly BlockRange[]): Float64Array {
  const cached = editorStartsCache.get(blocks);
  if (cached) return cached;
  const starts = new Float64Array(blocks.length);
  let position = 1;
  blocks.forEach((block, index) => {
    starts[index] = position;
    position += block.end - block.start + 2;
  });
  editorStartsCache.set(blocks, starts);
  return starts;
}

/** Index of the last element with `valueAt(i) <= target`, or -1; values must be ascending. */
function findLastAtOrBefore(length: number, valueAt: (index: number) => number, target: number): number {
  let low = 0;
  let high = length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (valueAt(middle) <= target) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function blockAt(blocks: readonly BlockRange[], index: number): BlockRange {
  const block = blocks[index];
  if (!block) throw new RangeError(`block ${index} does not exist`);
  return block;
}

export function toEditorPosition(blocks: readonly BlockRange[], offset: number, side: Side = 'start'): number {
  const count = blocks.length;
  if (count === 0) return 0;
  const starts = getEditorStarts(blocks);
  const editorStart = (index: number) => starts[index] ?? 0;
  const startOf = (index: number) => blockAt(blocks, index).start;
  if (side === 'start') {
    // The block whose characters [start, end) include the one at `offset`.
    const index = findLastAtOrBefore(count, startOf, offset);
    const block = blocks[index];
    if (block && offset < block.end) return editorStart(index) + offset - block.start;
    if (index + 1 < count) return editorStart(index + 1);
    const last = blockAt(blocks, count - 1);
    return editorStart(count - 1) + last.end - last.start;
  }
  // The block whose characters include the one just before `offset`.
  const index = findLastAtOrBefore(count, startOf, offset - 1);
  const block = blocks[index];
  if (!block) return editorStart(0);
  return editorStart(index) + Math.min(offset, block.end) - block.start;
}

export function toCanonicalOffset(blocks: readonly BlockRange[], position: number, side: Side = 'start'): number {
  const count = blocks.length;
  if (count === 0) return 0;
  const starts = getEditorStarts(blocks);
  const index = findLastAtOrBefore(count, (i) => starts[i] ?? 0, position);
  const block = blocks[index];
  const editorStart = starts[index] ?? 0;
  // Inside block i's content, both ends included.
  if (block && position <= editorStart + block.end - block.start) return block.start + position - editorStart;
  // Between two blocks, before the first or after the last: a structural position.
  if (side === 'start') return index + 1 < count ? blockAt(blocks, index + 1).start : blockAt(blocks, count - 1).end;
  return block ? block.end : blockAt(blocks, 0).start;
}

/** A range whose ends both fall in one separator collapses to an empty range at the next block. */
export function toEditorRange(blocks: readonly BlockRange[], range: CanonicalRange): EditorRange {
  const from = toEditorPosition(blocks, range.start, 'start');
  const to = toEditorPosition(blocks, range.end, 'end');
  return { from, to: Math.max(from, to) };
}

export function toCanonicalRange(blocks: readonly BlockRange[], range: EditorRange): CanonicalRange {
  const start = toCanonicalOffset(blocks, range.from, 'start');
  const end = toCanonicalOffset(blocks, range.to, 'end');
  return { start, end: Math.max(start, end) };
}

/**
 * One piece per block the range touches, with both offset systems, in document order. Separators
 * and empty intersections are left out, so a range covering only a separator yields no pieces.
 */
export function splitRangeByBlocks(blocks: readonly BlockRange[], range: CanonicalRange): BlockPiece[] {
  const pieces: BlockPiece[] = [];
  const starts = getEditorStarts(blocks);
  // First block that ends after range.start (ends are ascending like starts).
  let index = findLastAtOrBefore(blocks.length, (i) => blockAt(blocks, i).end, range.start) + 1;
  for (; index < blocks.length; index++) {
    const block = blockAt(blocks, index);
    if (block.start >= range.end) break;
    const start = Math.max(range.start, block.start);
    const end = Math.min(range.end, block.end);
    if (end <= start) continue;
    const editorStart = (starts[index] ?? 0) - block.start;
    pieces.push({ blockIndex: index, start, end, from: editorStart + start, to: editorStart + end });
  }
  return pieces;
}
