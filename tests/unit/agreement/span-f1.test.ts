import { describe, expect, test } from 'vitest';
import { formatAgreement, isComputable, spanF1, type Span } from '@/lib/agreement';

const span = (start: number, end: number, category: string): Span => ({ start, end, category });

// Hand-computed cases. Reference  A[0,5)  B[10,15)  A[20,25)
//                      Candidate  A[0,5)  A[10,15)  A[20,24)
// exact:   only A[0,5) matches on both sides          → P = R = 1/3
// overlap: A[0,5)~A[0,5), A[20,24)~A[20,25); A[10,15) meets only the B reference → P = R = 2/3
const reference = [span(0, 5, 'A'), span(10, 15, 'B'), span(20, 25, 'A')];
const candidate = [span(0, 5, 'A'), span(10, 15, 'A'), span(20, 24, 'A')];

describe('spanF1: hand-computed cases', () => {
  test.each([
    ['mixed, exact', reference, candidate, 'exact', 1 / 3, 1 / 3, 1 / 3],
    ['mixed, overlap', reference, candidate, 'overlap', 2 / 3, 2 / 3, 2 / 3],
    ['identical', reference, reference, 'exact', 1, 1, 1],
    // One long candidate over three references: overlap is not one-to-one, so it finds all three.
    ['one candidate covering three references, overlap', [span(0, 3, 'A'), span(4, 7, 'A'), span(8, 10, 'A')], [span(0, 10, 'A')], 'overlap', 1, 1, 1],
    ['one candidate covering three references, exact', [span(0, 3, 'A'), span(4, 7, 'A'), span(8, 10, 'A')], [span(0, 10, 'A')], 'exact', 0, 0, 0],
    // Two candidates inside one reference are both correct; the reference is found once.
    ['two candidates in one reference, overlap', [span(0, 10, 'A'), span(20, 30, 'A')], [span(1, 3, 'A'), span(5, 9, 'A')], 'overlap', 1, 0.5, 2 / 3],
    // Half-open ranges: [0,5) and [5,8) share no position.
    ['touching is not overlapping', [span(0, 5, 'A')], [span(5, 8, 'A')], 'overlap', 0, 0, 0],
    ['one shared position is overlapping', [span(0, 5, 'A')], [span(4, 8, 'A')], 'overlap', 1, 1, 1],
    ['same range, other category', [span(0, 5, 'A')], [span(0, 5, 'B')], 'overlap', 0, 0, 0],
    // P = 2/4 (both copies count), R = 1/2 → F1 = 0.5.
    ['duplicate candidates count separately', [span(0, 5, 'A'), span(6, 9, 'A')], [span(0, 5, 'A'), span(0, 5, 'A'), span(1, 2, 'B'), span(30, 31, 'A')], 'exact', 0.5, 0.5, 0.5],
    ['an empty candidate overlaps nothing', [span(0, 5, 'A')], [span(2, 2, 'A')], 'overlap', 0, 0, 0],
  ] as const)('%s', (_name, ref, cand, match, precision, recall, f1) => {
    const result = spanF1([...ref], [...cand], match);
    expect(result.precision).toBeCloseTo(precision, 12);
    expect(result.recall).toBeCloseTo(recall, 12);
    expect(result.f1).toBeCloseTo(f1, 12);
  });

  test('extra fields such as coder are ignored', () => {
    const withCoder = reference.map((s) => ({ ...s, coder: 'ann' }));
    const candidateWithCoder = candidate.map((s) => ({ ...s, coder: 'bob' }));
    expect(spanF1(withCoder, candidateWithCoder, 'overlap')).toEqual(spanF1(reference, candidate, 'overlap'));
  });

  test('swapping reference and candidate swaps precision and recall', () => {
    for (const match of ['exact', 'overlap'] as const) {
      const forward = spanF1(reference, candidate, match);
      const backward = spanF1(candidate, reference, match);
      expect(backward).toEqual({ precision: forward.recall, recall: forward.precision, f1: forward.f1 });
    }
  });

  test('overlap matching agrees with comparing every pair', () => {
    // A larger pseudo-random case (fixed LCG) checked against the quadratic definition.
    let seed = 12345;
    const next = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    const make = (count: number) =>
      Array.from({ length: count }, () => {
        const start = next(500);
        return span(start, start + next(12), ['A', 'B', 'C'][next(3)] ?? 'A');
      });
    const ref = make(150);
    const cand = make(120);
    const overlaps = (x: Span, y: Span) => x.category === y.category && Math.max(x.start, y.start) < Math.min(x.end, y.end);
    const precision = cand.filter((c) => ref.some((r) => overlaps(c, r))).length / cand.length;
    const recall = ref.filter((r) => cand.some((c) => overlaps(c, r))).length / ref.length;
    const result = spanF1(ref, cand, 'overlap');
    expect(result.precision).toBeCloseTo(precision, 12);
    expect(result.recall).toBeCloseTo(recall, 12);
  });
});

describe('spanF1: degenerate cases are NaN', () => {
  test.each([
    ['no candidates', [span(0, 5, 'A')], [], Number.NaN, 0, Number.NaN],
    ['no references', [], [span(0, 5, 'A')], 0, Number.NaN, Number.NaN],
    ['neither', [], [], Number.NaN, Number.NaN, Number.NaN],
  ] as const)('%s', (_name, ref, cand, precision, recall, f1) => {
    for (const match of ['exact', 'overlap'] as const) {
      expect(spanF1([...ref], [...cand], match)).toEqual({ precision, recall, f1 });
    }
  });
});

describe('isComputable and formatAgreement', () => {
  test.each([
    [0.74321, 3, '0.743'],
    [0.8155, 2, '0.82'],
    [-0.7003, 3, '-0.700'],
    [1, 3, '1.000'],
    [0, 3, '0.000'],
    [Number.NaN, 3, 'not computable'],
    [-2e-16, 3, '0.000'],
    [-0.0004, 3, '0.000'],
  ])('%d to %d decimals → %s', (value, digits, text) => {
    expect(formatAgreement(value, digits)).toBe(text);
  });

  test('three decimals by default', () => {
    expect(formatAgreement(0.20993070442195522)).toBe('0.210');
  });

  test.each([
    [0.5, true],
    [-1, true],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])('isComputable(%d) → %s', (value, computable) => {
    expect(isComputable(value)).toBe(computable);
  });
});
