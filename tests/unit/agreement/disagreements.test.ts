import { describe, expect, it } from 'vitest';
import { findDisagreements, mergeIntervals } from '@/lib/agreement/disagreements';

describe('findDisagreements', () => {
  it('finds the runs where annotators differ, largest first, with who marked what', () => {
    const result = findDisagreements(
      [
        { coder: 'ana', start: 0, end: 50, id: 'a1' },
        { coder: 'ben', start: 10, end: 50, id: 'b1' },
        { coder: 'ana', start: 100, end: 110, id: 'a2' },
        { coder: 'ben', start: 200, end: 260, id: 'b2' },
      ],
      ['ana', 'ben'],
    );
    expect(result.regions.map((r) => [r.start, r.end, r.size, r.marked, r.unmarked])).toEqual([
      [200, 260, 60, ['ben'], ['ana']],
      [0, 10, 10, ['ana'], ['ben']],
      [100, 110, 10, ['ana'], ['ben']],
    ]);
    expect(result.agreedChars).toBe(40);
    expect(result.disagreedChars).toBe(80);
    expect(result.agreedPassages).toEqual([{ start: 10, end: 50 }]);
    expect(result.regions[1]!.spanIds).toEqual(['a1']);
  });

  it('merges a coder’s own overlapping spans and ignores coders not chosen', () => {
    expect(mergeIntervals([{ start: 5, end: 10 }, { start: 0, end: 6 }, { start: 10, end: 12 }, { start: 20, end: 20 }])).toEqual([{ start: 0, end: 12 }]);
    const result = findDisagreements([{ coder: 'ana', start: 0, end: 5 }, { coder: 'ana', start: 3, end: 9 }, { coder: 'ben', start: 0, end: 9 }, { coder: 'cyd', start: 50, end: 60 }], ['ana', 'ben']);
    expect(result.regions).toEqual([]);
    expect(result.agreedChars).toBe(9);
  });

  it('joins adjacent differing segments into one region', () => {
    // 0–10 only ana, 10–20 only ben: one region of 20 characters.
    const result = findDisagreements([{ coder: 'ana', start: 0, end: 10 }, { coder: 'ben', start: 10, end: 20 }], ['ana', 'ben']);
    expect(result.regions.map((r) => [r.start, r.end])).toEqual([[0, 20]]);
  });
});
