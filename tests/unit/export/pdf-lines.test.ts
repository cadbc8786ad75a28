import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakLines, noteLabel, type Piece, type PieceStyle } from '@/lib/export/pdf-lines';

// A measure where every character is one point wide, so the expected lines can be worked by hand.
const measure = (text: string) => text.length;
const plain: PieceStyle = { font: 'serif', size: 10, color: '#000', underline: null, rise: 0 };
const marked: PieceStyle = { ...plain, color: '#a00', underline: '#a00' };
const note: PieceStyle = { font: 'sans-bold', size: 6, color: '#00f', underline: null, rise: 3 };
const text = (t: string, style = plain): Piece => ({ text: t, style });
const num = (t: string): Piece => ({ text: t, style: note, glue: true });
const lineTexts = (pieces: Piece[], width: number) => breakLines(pieces, width, measure).map((l) => l.pieces.map((p) => p.text).join(''));

describe('breakLines', () => {
  it('breaks at spaces, never wider than the line', () => {
    expect(lineTexts([text('aaa bbb ccc ddd')], 8)).toEqual(['aaa bbb', 'ccc ddd']);
    expect(lineTexts([text('aaa  bbb\n ccc')], 20)).toEqual(['aaa bbb ccc']);
  });

  it('keeps a note number on the line of the word its passage ends on', () => {
    // "bbb" fits the first line but "bbb" with its number "12,13" does not: both go down together.
    expect(lineTexts([text('aaa '), text('bbb', marked), num('12,13'), text(' ccc')], 10)).toEqual(['aaa', 'bbb12,13', 'ccc']);
  });

  it('puts the number against the word when the passage ends on a space', () => {
    expect(lineTexts([text('aaa bbb ', marked), num('4'), text('ccc')], 20)).toEqual(['aaa bbb4 ccc']);
  });

  it('does not split a word where a highlight starts inside it', () => {
    expect(lineTexts([text('aaaa wr'), text('iting more', marked)], 8)).toEqual(['aaaa', 'writing', 'more']);
  });

  it('cuts a word wider than the line, and only such a word', () => {
    expect(lineTexts([text('ab abcdefghij cd')], 4)).toEqual(['ab', 'abcd', 'efgh', 'ij', 'cd']);
  });

  it('places each piece after the one before it and merges pieces of one style', () => {
    const [line] = breakLines([text('aa '), text('bb'), text(' cc', marked), num('1')], 20, measure);
    expect(line!.pieces.map((p) => [p.text, p.x, p.width])).toEqual([
      ['aa bb', 0, 5],
      [' cc', 5, 3],
      ['1', 8, 1],
    ]);
    expect(line!.width).toBe(9);
  });

  it('keeps every character but collapsed spaces, in order, within the width (property)', () => {
    const word = fc.stringMatching(/^[a-z]{1,12}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(word, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.option(fc.integer({ min: 1, max: 999 }))), { minLength: 1, maxLength: 12 }), fc.integer({ min: 6, max: 40 }), (runs, width) => {
        const pieces = runs.flatMap(([words, isMarked, n]) => [text(`${words.join(' ')} `, isMarked ? marked : plain), ...(n === null ? [] : [num(String(n))])]);
        const lines = breakLines(pieces, width, measure);
        for (const l of lines) expect(l.width).toBeLessThanOrEqual(width);
        const all = (s: string) => s.replace(/\s+/g, '');
        expect(lines.map((l) => l.pieces.map((p) => p.text).join('')).join('').replace(/\s+/g, '')).toBe(all(pieces.map((p) => p.text).join('')));
      }),
    );
  });
});

describe('noteLabel', () => {
  it.each([
    [[3], '3'],
    [[4, 7], '4,7'],
    [[44, 45, 46], '44–46'],
    [[2, 1], '1,2'],
    [[1, 2, 3, 5, 9, 10, 11, 12], '1–3,5,9–12'],
  ])('%j reads "%s"', (numbers, label) => {
    expect(noteLabel(numbers)).toBe(label);
  });
});
