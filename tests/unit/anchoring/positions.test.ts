import fc from 'fast-check';
import { Schema, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { describe, expect, it, test } from 'vitest';
import {
  splitRangeByBlocks,
  toCanonicalOffset,
  toCanonicalRange,
  toEditorPosition,
  toEditorRange,
  type BlockRange,
} from '../../../lib/anchoring';
import { toCanonical, type Block } from '../../../lib/corpus';

// The viewer's node types (lib/editor/to-tiptap.ts): textblocks holding plain text.
const schema = new Schema({
  nodes: {
    doc: { content: 'block*' },
    paragraph: { group: 'block', content: 'text*' },
    heading: { group: 'block', content: 'text*', attrs: { level: { default: 2 } } },
    text: {},
  },
});

function toDoc(blocks: Block[]): ProseMirrorNode {
  return schema.node(
    'doc',
    null,
    blocks.map((block) => schema.node(block.type, null, block.text ? [schema.text(block.text)] : [])),
  );
}

function build(texts: string[]) {
  const blocks: Block[] = texts.map((text, index) =>
    index % 3 === 0 ? { type: 'heading', level: 2, text } : { type: 'paragraph', text },
  );
  const { text, content } = toCanonical(blocks);
  return { text, content, doc: toDoc(blocks) };
}

// "Hi" | "\n\n" | "a😀b" | "\n\n" | "End": blocks [0,2) [4,8) [10,13); ProseMirror starts 1, 5, 11.
const sample = build(['Hi', 'a😀b', 'End']).content;

describe('toEditorPosition', () => {
  test.each([
    ['first character', 0, 'start', 1],
    ['first character, end side', 0, 'end', 1],
    ['end of the first block', 2, 'end', 3],
    ['end of the first block as a start moves to the next block', 2, 'start', 5],
    ['middle of a separator, start', 3, 'start', 5],
    ['middle of a separator, end', 3, 'end', 3],
    ['start of a block as an end moves to the previous block', 4, 'end', 3],
    ['start of a block', 4, 'start', 5],
    ['between the halves of an emoji (caller must avoid)', 6, 'start', 7],
    ['after the emoji', 7, 'start', 8],
    ['last character', 12, 'start', 13],
    ['end of the document', 13, 'end', 14],
    ['end of the document as a start', 13, 'start', 14],
    ['past the end clamps', 99, 'end', 14],
    ['before the start clamps', -5, 'start', 1],
  ] as const)('%s: %i (%s) → %i', (_name, offset, side, position) => {
    expect(toEditorPosition(sample, offset, side)).toBe(position);
  });

  it('maps everything to 0 in an empty document', () => {
    expect(toEditorPosition([], 0)).toBe(0);
    expect(toEditorPosition([], 5, 'end')).toBe(0);
    expect(toCanonicalOffset([], 3)).toBe(0);
    expect(toEditorRange([], { start: 0, end: 4 })).toEqual({ from: 0, to: 0 });
    expect(splitRangeByBlocks([], { start: 0, end: 4 })).toEqual([]);
  });

  it('is offset + 1 inside the blocks of one-block documents', () => {
    const blocks = [{ start: 0, end: 5 }];
    expect([0, 1, 5].map((offset) => toEditorPosition(blocks, offset, 'end'))).toEqual([1, 2, 6]);
  });
});

describe('toCanonicalOffset', () => {
  test.each([
    ['before the first block, start', 0, 'start', 0],
    ['before the first block, end', 0, 'end', 0],
    ['inside the first block', 2, 'start', 1],
    ['end of the first block', 3, 'start', 2],
    ['between blocks, start side', 4, 'start', 4],
    ['between blocks, end side', 4, 'end', 2],
    ['start of the second block', 5, 'end', 4],
    ['after the last block, start', 15, 'start', 13],
    ['after the last block, end', 15, 'end', 13],
    ['past the document clamps', 40, 'start', 13],
  ] as const)('%s: %i (%s) → %i', (_name, position, side, offset) => {
    expect(toCanonicalOffset(sample, position, side)).toBe(offset);
  });
});

describe('ranges', () => {
  it('maps a range across blocks and back', () => {
    expect(toEditorRange(sample, { start: 1, end: 11 })).toEqual({ from: 2, to: 12 });
    expect(toCanonicalRange(sample, { from: 2, to: 12 })).toEqual({ start: 1, end: 11 });
  });

  it('trims separators at the ends of a range', () => {
    expect(toEditorRange(sample, { start: 2, end: 10 })).toEqual({ from: 5, to: 9 });
    expect(toCanonicalRange(sample, { from: 0, to: 15 })).toEqual({ start: 0, end: 13 });
  });

  it('collapses a range inside one separator', () => {
    expect(toEditorRange(sample, { start: 2, end: 4 })).toEqual({ from: 5, to: 5 });
    expect(toCanonicalRange(sample, { from: 4, to: 4 })).toEqual({ start: 4, end: 4 });
  });

  it('splits a range into one piece per block', () => {
    expect(splitRangeByBlocks(sample, { start: 1, end: 11 })).toEqual([
      { blockIndex: 0, start: 1, end: 2, from: 2, to: 3 },
      { blockIndex: 1, start: 4, end: 8, from: 5, to: 9 },
      { blockIndex: 2, start: 10, end: 11, from: 11, to: 12 },
    ]);
    expect(splitRangeByBlocks(sample, { start: 2, end: 4 })).toEqual([]);
    expect(splitRangeByBlocks(sample, { start: 5, end: 6 })).toEqual([{ blockIndex: 1, start: 5, end: 6, from: 6, to: 7 }]);
  });

  it('finds the block by binary search in a long document', () => {
    const blocks: BlockRange[] = Array.from({ length: 5000 }, (_, index) => ({ start: index * 12, end: index * 12 + 10 }));
    expect(toEditorPosition(blocks, 4999 * 12 + 3)).toBe(4999 * 12 + 4);
    expect(splitRangeByBlocks(blocks, { start: 2500 * 12 + 9, end: 2501 * 12 + 1 }).map((piece) => piece.blockIndex)).toEqual([
      2500, 2501,
    ]);
  });
});

// Block texts with emoji, accents and spaces; empty blocks are left out because ProseMirror
// cannot hold an empty text node (an empty textblock has no text position inside content either).
const blockText = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '😀', '—'), minLength: 1, maxLength: 12 });
const document = fc.array(blockText, { minLength: 1, maxLength: 8 }).map(build);

describe('properties', () => {
  it('matches ProseMirror: every in-block offset round-trips and addresses the same character', () => {
    fc.assert(
      fc.property(document, ({ text, content, doc }) => {
        expect(doc.content.size).toBe(toEditorPosition(content, text.length, 'end') + 1);
        // Plain comparisons in the loop, one assertion at the end: expect() per offset is slow.
        const mismatches: string[] = [];
        content.forEach((block, index) => {
          for (let offset = block.start; offset <= block.end; offset++) {
            const side = offset < block.end ? 'start' : 'end';
            const position = toEditorPosition(content, offset, side);
            const resolved = doc.resolve(position);
            const back = toCanonicalOffset(content, position, side);
            if (back !== offset || resolved.index(0) !== index || resolved.parentOffset !== offset - block.start) {
              mismatches.push(`${offset} (${side}) → ${position} → ${back}`);
            }
          }
        });
        expect(mismatches).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('slices the same text through either offset system', () => {
    const withSpan = document.chain((built) =>
      fc
        .tuple(fc.nat({ max: built.text.length }), fc.nat({ max: built.text.length }))
        .map(([a, b]) => ({ ...built, start: Math.min(a, b), end: Math.max(a, b) })),
    );
    fc.assert(
      fc.property(withSpan, ({ text, content, doc, start, end }) => {
        const editorRange = toEditorRange(content, { start, end });
        const trimmed = toCanonicalRange(content, editorRange);
        // Round trip is exact up to the separators at the ends, which the editor cannot hold.
        expect(text.slice(start, trimmed.start)).toMatch(/^\n*$/);
        expect(text.slice(trimmed.end, end)).toMatch(/^\n*$/);
        expect(toEditorRange(content, trimmed)).toEqual(editorRange);
        if (trimmed.end > trimmed.start) {
          expect(doc.textBetween(editorRange.from, editorRange.to, '\n\n')).toBe(text.slice(trimmed.start, trimmed.end));
        }
        const pieces = splitRangeByBlocks(content, { start, end });
        expect(pieces.map((piece) => text.slice(piece.start, piece.end)).join('\n\n')).toBe(text.slice(trimmed.start, trimmed.end));
        for (const piece of pieces) expect(doc.textBetween(piece.from, piece.to)).toBe(text.slice(piece.start, piece.end));
      }),
      { numRuns: 200 },
    );
  });
});
