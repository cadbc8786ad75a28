import { describe, expect, it, test } from 'vitest';
import { describeSpan, validateSpan } from '../../../lib/anchoring';

const text = 'Kabul’s “red lines” — and Islamabad’s. Flag 😀 here.';

describe('describeSpan', () => {
  it('takes the quote and up to 32 characters either side', () => {
    const long = 'x'.repeat(40) + 'QUOTE' + 'y'.repeat(40);
    expect(describeSpan(long, 40, 45)).toEqual({ start: 40, end: 45, quote: 'QUOTE', prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) });
  });

  it('stops at the ends of the text', () => {
    expect(describeSpan('abcdef', 0, 6)).toEqual({ start: 0, end: 6, quote: 'abcdef', prefix: '', suffix: '' });
    expect(describeSpan('abcdef', 2, 3, 1)).toMatchObject({ prefix: 'b', suffix: 'd' });
  });

  it('cuts the context short rather than split an emoji', () => {
    // "😀" is two code units at 44–46.
    expect(describeSpan(text, 46, 51, 1).prefix).toBe('');
    expect(describeSpan(text, 40, 44, 1).suffix).toBe('');
    expect(describeSpan(text, 40, 44, 2).suffix).toBe('😀');
  });
});

describe('validateSpan', () => {
  test.each([
    ['past the end', { start: 10, end: 9120 }, "end offset 9120 is past the document's length 52"],
    ['empty span', { start: 5, end: 5 }, 'end (5) must be after start (5)'],
    ['reversed span', { start: 9, end: 5 }, 'end (5) must be after start (9)'],
    ['negative start', { start: -1, end: 5 }, 'start must be a whole number ≥ 0'],
    ['fractional start', { start: 1.5, end: 5 }, 'start must be a whole number ≥ 0'],
    ['NaN end', { start: 1, end: Number.NaN }, 'end must be a whole number ≥ 0'],
    [
      'wrong quote',
      { start: 0, end: 5, quote: 'Kabol' },
      'the quote does not match the text at 0–5: the text there is "Kabul" but the quote is "Kabol"',
    ],
    [
      'quote found elsewhere (offsets counted in code points)',
      { start: 46, end: 50, quote: 'here' },
      'the quote does not match the text at 46–50: the text there is " her" but the quote is "here" (the quote occurs at 47–51)',
    ],
    [
      'start inside an emoji',
      { start: 45, end: 51, quote: text.slice(45, 51) },
      'start (45) splits the character "😀" in two: offsets count UTF-16 code units, as JavaScript string indices do, and this character takes two',
    ],
  ])('%s', (_name, span, problem) => {
    expect(validateSpan(text, span)).toEqual({ ok: false, problems: [problem] });
  });

  it('reports every independent problem at once', () => {
    expect(validateSpan('short', { start: -2, end: 9 })).toEqual({
      ok: false,
      problems: ['start must be a whole number ≥ 0', "end offset 9 is past the document's length 5"],
    });
    expect(validateSpan('short', { start: 7, end: 8 })).toEqual({
      ok: false,
      problems: ["start offset 7 is past the document's length 5", "end offset 8 is past the document's length 5"],
    });
  });

  it('shortens long strings and escapes line breaks in messages', () => {
    const long = `${'a'.repeat(50)}\n\n${'b'.repeat(50)}`;
    const result = validateSpan(long, { start: 0, end: long.length, quote: 'c'.repeat(102) });
    expect(result).toEqual({
      ok: false,
      problems: [
        `the quote does not match the text at 0–102: the text there is "${'a'.repeat(36)}…${'b'.repeat(23)}" but the quote is "${'c'.repeat(36)}…${'c'.repeat(23)}"`,
      ],
    });
    const middle = validateSpan(long, { start: 45, end: 57, quote: 'x' });
    expect(middle.ok ? '' : middle.problems[0]).toContain('the text there is "aaaaa\\n\\nbbbbb"');
  });

  it('returns the full selector for a valid span', () => {
    expect(validateSpan(text, { start: 8, end: 19, quote: '“red lines”' })).toEqual({
      ok: true,
      anchor: { start: 8, end: 19, quote: '“red lines”', prefix: 'Kabul’s ', suffix: text.slice(19, 51) },
    });
    expect(validateSpan(text, { start: 0, end: 5 })).toMatchObject({ ok: true, anchor: { quote: 'Kabul' } });
  });
});
