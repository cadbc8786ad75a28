import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cohenKappa, fleissKappa, krippendorffAlpha, unitizedAlpha, type CoderSpan } from '@/lib/agreement';
import { computeCategoryDisagreement, computeUnitizedAgreement, type UnitRange } from '@/lib/agreement/unitized';

/** |actual − expected| ≤ tolerance, the form of DKPro's assertEquals(expected, actual, delta). */
function expectWithin(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected} ± ${tolerance}`).toBeLessThanOrEqual(tolerance);
}

/** Equal to 12 decimals, or both NaN. */
function expectSameAlpha(actual: number | undefined, expected: number): void {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(actual).toBeCloseTo(expected, 12);
}

/** DKPro's addUnit(offset, length, rater, category) → a span. */
function unit(offset: number, length: number, coder: string, category: string): CoderSpan {
  return { start: offset, end: offset + length, coder, category };
}

function rangesOf(spans: CoderSpan[], coder: string, category: string): UnitRange[] {
  return spans
    .filter((span) => span.coder === coder && span.category === category)
    .map(({ start, end }) => ({ start, end }))
    .sort((x, y) => x.start - y.start);
}

// ---------------------------------------------------------------------------------------------
// Published examples, ported from dkpro/dkpro-statistics (commit f7f4f89, 2026-07-11), folder
// dkpro-statistics-agreement/src/test/java/org/dkpro/statistics/agreement/unitizing/: every test
// there of KrippendorffAlphaUnitizingAgreement, with the tolerance DKPro asserts
// (assertThat(x).isCloseTo(expected, offset(tolerance))).

// Krippendorff (2004: 254), "Content Analysis", 2nd ed.: two observers, continuum [150, 450),
// categories c and k. Krippendorff2004Test.testAgreement and testCategoryAgreement:
// αu = 0.8591 (± 0.0005); c: uDo 0.0144, uDe 0.0532, αu 0.7286; k: uDo 0, uDe 0.0490, αu 1
// (± 0.0001).
const krippendorff2004Continuum = { start: 150, end: 450 };
const krippendorff2004 = [
  unit(225, 70, '0', 'c'),
  unit(370, 30, '0', 'c'),
  unit(220, 80, '1', 'c'),
  unit(355, 20, '1', 'c'),
  unit(400, 20, '1', 'c'),
  unit(180, 60, '0', 'k'),
  unit(300, 50, '0', 'k'),
  unit(180, 60, '1', 'k'),
  unit(300, 50, '1', 'k'),
];

// UnitizingAgreementTest.createExample (DKPro's own example, no paper): continuum [0, 10),
//   r0: -11111111-
//   r1: --1-1-1---
// category A: uDo 0.9100, uDe 0.5351, αu −0.7003 (± 0.0001).
const dkproExample = [unit(1, 8, '0', 'A'), unit(2, 1, '1', 'A'), unit(4, 1, '1', 'A'), unit(6, 1, '1', 'A')];

// Krippendorff (1995: 57), "On the reliability of unitizing continuous data", Sociological
// Methodology 25: four pairs of observers on a 24-position continuum, one category each, scaled by
// `stretch` exactly as Krippendorff1995Test.createExample does:
//   A Bertha:  0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
//     Bill:    0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
//   B John:    1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1|0 0 0 0 0 0
//     Jill:    1 1|1|1|1|1|1 1 1|1|0 0 0 0 0 0 0 0 0 0 0 0 0 0
//   C Gerret:  0 0|1 1 1 1 1 1|0 0|1 1|0 0|1 1 1 1|0 0|1 1|0 0
//     Gill:    1 1|0 0|1 1 1 1|0 0|1 1 1 1|0 0|1 1|0 0|1 1|0 0
//   D Heather: 1 1|1 1 1 1 1 1 1 1|1 1 1 1|1 1 1 1 1 1|1 1 1 1
//     Hill:    1 1 1 1|1 1 1 1|1 1 1 1 1 1 1|1 1|1 1 1 1 1 1 1
// In B, Jill's seven units touch; in D, each observer's units touch and tile the continuum. They
// are separate units (the bars), which is what makes αu_B −0.926 and αu_D 0.066.
function krippendorff1995(stretch: number): CoderSpan[] {
  const scaled = (offset: number, length: number, coder: string, category: string) =>
    unit(Math.trunc(offset * stretch), Math.trunc(length * stretch), coder, category);
  return [
    scaled(2, 8, '0', 'A'), scaled(14, 6, '0', 'A'), scaled(4, 4, '1', 'A'), scaled(15, 2, '1', 'A'),
    scaled(0, 18, '0', 'B'),
    scaled(0, 2, '1', 'B'), scaled(2, 1, '1', 'B'), scaled(3, 1, '1', 'B'), scaled(4, 1, '1', 'B'),
    scaled(5, 1, '1', 'B'), scaled(6, 3, '1', 'B'), scaled(9, 1, '1', 'B'),
    scaled(2, 6, '0', 'C'), scaled(10, 2, '0', 'C'), scaled(14, 4, '0', 'C'), scaled(20, 2, '0', 'C'),
    scaled(0, 2, '1', 'C'), scaled(4, 4, '1', 'C'), scaled(10, 4, '1', 'C'), scaled(16, 2, '1', 'C'),
    scaled(20, 2, '1', 'C'),
    scaled(0, 2, '0', 'D'), scaled(2, 8, '0', 'D'), scaled(10, 4, '0', 'D'), scaled(14, 6, '0', 'D'),
    scaled(20, 4, '0', 'D'),
    scaled(0, 4, '1', 'D'), scaled(4, 4, '1', 'D'), scaled(8, 7, '1', 'D'), scaled(15, 2, '1', 'D'),
    scaled(17, 7, '1', 'D'),
  ];
}

function dkproCategory(spans: CoderSpan[], category: string, continuum: { start: number; end: number }) {
  return computeCategoryDisagreement([rangesOf(spans, '0', category), rangesOf(spans, '1', category)], continuum);
}

describe('unitizedAlpha: DKPro Agreement examples', () => {
  test('Krippendorff 2004: 254 — overall 0.8591 (Krippendorff2004Test.testAgreement)', () => {
    const result = unitizedAlpha(krippendorff2004, krippendorff2004Continuum);
    expectWithin(result.overall, 0.8591, 0.0005);
    expect(Object.keys(result.byCategory)).toEqual(['c', 'k']);
  });

  test.each([
    ['c', 0.0144, 0.0532, 0.7286],
    ['k', 0.0, 0.049, 1.0],
  ])('Krippendorff 2004: 254 — category %s: uDo %d, uDe %d, αu %d (Krippendorff2004Test.testCategoryAgreement)', (category, observed, expected, alpha) => {
    const sums = dkproCategory(krippendorff2004, category, krippendorff2004Continuum);
    expectWithin(sums.observed, observed, 0.0001);
    expectWithin(sums.expected, expected, 0.0001);
    expectWithin(sums.alpha, alpha, 0.0001);
    expectWithin(unitizedAlpha(krippendorff2004, krippendorff2004Continuum).byCategory[category] ?? Number.NaN, alpha, 0.0001);
  });

  test('UnitizingAgreementTest.testAgreement — one long unit against three short ones: αu −0.7003', () => {
    const continuum = { start: 0, end: 10 };
    const sums = dkproCategory(dkproExample, 'A', continuum);
    expectWithin(sums.observed, 0.91, 0.0001);
    expectWithin(sums.expected, 0.5351, 0.0001);
    expectWithin(sums.alpha, -0.7003, 0.0001);
    const result = unitizedAlpha(dkproExample, continuum);
    expectWithin(result.byCategory.A ?? Number.NaN, -0.7003, 0.0001);
    expectWithin(result.overall, -0.7003, 0.0001);
  });

  // Krippendorff1995Test.testAgreement: uDo at stretch 1 (± 0.00001); uDe and αu at stretch 50000
  // (a 1.2-million-position continuum, approaching the paper's continuous values; DKPro allows
  // ± 0.005 and ± 0.02 there because the paper's figures are rounded and, by DKPro's note, its D_E
  // has a small error). DKPro's own loops, run on this data, give uDe_B 1.17578 and uDe_C 0.09050
  // rather than the paper's 1.17731 and 0.08642; these functions give DKPro's numbers (to 1e−15).
  // unitizedAlpha, the public function, is given the spans as they are, touching ones included.
  test.each([
    ['A', 0.03125, 0.0699, 0.553],
    ['B', 2.26736, 1.17731, -0.926],
    ['C', 0.02777, 0.08642, 0.679],
    ['D', 0.38715, 0.41445, 0.066],
  ])('Krippendorff 1995: 57 — category %s: uDo %d, uDe %d, αu %d', (category, observed, expected, alpha) => {
    const small = dkproCategory(krippendorff1995(1), category, { start: 0, end: 24 });
    expectWithin(small.observed, observed, 0.00001);
    const largeSpans = krippendorff1995(50000);
    const largeContinuum = { start: 0, end: 24 * 50000 };
    const large = dkproCategory(largeSpans, category, largeContinuum);
    expectWithin(large.expected, expected, 0.005);
    expectWithin(large.alpha, alpha, 0.02);
    const result = unitizedAlpha(largeSpans, largeContinuum);
    expectWithin(result.byCategory[category] ?? Number.NaN, alpha, 0.02);
    expect(result.byCategory[category]).toBeCloseTo(large.alpha, 12);
    expect(unitizedAlpha(krippendorff1995(1), { start: 0, end: 24 }).byCategory[category]).toBeCloseTo(small.alpha, 12);
  });

  // Krippendorff1995Test.testVaryingLengths, category C: uDo stays 0.02777 while uDe grows with
  // the resolution of the continuum (DKPro asserts uDe ± 0.00001 at stretch 0.5, ± 0.005 above).
  test.each([
    [0.5, 0.05494, 0.00001, 0.494],
    [5, 0.08234, 0.005, 0.663],
    [50, 0.086, 0.005, 0.677],
    [500, 0.08638, 0.005, 0.678],
    [5000, 0.08642, 0.005, 0.679],
    [50000, 0.08642, 0.005, 0.679],
  ])('Krippendorff 1995 — category C stretched ×%d: uDe %d (± %d), αu %d (± 0.02)', (stretch, expected, tolerance, alpha) => {
    const spans = krippendorff1995(stretch);
    const continuum = { start: 0, end: Math.trunc(24 * stretch) };
    const sums = dkproCategory(spans, 'C', continuum);
    expectWithin(sums.observed, 0.02777, 0.00001);
    expectWithin(sums.expected, expected, tolerance);
    expectWithin(sums.alpha, alpha, 0.02);
    expect(unitizedAlpha(spans, continuum).byCategory.C).toBeCloseTo(sums.alpha, 12);
  });

  // Corrected: this test used to assert that unitizedAlpha MERGED touching units, giving B 0.494
  // and D 1 where Krippendorff (1995: 57) and DKPro give −0.926 and 0.066. Touching units are
  // separate units in the definition (Jill's seven units in B are seven), so the merged figures
  // are kept here only as what the function must NOT give. Stretch 50000, as DKPro's αu checks.
  test('touching units stay separate: B and D are Krippendorff\'s figures, not those of one merged unit', () => {
    const stretch = 50000;
    const continuum = { start: 0, end: 24 * stretch };
    const result = unitizedAlpha(krippendorff1995(stretch), continuum);
    const one = (start: number, end: number) => [{ start: start * stretch, end: end * stretch }];
    const mergedB = computeCategoryDisagreement([one(0, 18), one(0, 10)], continuum);
    const mergedD = computeCategoryDisagreement([one(0, 24), one(0, 24)], continuum);
    expectWithin(mergedB.alpha, 0.494, 0.0005);
    expect(mergedD.alpha).toBe(1);
    expectWithin(result.byCategory.B ?? Number.NaN, -0.926, 0.02);
    expectWithin(result.byCategory.D ?? Number.NaN, 0.066, 0.02);
    expect(Math.abs((result.byCategory.B ?? Number.NaN) - mergedB.alpha)).toBeGreaterThan(1);
  });

  // UnitizingAgreementTest.testSingleAnnotationUnit: 3 raters, continuum [0, 20), one unit [0, 1)
  // by rater 0 → DKPro 0.0. Here too, with no special case: uDo = uDe = 1/600.
  test('UnitizingAgreementTest.testSingleAnnotationUnit — one coder\'s one-character unit among three → 0', () => {
    const spans = [unit(0, 1, '0', 'X')];
    const sums = computeCategoryDisagreement([[{ start: 0, end: 1 }], [], []], { start: 0, end: 20 });
    expect(sums.observed).toBeCloseTo(1 / 600, 15);
    expect(sums.expected).toBeCloseTo(1 / 600, 15);
    const result = unitizedAlpha(spans, { start: 0, end: 20 }, ['0', '1', '2']);
    expect(result.overall).toBeCloseTo(0, 12);
    expect(result.byCategory.X).toBeCloseTo(0, 12);
  });

  // UnitizingAgreementTest.testEmptyAnnotationSet: no units at all → NaN.
  test('UnitizingAgreementTest.testEmptyAnnotationSet — no spans → NaN overall and no categories', () => {
    expect(unitizedAlpha([], { start: 0, end: 20 }, ['0', '1', '2'])).toEqual({ overall: Number.NaN, byCategory: {} });
  });

  // UnitizingAgreementTest.testOnlyZeroLengthUnits{WithDifferingCategories,WithSameCategory}
  // (DKPro issue #35): only zero-length units on [0, 15) carry no mass, uDo = uDe = 0, and the
  // result "must not yield 1.0". DKPro returns 0.0 (± 0.001) by its rule uDo = uDe → 0; here a
  // zero-length span is empty and ignored, so nothing is left and the result is NaN, by this
  // module's rule that degenerate input is not given a made-up 0 or 1. Both say: not agreement.
  test.each([
    ['differing categories', 'A', 'B'],
    ['the same category', 'A', 'A'],
  ])('UnitizingAgreementTest — only zero-length units, %s → NaN (DKPro: 0, never 1)', (_name, first, second) => {
    const result = unitizedAlpha([unit(0, 0, '0', first), unit(0, 0, '1', second)], { start: 0, end: 15 });
    expect(result).toEqual({ overall: Number.NaN, byCategory: {} });
  });

  // UnitizingAgreementTest.testZeroLengthUnitsMixedWithPositiveLengthUnits: a zero-length unit
  // beside identical units [2, 7) on [0, 15): uDo 0 (± 0.001), uDe > 0, αu 1 (± 0.001).
  test('UnitizingAgreementTest.testZeroLengthUnitsMixedWithPositiveLengthUnits → 1', () => {
    const spans = [unit(0, 0, '0', 'A'), unit(2, 5, '0', 'A'), unit(2, 5, '1', 'A')];
    const sums = computeCategoryDisagreement([[{ start: 2, end: 7 }], [{ start: 2, end: 7 }]], { start: 0, end: 15 });
    expectWithin(sums.observed, 0, 0.001);
    expect(sums.expected).toBeGreaterThan(0);
    const result = unitizedAlpha(spans, { start: 0, end: 15 });
    expectWithin(result.overall, 1, 0.001);
    expect(result.byCategory).toEqual({ A: sums.alpha });
  });

  // DKPro's measureDistance(offset1, length1, category1, offset2, length2, category2), a null
  // category being a gap: UnitizingAgreementTest.testDistanceMetric and Krippendorff2004Test.
  // testDistanceMetric1 (sums of two calls) and testDistanceMetric2 (Krippendorff 2004: 254's
  // pairs), exact. They check the transcription the property tests below use as their oracle.
  type Call = [number, number, string | null, number, number, string | null];
  const segment = (offset: number, length: number, category: string | null): Segment => ({
    start: offset,
    end: offset + length,
    isUnit: category !== null,
  });
  test.each<[string, Call[], number]>([
    ['UnitizingAgreementTest', [[0, 1, null, 0, 2, null]], 0],
    ['UnitizingAgreementTest', [[1, 8, 'A', 0, 2, null]], 0],
    ['UnitizingAgreementTest', [[1, 8, 'A', 2, 1, 'A']], 37],
    ['UnitizingAgreementTest', [[1, 8, 'A', 3, 1, null]], 0],
    ['UnitizingAgreementTest', [[1, 8, 'A', 4, 1, 'A']], 25],
    ['UnitizingAgreementTest', [[1, 8, 'A', 5, 1, null]], 0],
    ['UnitizingAgreementTest', [[1, 8, 'A', 6, 1, 'A']], 29],
    ['UnitizingAgreementTest', [[1, 8, 'A', 7, 4, null]], 0],
    ['UnitizingAgreementTest', [[9, 2, null, 7, 4, null]], 0],
    ['Krippendorff2004Test 1', [[2, 3, null, 2, 2, 'X'], [5, 6, 'X', 4, 7, null]], 40],
    ['Krippendorff2004Test 1', [[3, 2, null, 3, 2, 'X'], [5, 6, 'X', 5, 6, null]], 40],
    ['Krippendorff2004Test 1', [[5, 6, 'X', 4, 2, 'X']], 26],
    ['Krippendorff2004Test 1', [[5, 6, 'X', 5, 2, 'X']], 16],
    ['Krippendorff2004Test 1', [[5, 6, 'X', 6, 2, 'X']], 10],
    ['Krippendorff2004Test 1', [[5, 6, 'X', 7, 2, 'X']], 8],
    ['Krippendorff2004Test 1', [[5, 6, 'X', 6, 4, 'X']], 2],
    ['Krippendorff2004Test 1', [[5, 6, 'X', 5, 6, 'X']], 0],
    ['Krippendorff2004Test 2', [[225, 70, 'c', 220, 80, 'c']], 50],
    ['Krippendorff2004Test 2', [[370, 30, 'c', 355, 20, 'c']], 850],
    ['Krippendorff2004Test 2', [[400, 50, null, 400, 20, 'c']], 400],
  ])('measureDistance — %s: %j → %d', (_source, calls, expected) => {
    const total = calls.reduce(
      (sum, [o1, l1, c1, o2, l2, c2]) => sum + measureDistance(segment(o1, l1, c1), segment(o2, l2, c2)),
      0,
    );
    expect(total).toBe(expected);
  });
});

// Krippendorff1995Test.testDigitizedAgreement and testThatAgreementThrowsInsufficientDataException:
// the same four pairs digitized, one item per position (1 inside a unit, 0 in a gap). Cohen's κ,
// Scott's π (Fleiss' κ with two raters is Scott's π) and nominal α (± 0.001). Krippendorff's point
// (1995: 57): digitized, A and B look alike (κ 0.385 both), while αu tells them apart (0.553 and
// −0.926), because digitizing forgets where one unit ends and the next begins. D, all 1s, has no
// chance-corrected figure: DKPro throws InsufficientDataException, these functions return NaN.
describe('Krippendorff 1995: 57 digitized (Krippendorff1995Test)', () => {
  const digits = (row: string) => [...row].map(Number);
  const scottPi = (a: number[], b: number[]) => fleissKappa(a.map((x, i) => [x, b[i] ?? 0].reduce((row, v) => {
    row[v] = (row[v] ?? 0) + 1;
    return row;
  }, [0, 0])));
  test.each([
    ['A', '001111111100001111110000', '000011110000000110000000', 0.385, 0.314, 0.329],
    ['B', '111111111111111111000000', '111111111100000000000000', 0.385, 0.314, undefined],
    ['C', '001111110011001111001100', '110011110011110011001100', 0.314, 0.314, undefined],
    ['D', '111111111111111111111111', '111111111111111111111111', Number.NaN, Number.NaN, undefined],
  ])('pair %s: Cohen κ %d, Scott π %d', (_pair, first, second, kappa, pi, alpha) => {
    const a = digits(first);
    const b = digits(second);
    expect(a).toHaveLength(24);
    expect(b).toHaveLength(24);
    if (Number.isNaN(kappa)) expect(cohenKappa(a, b)).toBeNaN();
    else expectWithin(cohenKappa(a, b), kappa, 0.001);
    if (Number.isNaN(pi)) expect(scottPi(a, b)).toBeNaN();
    else expectWithin(scottPi(a, b), pi, 0.001);
    if (alpha !== undefined) expectWithin(krippendorffAlpha([a, b], 'nominal'), alpha, 0.001);
  });
});

describe('unitizedAlpha: degenerate cases', () => {
  test('one coder → NaN overall and per category', () => {
    const result = unitizedAlpha([unit(0, 5, 'ann', 'X'), unit(7, 2, 'ann', 'Y')], { start: 0, end: 10 });
    expect(result.overall).toBeNaN();
    expect(result.byCategory).toEqual({ X: Number.NaN, Y: Number.NaN });
  });

  test('a category only one coder used is an ordinary (negative) value, not NaN', () => {
    // Continuum [0, 10), ann marks X on [2, 5), bob marks nothing:
    //   uDo = 2·3² / (2·1·10²) = 0.09
    //   uDe = (2/10)·3²·((5 − 3 + 1) + (10 − 3 + 1)) / (2·10·19 − 3·2) = 19.8 / 374
    //   αu  = 1 − 0.09 · 374 / 19.8 = −0.7
    const result = unitizedAlpha([unit(2, 3, 'ann', 'X')], { start: 0, end: 10 }, ['ann', 'bob']);
    expect(result.byCategory.X).toBeCloseTo(-0.7, 12);
    expect(result.overall).toBeCloseTo(-0.7, 12);
    // The same when bob is known from a span in another category.
    const withOther = unitizedAlpha([unit(2, 3, 'ann', 'X'), unit(8, 1, 'bob', 'Y')], { start: 0, end: 10 });
    expect(withOther.byCategory.X).toBeCloseTo(-0.7, 12);
  });

  test('a category only one coder used is never above 0 (random studies)', () => {
    const arbitrary = fc.record({
      length: fc.integer({ min: 1, max: 40 }),
      coderCount: fc.integer({ min: 2, max: 4 }),
      units: fc.array(fc.record({ start: fc.integer({ min: 0, max: 39 }), size: fc.integer({ min: 1, max: 40 }) }), {
        minLength: 1,
        maxLength: 6,
      }),
    });
    fc.assert(
      fc.property(arbitrary, ({ length, coderCount, units }) => {
        const spans = units.map(({ start, size }) => unit(start, size, 'c0', 'X'));
        const coders = Array.from({ length: coderCount }, (_, coder) => `c${coder}`);
        const alpha = unitizedAlpha(spans, { start: 0, end: length }, coders).byCategory.X;
        if (alpha !== undefined) expect(alpha).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  test('no variation possible (uDe = 0) → NaN', () => {
    // A one-position continuum that both coders mark: no smaller unit or gap could have differed.
    const result = unitizedAlpha([unit(0, 1, 'ann', 'X'), unit(0, 1, 'bob', 'X')], { start: 0, end: 1 });
    expect(result.byCategory.X).toBeNaN();
    expect(result.overall).toBeNaN();
  });

  test('spans wholly outside the continuum or empty are ignored', () => {
    const result = unitizedAlpha(
      [unit(20, 5, 'ann', 'X'), unit(3, 0, 'bob', 'Y'), { start: 6, end: 4, coder: 'bob', category: 'Y' }],
      { start: 0, end: 10 },
    );
    expect(result).toEqual({ overall: Number.NaN, byCategory: {} });
  });

  test('an empty continuum → NaN', () => {
    expect(unitizedAlpha([unit(0, 3, 'ann', 'X'), unit(0, 3, 'bob', 'X')], { start: 5, end: 5 }).overall).toBeNaN();
  });

  test('non-integer offsets throw', () => {
    expect(() => unitizedAlpha([unit(0.5, 3, 'ann', 'X')], { start: 0, end: 10 })).toThrow(/span 0 has offsets 0.5–3.5/);
    expect(() => unitizedAlpha([], { start: 0, end: 10.5 })).toThrow(RangeError);
  });
});

describe('unitizedAlpha: input normalisation', () => {
  const continuum = { start: 0, end: 40 };
  const other = [unit(2, 10, 'bob', 'X'), unit(20, 6, 'bob', 'X')];

  // Overlapping spans of one coder and category are merged first (DKPro requires non-overlapping
  // units). Touching spans used to be in this table; they are not merged (next test).
  test.each([
    ['overlapping spans', [unit(2, 6, 'ann', 'X'), unit(4, 7, 'ann', 'X')]],
    ['a span inside another', [unit(2, 9, 'ann', 'X'), unit(4, 2, 'ann', 'X')]],
    ['duplicates', [unit(2, 9, 'ann', 'X'), unit(2, 9, 'ann', 'X')]],
    ['touching spans bridged by a third that overlaps both', [unit(2, 4, 'ann', 'X'), unit(6, 5, 'ann', 'X'), unit(5, 2, 'ann', 'X')]],
  ])('%s of one coder and category count as their union', (_name, pieces) => {
    const merged = unitizedAlpha([unit(2, 9, 'ann', 'X'), ...other], continuum);
    expect(unitizedAlpha([...pieces, ...other], continuum).overall).toBeCloseTo(merged.overall, 12);
  });

  test('touching spans of one coder and category are two units, not their union', () => {
    // ann: [2, 6) [6, 11); bob: [2, 12) [20, 26). Krippendorff 1995: 57 (example B) and DKPro.
    const touching = unitizedAlpha([unit(2, 4, 'ann', 'X'), unit(6, 5, 'ann', 'X'), ...other], continuum);
    const twoUnits = computeCategoryDisagreement(
      [[{ start: 2, end: 6 }, { start: 6, end: 11 }], rangesOf(other, 'bob', 'X')],
      continuum,
    );
    const oneUnit = unitizedAlpha([unit(2, 9, 'ann', 'X'), ...other], continuum);
    expect(touching.overall).toBeCloseTo(twoUnits.alpha, 12);
    expect(touching.overall).not.toBeCloseTo(oneUnit.overall, 3);
  });

  test('spans are clipped to the continuum', () => {
    const clipped = unitizedAlpha([unit(10, 10, 'ann', 'X'), unit(12, 8, 'bob', 'X')], { start: 10, end: 30 });
    const outside = unitizedAlpha([unit(-5, 25, 'ann', 'X'), unit(12, 8, 'bob', 'X')], { start: 10, end: 30 });
    expect(outside.overall).toBeCloseTo(clipped.overall, 12);
  });

  test('a listed coder with no spans counts as marking nothing', () => {
    const spans = [unit(2, 9, 'ann', 'X'), ...other];
    const twoCoders = unitizedAlpha(spans, continuum);
    expect(unitizedAlpha(spans, continuum, ['ann', 'bob'])).toEqual(twoCoders);
    expect(unitizedAlpha(spans, continuum, ['carol']).overall).toBeLessThan(twoCoders.overall);
  });
});

// ---------------------------------------------------------------------------------------------
// Property checks against a deliberately naive transcription of DKPro's definitions: overlapping
// spans merged by comparing every pair (an independent way to find them; touching ones stay
// apart), every pair of segments through DKPro's measureDistance, and a loop over all gaps for
// every unit.

type Segment = { start: number; end: number; isUnit: boolean };

function segmentsOf(units: UnitRange[], length: number): Segment[] {
  const segments: Segment[] = [];
  let position = 0;
  for (const { start, end } of units) {
    if (start > position) segments.push({ start: position, end: start, isUnit: false });
    segments.push({ start, end, isUnit: true });
    position = end;
  }
  if (length > position) segments.push({ start: position, end: length, isUnit: false });
  return segments;
}

/** DKPro KrippendorffAlphaUnitizingAgreement.measureDistance, transcribed. */
function measureDistance(g: Segment, h: Segment): number {
  const beginDiff = g.start - h.start;
  const length1 = g.end - g.start;
  const length2 = h.end - h.start;
  const lengthDiff = length1 - length2;
  if (g.isUnit && h.isUnit && -length1 < beginDiff && beginDiff < length2) {
    return beginDiff ** 2 + (beginDiff + lengthDiff) ** 2;
  }
  if (g.isUnit && !h.isUnit && -lengthDiff >= beginDiff && beginDiff >= 0) return length1 ** 2;
  if (!g.isUnit && h.isUnit && -lengthDiff <= beginDiff && beginDiff <= 0) return length2 ** 2;
  return 0;
}

function naiveCategory(unitsByCoder: UnitRange[][], length: number): { observed: number; expected: number } {
  const coderCount = unitsByCoder.length;
  const segmentations = unitsByCoder.map((units) => segmentsOf(units, length));
  let sum = 0;
  for (let i = 0; i < coderCount; i++) {
    for (let j = i + 1; j < coderCount; j++) {
      for (const g of segmentations[i] ?? []) {
        for (const h of segmentations[j] ?? []) {
          if (g.start < h.end && h.start < g.end) sum += measureDistance(g, h);
        }
      }
    }
  }
  const observed = (2 * sum) / (coderCount * (coderCount - 1) * length * length);
  const allUnits = unitsByCoder.flat();
  const gaps = segmentations.flat().filter((segment) => !segment.isUnit);
  let numerator = 0;
  let squared = 0;
  for (const { start, end } of allUnits) {
    const l = end - start;
    squared += l * (l - 1);
    numerator += ((allUnits.length - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3;
    for (const gap of gaps) {
      const gapLength = gap.end - gap.start;
      if (gapLength >= l) numerator += l * l * (gapLength - l + 1);
    }
  }
  const expected = ((2 / length) * numerator) / (coderCount * length * (coderCount * length - 1) - squared);
  return { observed, expected };
}

/**
 * One coder's ranges, clipped to [0, length), with every group of overlapping ranges (sharing a
 * position, directly or through others) replaced by its union: pairs are compared until nothing
 * changes, independent of the sort-and-sweep. Touching ranges share no position and stay apart.
 */
function mergeOverlappingByPairs(ranges: { start: number; end: number }[], length: number): UnitRange[] {
  let units = ranges
    .map(({ start, end }) => ({ start: Math.max(0, start), end: Math.min(length, end) }))
    .filter(({ start, end }) => start < end);
  let changed = true;
  while (changed) {
    changed = false;
    outer: for (let i = 0; i < units.length; i++) {
      for (let j = i + 1; j < units.length; j++) {
        const x = units[i]!;
        const y = units[j]!;
        if (x.start < y.end && y.start < x.end) {
          units = units.filter((_, k) => k !== i && k !== j);
          units.push({ start: Math.min(x.start, y.start), end: Math.max(x.end, y.end) });
          changed = true;
          break outer;
        }
      }
    }
  }
  return units.sort((x, y) => x.start - y.start);
}

const coderNames = ['ann', 'bob', 'carol', 'dan'];
const categoryNames = ['X', 'Y', 'Z'];

const studyArbitrary = fc
  .record({ coderCount: fc.integer({ min: 2, max: 4 }), length: fc.integer({ min: 1, max: 60 }) })
  .chain(({ coderCount, length }) =>
    fc.record({
      coderCount: fc.constant(coderCount),
      length: fc.constant(length),
      spans: fc.array(
        fc.record({
          coder: fc.constantFrom(...coderNames.slice(0, coderCount)),
          category: fc.constantFrom(...categoryNames),
          start: fc.integer({ min: -5, max: length + 5 }),
          size: fc.integer({ min: 0, max: 25 }),
        }),
        { maxLength: 30 },
      ),
    }),
  )
  .map(({ coderCount, length, spans }) => ({
    coders: coderNames.slice(0, coderCount),
    length,
    spans: spans.map(({ coder, category, start, size }): CoderSpan => ({ coder, category, start, end: start + size })),
  }));

describe('unitizedAlpha: properties', () => {
  test('equals the naive transcription of DKPro on random studies', () => {
    fc.assert(
      fc.property(studyArbitrary, ({ coders, length, spans }) => {
        const result = unitizedAlpha(spans, { start: 0, end: length }, coders);
        let observedSum = 0;
        let expectedSum = 0;
        const used = categoryNames.filter((category) =>
          spans.some((span) => span.category === category && Math.max(0, span.start) < Math.min(length, span.end)),
        );
        expect(Object.keys(result.byCategory)).toEqual(used);
        for (const category of used) {
          const unitsByCoder = coders.map((coder) =>
            mergeOverlappingByPairs(spans.filter((span) => span.coder === coder && span.category === category), length),
          );
          const naive = naiveCategory(unitsByCoder, length);
          observedSum += naive.observed;
          expectedSum += naive.expected;
          const alpha = naive.expected > 0 ? 1 - naive.observed / naive.expected : Number.NaN;
          const actual = result.byCategory[category] ?? Number.NaN;
          if (Number.isNaN(alpha)) expect(actual).toBeNaN();
          else expect(actual).toBeCloseTo(alpha, 9);
        }
        const overall = expectedSum > 0 ? 1 - observedSum / expectedSum : Number.NaN;
        if (Number.isNaN(overall)) expect(result.overall).toBeNaN();
        else expect(result.overall).toBeCloseTo(overall, 9);
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  test('computeCategoryDisagreement equals the naive transcription with touching units', () => {
    // Random tilings: each coder cuts [0, L) into pieces and keeps some as (possibly touching) units.
    const tiling = (length: number) =>
      fc.array(fc.record({ size: fc.integer({ min: 1, max: 6 }), keep: fc.boolean() }), { maxLength: 20 }).map((pieces) => {
        const units: UnitRange[] = [];
        let position = 0;
        for (const { size, keep } of pieces) {
          const end = Math.min(length, position + size);
          if (end <= position) break;
          if (keep) units.push({ start: position, end });
          position = end;
        }
        return units;
      });
    const arbitrary = fc
      .record({ length: fc.integer({ min: 1, max: 50 }), coderCount: fc.integer({ min: 2, max: 4 }) })
      .chain(({ length, coderCount }) =>
        fc.record({ length: fc.constant(length), unitsByCoder: fc.array(tiling(length), { minLength: coderCount, maxLength: coderCount }) }),
      );
    fc.assert(
      fc.property(arbitrary, ({ length, unitsByCoder }) => {
        const actual = computeCategoryDisagreement(unitsByCoder, { start: 0, end: length });
        const naive = naiveCategory(unitsByCoder, length);
        expect(actual.observed).toBeCloseTo(naive.observed, 12);
        expect(actual.expected).toBeCloseTo(naive.expected, 12);
      }),
      { numRuns: 300, seed: 1995 },
    );
  });

  test('the order of the spans does not matter', () => {
    fc.assert(
      fc.property(studyArbitrary, fc.infiniteStream(fc.integer()), ({ coders, length, spans }, randoms) => {
        const shuffled = spans
          .map((span) => ({ span, key: randoms.next().value as number }))
          .sort((x, y) => x.key - y.key)
          .map(({ span }) => span);
        const continuum = { start: 0, end: length };
        expect(unitizedAlpha(shuffled, continuum, coders)).toEqual(unitizedAlpha(spans, continuum, coders));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  test('swapping or renaming coders does not matter', () => {
    fc.assert(
      fc.property(studyArbitrary, ({ coders, length, spans }) => {
        const continuum = { start: 0, end: length };
        const rename = (coder: string) => `${coders[coders.length - 1 - coders.indexOf(coder)]}!`;
        const renamed = spans.map((span) => ({ ...span, coder: rename(span.coder) }));
        const original = unitizedAlpha(spans, continuum, coders);
        const swapped = unitizedAlpha(renamed, continuum, [...coders].reverse().map(rename));
        expect(Object.keys(swapped.byCategory)).toEqual(Object.keys(original.byCategory));
        for (const [category, value] of Object.entries(original.byCategory)) {
          expectSameAlpha(swapped.byCategory[category], value);
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  test('perfect agreement → 1 overall and per category', () => {
    const marks = [unit(0, 5, '', 'X'), unit(9, 3, '', 'X'), unit(4, 8, '', 'Y'), unit(30, 10, '', 'Z')];
    const spans = ['ann', 'bob', 'carol'].flatMap((coder) => marks.map((span) => ({ ...span, coder })));
    const result = unitizedAlpha(spans, { start: 0, end: 50 });
    expect(result.overall).toBe(1);
    expect(result.byCategory).toEqual({ X: 1, Y: 1, Z: 1 });
  });
});

describe('computeUnitizedAgreement', () => {
  test('equals unitizedAlpha overall, and per pair unitizedAlpha on that pair\'s spans', () => {
    fc.assert(
      fc.property(studyArbitrary, ({ coders, length, spans }) => {
        const continuum = { start: 0, end: length };
        const { overall, byCategory, pairs } = computeUnitizedAgreement(spans, continuum, coders);
        expect({ overall, byCategory }).toEqual(unitizedAlpha(spans, continuum, coders));
        expect(pairs.map(({ a, b }) => `${a}-${b}`)).toEqual(
          coders.flatMap((a, i) => coders.slice(i + 1).map((b) => `${a}-${b}`)),
        );
        for (const pair of pairs) {
          const alone = unitizedAlpha(spans.filter((span) => span.coder === pair.a || span.coder === pair.b), continuum, [pair.a, pair.b]);
          expectSameAlpha(pair.overall, alone.overall);
          expect(Object.keys(pair.byCategory)).toEqual(Object.keys(alone.byCategory));
          for (const [category, value] of Object.entries(alone.byCategory)) {
            expectSameAlpha(pair.byCategory[category], value);
          }
        }
      }),
      { numRuns: 150, seed: 3 },
    );
  });

  test('fewer than two coders → no pairs', () => {
    const result = computeUnitizedAgreement([unit(0, 3, 'ann', 'X')], { start: 0, end: 10 });
    expect(result.pairs).toEqual([]);
    expect(result.overall).toBeNaN();
  });
});

describe('unitizedAlpha: large inputs', () => {
  // Groups of hundreds of spans go through the radix sort; offsets up to 2^11, 2^22 and 2^32 need
  // one, two and three passes, and larger ones fall back to the built-in sort. Checked against
  // overlapping spans merged here with an ordinary comparison sort (touching ones kept apart),
  // fed to computeCategoryDisagreement.
  function unionBySorting(ranges: { start: number; end: number }[]): UnitRange[] {
    const sorted = [...ranges].filter(({ start, end }) => start < end).sort((x, y) => x.start - y.start);
    const units: UnitRange[] = [];
    for (const { start, end } of sorted) {
      const last = units[units.length - 1];
      if (last && start < last.end) last.end = Math.max(last.end, end);
      else units.push({ start, end });
    }
    return units;
  }

  test.each([
    ['one radix pass', 2000],
    ['two radix passes', 3_000_000],
    ['three radix passes', 3_000_000_000],
    ['the built-in sort above 2^32', 2 ** 40],
  ])('%s (continuum %d)', (_name, length) => {
    let seed = 99;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const coders = ['ann', 'bob', 'carol'];
    const spans: CoderSpan[] = [];
    for (const category of ['X', 'Y']) {
      for (const coder of coders) {
        for (let index = 0; index < 400; index++) {
          const start = Math.floor(next() * length);
          spans.push({ coder, category, start, end: start + 1 + Math.floor(next() * (length / 300)) });
        }
      }
    }
    const continuum = { start: 0, end: length };
    const result = unitizedAlpha(spans, continuum);
    for (const category of ['X', 'Y']) {
      const unitsByCoder = coders.map((coder) =>
        unionBySorting(
          spans
            .filter((span) => span.coder === coder && span.category === category)
            .map(({ start, end }) => ({ start, end: Math.min(end, length) })),
        ),
      );
      expect(result.byCategory[category]).toBeCloseTo(computeCategoryDisagreement(unitsByCoder, continuum).alpha, 9);
    }
  });
});
