import { describe, expect, it } from 'vitest';
import { annotationsAt, firstWords, snapToWords, stepAnnotation, trimRange } from '@/lib/editor/navigation';

const text = 'Islamabad has been patient and has offered dialogue, de-escalation and even trade facilitation.';

describe('snapToWords', () => {
  it('widens a keyboard selection that stops inside a word, as the issue observed (Shift+→ ×30)', () => {
    const start = text.indexOf('has been');
    const range = snapToWords(text, start, start + 30);
    expect(text.slice(start, start + 30)).toBe('has been patient and has offer');
    expect(text.slice(range.start, range.end)).toBe('has been patient and has offered');
  });
  it('widens a start inside a word backwards, and keeps hyphenated words and apostrophes whole', () => {
    const at = text.indexOf('escalation');
    const range = snapToWords(text, at + 2, at + 5);
    expect(text.slice(range.start, range.end)).toBe('de-escalation');
    const quoted = 'Kabul’s control';
    expect(snapToWords(quoted, 2, 4)).toEqual({ start: 0, end: 7 });
  });
  it('leaves a selection on word boundaries as it is', () => {
    const start = text.indexOf('dialogue');
    expect(snapToWords(text, start, start + 8)).toEqual({ start, end: start + 8 });
  });
});

describe('trimRange', () => {
  it('drops the spaces a selection caught at either end', () => {
    expect(trimRange('  a b  ', 0, 7)).toEqual({ start: 2, end: 5 });
    expect(trimRange('   ', 0, 3)).toEqual({ start: 3, end: 3 });
  });
});

const spans = [
  { id: 'a', start: 10, end: 40, categoryId: 'trust' },
  { id: 'b', start: 20, end: 30, categoryId: 'trade' },
  { id: 'c', start: 20, end: 50, categoryId: 'trust' },
  { id: 'd', start: 60, end: 70, categoryId: 'trade' },
];

describe('annotationsAt', () => {
  it('lists the annotations the caret is in, innermost first, including at an end', () => {
    // a and c are as long: the one that starts later is taken as the inner.
    expect(annotationsAt(spans, 25).map((a) => a.id)).toEqual(['b', 'c', 'a']);
    expect(annotationsAt(spans, 50).map((a) => a.id)).toEqual(['c']);
    expect(annotationsAt(spans, 55)).toEqual([]);
  });
});

describe('stepAnnotation', () => {
  it('steps forwards and backwards in text order from a caret between passages', () => {
    expect(stepAnnotation(spans, { offset: 0 }, 1)?.id).toBe('a');
    expect(stepAnnotation(spans, { offset: 55 }, 1)?.id).toBe('d');
    expect(stepAnnotation(spans, { offset: 55 }, -1)?.id).toBe('b'); // the last in text order (c, then b, start at 20)
    expect(stepAnnotation(spans, { offset: 80 }, 1)).toBeNull();
    expect(stepAnnotation(spans, { offset: 5 }, -1)).toBeNull();
  });
  it('from the current annotation, visits passages that start at the same place one by one', () => {
    // c and b both start at 20: the longer first, then the shorter.
    expect(stepAnnotation(spans, { offset: 20, currentId: 'a' }, 1)?.id).toBe('c');
    expect(stepAnnotation(spans, { offset: 20, currentId: 'c' }, 1)?.id).toBe('b');
    expect(stepAnnotation(spans, { offset: 20, currentId: 'b' }, -1)?.id).toBe('c');
  });
  it('keeps to one category when asked', () => {
    expect(stepAnnotation(spans, { offset: 0 }, 1, 'trade')?.id).toBe('b');
    expect(stepAnnotation(spans, { offset: 20, currentId: 'b' }, 1, 'trade')?.id).toBe('d');
    expect(stepAnnotation(spans, { offset: 20, currentId: 'a' }, 1, 'trust')?.id).toBe('c');
    expect(stepAnnotation(spans, { offset: 0 }, 1, 'none')).toBeNull();
  });
});

describe('firstWords', () => {
  it('keeps the first words of a long note, and a short one whole', () => {
    expect(firstWords('Author doubts Kabul’s control, not its will, and says so twice.', 5)).toBe('Author doubts Kabul’s control, not…');
    expect(firstWords('  short  note ')).toBe('short note');
  });
});
