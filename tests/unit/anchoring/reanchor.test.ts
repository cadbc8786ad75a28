import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { describeSpan, diffTexts, mapOffset, reanchor, type StoredAnchor } from '../../../lib/anchoring';

function anchorAt(text: string, start: number, end: number, id = 'a'): StoredAnchor {
  return { id, ...describeSpan(text, start, end) };
}

describe('diffTexts and mapOffset', () => {
  const oldText = 'The talks in Doha failed. Kabul blamed Islamabad.';
  // "new " shares no character with "talks", so the alignment is unambiguous.
  const newText = 'The new talks in Doha failed in 2025. Kabul blamed Islamabad.';

  test.each([
    ['before every edit', 0, 'start', 0],
    ['after an insertion', 4, 'start', 8],
    ['insertion at an end offset stays outside the span', 4, 'end', 4],
    ['after both edits', 26, 'start', 38],
    ['end of the text', oldText.length, 'end', newText.length],
  ] as const)('%s: %i (%s) → %i', (_name, offset, side, expected) => {
    expect(mapOffset(diffTexts(oldText, newText), offset, side)).toBe(expected);
  });

  it('handles empty and identical texts', () => {
    expect(mapOffset(diffTexts('', 'abc'), 0, 'start')).toBe(3);
    expect(mapOffset(diffTexts('', 'abc'), 0, 'end')).toBe(0);
    expect(mapOffset(diffTexts('abc', ''), 2, 'start')).toBe(0);
    expect(mapOffset(diffTexts('same', 'same'), 3, 'start')).toBe(3);
  });

  it('aligns many scattered edits in a long text', () => {
    const words = Array.from({ length: 4000 }, (_, index) => `w${(index * 7919) % 10007}`);
    const oldLong = words.join(' ');
    const newLong = words.map((word, index) => (index % 10 === 0 ? `${word}’` : word)).join(' ');
    const diff = diffTexts(oldLong, newLong);
    const position = oldLong.indexOf(' w', oldLong.length - 100);
    const lastWord = words.length - 1 - (oldLong.slice(position + 1).split(' ').length - 1);
    expect(mapOffset(diff, position, 'start')).toBe(position + Math.ceil(lastWord / 10));
  });
});

describe('reanchor', () => {
  const oldText = 'Kabul blamed Islamabad for the border clashes. Islamabad blamed Kabul for sheltering the TTP.';

  it('keeps annotations the edit did not touch, shifted', () => {
    const newText = `Reuters: ${oldText}`;
    const [result] = reanchor(oldText, newText, [anchorAt(oldText, 13, 22)]);
    expect(result).toMatchObject({ status: 'exact', start: 22, end: 31, quote: 'Islamabad', prefix: 'Reuters: Kabul blamed ' });
  });

  it('picks the occurrence whose context matches when the passage moved', () => {
    const newText = 'Islamabad blamed Kabul for sheltering the TTP. Kabul blamed Islamabad for the border clashes.';
    const results = reanchor(oldText, newText, [anchorAt(oldText, 0, 5, 'first'), anchorAt(oldText, 64, 69, 'second')]);
    expect(results).toEqual([
      expect.objectContaining({ id: 'first', start: 47, end: 52 }),
      expect.objectContaining({ id: 'second', start: 17, end: 22 }),
    ]);
  });

  it('finds a corrected quote approximately', () => {
    const before = 'The spokesman said the border would stay closed untill further notice, officials confirmed.';
    const after = 'The spokesman said the border would stay closed until further notice, officials confirmed.';
    const start = before.indexOf('the border');
    const [result] = reanchor(before, after, [anchorAt(before, start, before.indexOf(',', start))]);
    expect(result).toMatchObject({ status: 'fuzzy', start, quote: 'the border would stay closed until further notice' });
  });

  it('orphans an annotation whose passage was deleted, and never drops it', () => {
    const newText = 'Islamabad blamed Kabul for sheltering the TTP.';
    const results = reanchor(oldText, newText, [anchorAt(oldText, 31, 45, 'gone'), anchorAt(oldText, 85, 88, 'kept')]);
    expect(results).toEqual([{ id: 'gone', status: 'orphaned' }, expect.objectContaining({ id: 'kept', status: 'exact', start: 38, quote: 'the' })]);
  });

  it('orphans an empty quote rather than guess', () => {
    expect(reanchor('abc', 'abc', [{ id: 'x', start: 1, end: 1, quote: '', prefix: 'a', suffix: 'bc' }])).toEqual([
      { id: 'x', status: 'orphaned' },
    ]);
  });

  it('trusts the stored quote over stale offsets', () => {
    const stale = { id: 's', start: 0, end: 10, quote: 'sheltering', prefix: '', suffix: '' };
    expect(reanchor(oldText, oldText, [stale])).toEqual([expect.objectContaining({ status: 'moved', start: 74, end: 84 })]);
  });
});

// Base texts avoid digits; edits insert only digits, so they cannot recreate the quote nearby.
const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ,.éABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
const baseText = fc.string({ unit: letter, minLength: 40, maxLength: 400 });
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  remove: fc.nat({ max: 6 }),
  insert: fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), maxLength: 6 }),
  before: fc.boolean(),
});

const textWithSpan = (minLength: number) =>
  baseText
    .filter((text) => text.length >= minLength + 2)
    .chain((text) =>
      fc
        .tuple(fc.nat({ max: text.length - minLength }), fc.nat({ max: 40 }))
        .map(([start, extra]) => ({ text, start, end: Math.min(text.length, start + minLength + extra) })),
    );

describe('reanchor properties', () => {
  it('finds an untouched quote at its shifted offsets', () => {
    fc.assert(
      fc.property(textWithSpan(3), fc.array(edit, { maxLength: 5 }), ({ text, start, end }, edits) => {
        let newText = text;
        let newStart = start;
        let newEnd = end;
        for (const { at, remove, insert, before } of edits) {
          // Edit strictly before the span or strictly after it.
          const [from, to] = before ? [0, newStart] : [newEnd, newText.length];
          const position = from + Math.floor(at * (to - from + 1));
          const removed = Math.min(remove, to - position);
          newText = newText.slice(0, position) + insert + newText.slice(position + removed);
          if (before) {
            newStart += insert.length - removed;
            newEnd += insert.length - removed;
          }
        }
        const [result] = reanchor(text, newText, [anchorAt(text, start, end)]);
        expect(result).toMatchObject({ start: newStart, end: newEnd, quote: text.slice(start, end) });
        expect(['exact', 'moved']).toContain(result?.status);
      }),
      { numRuns: 200 },
    );
  });

  it('returns every annotation, each with a quote that is the new text at its offsets', () => {
    const spans = baseText.chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(
          fc.tuple(fc.nat({ max: text.length - 1 }), fc.integer({ min: 1, max: 40 })).map(([start, length]) => ({
            start,
            end: Math.min(text.length, start + length),
          })),
          { minLength: 1, maxLength: 10 },
        ),
      ),
    );
    const anyEdit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      remove: fc.nat({ max: 30 }),
      insert: fc.string({ unit: letter, maxLength: 12 }),
    });
    fc.assert(
      fc.property(spans, fc.array(anyEdit, { maxLength: 6 }), ([text, ranges], edits) => {
        const newText = edits.reduce((current, { at, remove, insert }) => {
          const position = Math.floor(at * (current.length + 1));
          return current.slice(0, position) + insert + current.slice(position + remove);
        }, text);
        const annotations = ranges.map(({ start, end }, index) => anchorAt(text, start, end, String(index)));
        const results = reanchor(text, newText, annotations);
        expect(results.map((result) => result.id)).toEqual(annotations.map((annotation) => annotation.id));
        for (const result of results) {
          if (result.status === 'orphaned') continue;
          expect(result.end).toBeGreaterThan(result.start);
          expect(result).toMatchObject(describeSpan(newText, result.start, result.end));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('matches a quote whose typo was fixed approximately, covering the corrected passage', () => {
    const typoFix = textWithSpan(30).chain((span) =>
      fc
        .tuple(fc.nat({ max: span.end - span.start - 1 }), letter)
        .filter(([offset, replacement]) => span.text[span.start + offset] !== replacement)
        .map(([offset, replacement]) => ({ ...span, position: span.start + offset, replacement })),
    );
    fc.assert(
      fc.property(typoFix, ({ text, start, end, position, replacement }) => {
        const newText = text.slice(0, position) + replacement + text.slice(position + 1);
        const [result] = reanchor(text, newText, [anchorAt(text, start, end)]);
        expect(result?.status).toBe('fuzzy');
        if (result?.status !== 'fuzzy') return;
        expect(result.start).toBeLessThanOrEqual(start);
        expect(result.end).toBeGreaterThanOrEqual(end);
        expect(result.end - result.start).toBeLessThanOrEqual(end - start + 2);
        expect(result.quote).toBe(newText.slice(result.start, result.end));
      }),
      { numRuns: 200 },
    );
  });
});
