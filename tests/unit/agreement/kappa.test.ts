import { describe, expect, test } from 'vitest';
import { cohenKappa, fleissKappa } from '@/lib/agreement';

type Value = string | number;

/** Two coders' values from a contingency table: [value of a, value of b, number of items]. */
function fromTable(cells: readonly (readonly [Value, Value, number])[]): { a: Value[]; b: Value[] } {
  const a: Value[] = [];
  const b: Value[] = [];
  for (const [x, y, count] of cells) {
    for (let item = 0; item < count; item++) {
      a.push(x);
      b.push(y);
    }
  }
  return { a, b };
}

function repeat(runs: readonly (readonly [Value, number])[]): Value[] {
  return runs.flatMap(([value, count]) => Array.from({ length: count }, () => value));
}

/** Raters' categories per subject → counts[subject][category] over `categories`. */
function toCounts(ratings: readonly (readonly Value[])[], categories: readonly Value[]): number[][] {
  return ratings.map((row) => categories.map((category) => row.filter((value) => value === category).length));
}

// Fleiss (1971: 379), Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses (1 depression,
// 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other). It is R irr's `diagnoses` data
// set: rows as stored in sophiedkk/pyirr pyrr/tests/diagnoses.csv and in dkpro/dkpro-statistics
// Fleiss1971Test.createExample.
const diagnoses: readonly (readonly number[])[] = [
  [4, 4, 4, 4, 4, 4],
  [2, 2, 2, 5, 5, 5],
  [2, 3, 3, 3, 3, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3],
  [3, 3, 3, 3, 5, 5],
  [1, 1, 3, 3, 3, 4],
  [1, 1, 4, 4, 4, 4],
  [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4],
  [1, 2, 4, 4, 4, 4],
  [2, 2, 2, 3, 3, 3],
  [1, 4, 4, 4, 4, 4],
  [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5],
  [1, 1, 1, 4, 5, 5],
  [1, 1, 1, 1, 1, 2],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 4, 4, 4, 4, 4],
  [2, 2, 4, 5, 5, 5],
  [1, 1, 4, 4, 4, 4],
  [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4],
  [1, 1, 1, 1, 5, 5],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 3, 3, 3],
  [5, 5, 5, 5, 5, 5],
];

// R irr's `anxiety` data set (20 subjects, ratings 1–6), raters 1 and 2, as stored in
// sophiedkk/pyirr pyirr/data/anxiety.csv.
const anxietyRater1 = [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3];
const anxietyRater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];

// scikit-learn sklearn/metrics/tests/test_classification.py, test_cohen_kappa (stored copy in
// Ace1928/eidosian_forge). The first two pairs reproduce Artstein & Poesio (2008), Tables 1 and 4.
const artsteinPoesioTable1 = {
  a: repeat([[0, 40], [1, 60]]),
  b: repeat([[0, 20], [1, 20], [0, 10], [1, 50]]),
};
const artsteinPoesioTable4 = {
  a: repeat([[0, 46], [1, 44], [2, 10]]),
  b: repeat([[0, 52], [1, 32], [2, 16]]),
};
const sklearnWeighting = {
  a: repeat([[0, 46], [1, 44], [2, 10]]),
  b: repeat([[0, 50], [1, 40], [2, 10]]),
};

describe('cohenKappa: published worked examples', () => {
  test.each([
    // Wikipedia, "Cohen's kappa", simple example: 50 grant proposals, yes/yes 20, yes/no 5,
    // no/yes 10, no/no 15; p_o = 0.7, p_e = 0.5, stated κ = 0.4 (stored copy: howcodex.com,
    // statistics/cohen_kappa_coefficient).
    [
      'Wikipedia 2×2 grant proposals',
      fromTable([['yes', 'yes', 20], ['yes', 'no', 5], ['no', 'yes', 10], ['no', 'no', 15]]),
      'none',
      0.4,
      4,
    ],
    // Cohen (1960: 45), 200 items, 3 categories: stated κ = 0.492 (DKPro Cohen1960Test).
    [
      'Cohen 1960: 45',
      fromTable([
        [1, 1, 88], [1, 2, 14], [1, 3, 18],
        [2, 1, 10], [2, 2, 40], [2, 3, 10],
        [3, 1, 2], [3, 2, 6], [3, 3, 12],
      ]),
      'none',
      0.492,
      3,
    ],
    // Krippendorff (2004: 246), two tables with the same p_o = 0.460: stated κ = 0.186 and 0.258
    // (DKPro Krippendorff2004Test.testOtherCoefficients, coding package).
    [
      'Krippendorff 2004: 246, table a',
      fromTable([
        ['a', 'a', 12], ['a', 'b', 9], ['a', 'c', 9],
        ['b', 'a', 9], ['b', 'b', 14], ['b', 'c', 9],
        ['c', 'a', 9], ['c', 'b', 9], ['c', 'c', 20],
      ]),
      'none',
      0.186,
      3,
    ],
    [
      'Krippendorff 2004: 246, table b',
      fromTable([
        ['a', 'a', 12], ['a', 'b', 18], ['a', 'c', 18],
        ['b', 'b', 14], ['b', 'c', 18],
        ['c', 'c', 20],
      ]),
      'none',
      0.258,
      3,
    ],
    // scikit-learn test_cohen_kappa, stated values to 3 and 4 decimals.
    ['Artstein & Poesio 2008, table 1 (scikit-learn)', artsteinPoesioTable1, 'none', 0.348, 3],
    ['Artstein & Poesio 2008, table 4 (scikit-learn)', artsteinPoesioTable4, 'none', 0.8013, 4],
    ['scikit-learn weighting example', sklearnWeighting, 'none', 0.9315, 4],
    ['scikit-learn weighting example', sklearnWeighting, 'linear', 0.9412, 4],
    ['scikit-learn weighting example', sklearnWeighting, 'quadratic', 0.9541, 4],
    // R irr documentation, kappa2(anxiety[, 1:2], "squared"): stated 0.297 (pyirr test_kappa2).
    ['irr anxiety, raters 1–2, squared weights', { a: anxietyRater1, b: anxietyRater2 }, 'quadratic', 0.297, 3],
    // R irr, kappa2(diagnoses[, 2:3]): stated 0.631 (pyirr test_kappa2_categorical).
    [
      'irr diagnoses, raters 2–3, unweighted',
      { a: diagnoses.map((row) => row[1] ?? 0), b: diagnoses.map((row) => row[2] ?? 0) },
      'none',
      0.631,
      3,
    ],
  ] as const)('%s (%s) → %d', (_name, { a, b }, weights, expected, digits) => {
    expect(cohenKappa([...a], [...b], weights)).toBeCloseTo(expected, digits);
  });
});

describe('cohenKappa: weights', () => {
  test('weights follow the position among the values used, not the numbers themselves', () => {
    // Relabelling 0, 1, 2 as 10, 20, 400 keeps the order, so the weighted kappas are unchanged.
    const map = (values: Value[]) => values.map((value) => [10, 20, 400][Number(value)] ?? 0);
    for (const weights of ['none', 'linear', 'quadratic'] as const) {
      expect(cohenKappa(map(sklearnWeighting.a), map(sklearnWeighting.b), weights)).toBeCloseTo(
        cohenKappa(sklearnWeighting.a, sklearnWeighting.b, weights),
        12,
      );
    }
  });

  test('numbers sort numerically and before strings', () => {
    // Sorted values: 2, 10, "a" — so 2 and "a" are the farthest apart (weight 0 when linear).
    // Numerically sorted, 2 < 10; as strings "10" < "2" would put them the other way round.
    const a: Value[] = [2, 10, 'a', 2];
    const b: Value[] = ['a', 10, 2, 10];
    // Linear weights over k = 3: w(2,a) = 0, w(10,10) = 1, w(a,2) = 0, w(2,10) = 0.5
    // p_o = (0 + 1 + 0 + 0.5) / 4 = 0.375. Marginals a: {2: 2, 10: 1, a: 1}, b: {2: 1, 10: 2, a: 1}.
    // p_e = Σ w_ij p_i p_j = [2·(1·1 + 2·0.5 + 1·0) + 1·(1·0.5 + 2·1 + 1·0.5) + 1·(1·0 + 2·0.5 + 1·1)] / 16 = 9/16
    const expected = (0.375 - 9 / 16) / (1 - 9 / 16);
    expect(cohenKappa(a, b, 'linear')).toBeCloseTo(expected, 12);
  });
});

describe('cohenKappa: degenerate input and errors', () => {
  test.each([
    ['no items', [], []],
    ['one value used by both coders', ['x', 'x', 'x'], ['x', 'x', 'x']],
  ] as const)('%s → NaN', (_name, a, b) => {
    for (const weights of ['none', 'linear', 'quadratic'] as const) {
      expect(cohenKappa([...a], [...b], weights)).toBeNaN();
    }
  });

  test('perfect agreement → 1; swapping the coders changes nothing', () => {
    const a = [1, 2, 3, 1, 2, 'x'];
    for (const weights of ['none', 'linear', 'quadratic'] as const) {
      expect(cohenKappa(a, [...a], weights)).toBe(1);
      expect(cohenKappa(sklearnWeighting.b, sklearnWeighting.a, weights)).toBeCloseTo(
        cohenKappa(sklearnWeighting.a, sklearnWeighting.b, weights),
        12,
      );
    }
  });

  test('different lengths throw a RangeError', () => {
    expect(() => cohenKappa([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => cohenKappa([1, 2, 3], [1, 2])).toThrow(/a has 3 values and b has 2/);
  });
});

// Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories;
// P̄ = 0.378, P̄_e = 0.213, stated κ = 0.210 (table also in AleMidolo/TestSonarQube
// ClassEval_51 fleiss_kappa doctest: 0.20993070442195522).
const wikipediaFleiss = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe('fleissKappa: published worked examples', () => {
  test.each([
    ['Wikipedia worked example', wikipediaFleiss, 0.21, 3],
    // Fleiss (1971: 379–380): stated κ = 0.430; R irr kappam.fleiss(diagnoses) 0.430 (pyirr
    // test_kappam_fleiss; DKPro Fleiss1971Test, with P̄ 0.5556 and P̄_e 0.2201).
    ['Fleiss 1971 / irr diagnoses', toCounts(diagnoses, [1, 2, 3, 4, 5]), 0.43, 3],
  ])('%s → %d', (_name, counts, expected, digits) => {
    expect(fleissKappa(counts)).toBeCloseTo(expected, digits);
  });

  test('Wikipedia example to the digits of the ClassEval doctest', () => {
    expect(fleissKappa(wikipediaFleiss)).toBeCloseTo(0.20993070442195522, 12);
  });
});

describe('fleissKappa: degenerate input and errors', () => {
  test('no subjects → NaN', () => {
    expect(fleissKappa([])).toBeNaN();
  });

  test('every rating in one category → NaN', () => {
    expect(fleissKappa([[0, 3, 0], [0, 3, 0]])).toBeNaN();
  });

  test('perfect agreement with variation → 1; category and subject order do not matter', () => {
    expect(fleissKappa([[4, 0], [0, 4], [4, 0]])).toBe(1);
    const reordered = [...wikipediaFleiss].reverse().map((row) => [...row].reverse());
    expect(fleissKappa(reordered)).toBeCloseTo(fleissKappa(wikipediaFleiss), 12);
  });

  test.each([
    ['a row with another sum', [[2, 1], [1, 1], [3, 0]], /row 1 sums to 2 but row 0 sums to 3/],
    ['fewer than 2 raters', [[1, 0], [0, 1]], /row 0 sums to 1; every subject needs at least 2 ratings/],
    ['rows of different lengths', [[1, 1], [1, 1, 0]], /row 1 has 3 categories but row 0 has 2/],
    ['a negative count', [[3, 0], [4, -1]], /row 1, category 1 holds -1/],
    ['a fractional count', [[1.5, 1.5], [3, 0]], /row 0, category 0 holds 1.5/],
  ])('%s throws a RangeError naming the row', (_name, counts, message) => {
    expect(() => fleissKappa(counts)).toThrow(RangeError);
    expect(() => fleissKappa(counts)).toThrow(message);
  });
});
