import { describe, expect, test } from 'vitest';
import { krippendorffAlpha } from '@/lib/agreement';

type Value = string | number | null;

/** Reliability data written one unit per row (as the papers print it) → data[coder][unit]. */
function byUnit(units: Value[][]): Value[][] {
  const coderCount = units[0]?.length ?? 0;
  return Array.from({ length: coderCount }, (_, coder) => units.map((unit) => unit[coder] ?? null));
}

const _ = null;

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C/E: 4 observers ×
// 12 units with missing values. The same data is R irr's `nmm` (`kripp.alpha(nmm, method)`),
// stated α: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797. Data and values as stored
// in sophiedkk/pyirr tests/test_kripp_alpha.py (a port of irr's documented example), also in
// pln-fing-udelar/fast-krippendorff tests/test_krippendorff.py (ordinal 0.815, ratio 0.797) and
// dkpro/dkpro-statistics Krippendorff2004Test (nominal 0.743, interval 0.849; Krippendorff 2004
// p. 230).
const krippendorff2011 = byUnit([
  [1, 1, _, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [_, 5, 5, 5],
  [_, _, 1, 1],
  [_, _, 3, _],
]);

// The same units with the symbols of Krippendorff (2004: 230) as labels (B = book, L = letter,
// P = phone, C = computer, F = folder): DKPro Krippendorff2004Test.createExample3, nominal 0.743.
const krippendorff2004Symbols = byUnit([
  ['B', 'B', _, 'B'],
  ['L', 'L', 'P', 'L'],
  ['P', 'P', 'P', 'P'],
  ['P', 'P', 'P', 'P'],
  ['L', 'L', 'L', 'L'],
  ['B', 'L', 'P', 'C'],
  ['C', 'C', 'C', 'C'],
  ['B', 'B', 'L', 'B'],
  ['L', 'L', 'L', 'L'],
  [_, 'F', 'F', 'F'],
  [_, _, 'B', 'B'],
  [_, _, 'P', _],
]);

// Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders × 15 units,
// stated α_nominal = 0.691 and α_interval = 0.811; to 6 decimals (0.691358, 0.810845) in
// pln-fing-udelar/fast-krippendorff tests/test_krippendorff.py.
const wikipedia = [
  [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
  [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
  [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
];

// Krippendorff (1980: 133) = (2004: 224) = (2011, section A): binary data, 2 observers × 10
// units, stated α = 0.095 (D_o 0.400, D_e 0.442). DKPro Krippendorff1980Test/2004Test.
const binary = byUnit([
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
  [0, 0],
  [0, 1],
  [0, 0],
  [0, 1],
  [0, 0],
  [0, 0],
]);

// Krippendorff (2004: 227): nominal, 2 observers × 12 units, stated α = 0.734.
// DKPro Krippendorff2004Test.createExample2.
const twoObserversNominal = byUnit([
  ['a', 'a'],
  ['a', 'b'],
  ['b', 'b'],
  ['b', 'b'],
  ['b', 'b'],
  ['b', 'b'],
  ['b', 'c'],
  ['c', 'c'],
  ['c', 'c'],
  ['c', 'c'],
  ['c', 'c'],
  ['c', 'c'],
]);

// Krippendorff (1980: 139): 3 observers × 9 units, stated α nominal 0.642, interval 0.547,
// ratio 0.483. DKPro Krippendorff1980Test.createExample2.
const threeObservers = byUnit([
  [1, 1, 1],
  [1, 2, 2],
  [2, 2, 2],
  [4, 4, 4],
  [1, 4, 4],
  [2, 2, 2],
  [1, 2, 3],
  [3, 3, 3],
  [2, 2, 2],
]);

describe('krippendorffAlpha: published worked examples', () => {
  test.each([
    ['Krippendorff 2011 / irr nmm', krippendorff2011, 'nominal', 0.743, 3],
    ['Krippendorff 2011 / irr nmm', krippendorff2011, 'ordinal', 0.815, 3],
    ['Krippendorff 2011 / irr nmm', krippendorff2011, 'interval', 0.849, 3],
    ['Krippendorff 2011 / irr nmm', krippendorff2011, 'ratio', 0.797, 3],
    ['Krippendorff 2004: 230, symbols', krippendorff2004Symbols, 'nominal', 0.743, 3],
    ['Wikipedia computational example', wikipedia, 'nominal', 0.691358, 6],
    ['Wikipedia computational example', wikipedia, 'interval', 0.810845, 6],
    ['Krippendorff 1980: 133, binary', binary, 'nominal', 0.095, 3],
    ['Krippendorff 2004: 227', twoObserversNominal, 'nominal', 0.734, 3],
    ['Krippendorff 1980: 139', threeObservers, 'nominal', 0.642, 3],
    ['Krippendorff 1980: 139', threeObservers, 'interval', 0.547, 3],
    ['Krippendorff 1980: 139', threeObservers, 'ratio', 0.483, 3],
  ] as const)('%s, %s → %d', (_name, data, level, expected, digits) => {
    // toBeCloseTo(x, d) passes when |value − x| < 10^−d / 2: equal to the stated rounding.
    expect(krippendorffAlpha(data.map((row) => [...row]), level)).toBeCloseTo(expected, digits);
  });

  // fast-krippendorff tests/test_krippendorff.py, test_string_labels_nominal: stated 0.722222.
  test('string labels with a missing value (fast-krippendorff) → 0.722222', () => {
    const data = [
      ['pos', 'neg', 'neu', null],
      ['pos', 'neg', 'neu', 'pos'],
      ['pos', 'neg', 'pos', 'pos'],
    ];
    expect(krippendorffAlpha(data, 'nominal')).toBeCloseTo(0.722222, 6);
  });
});

describe('krippendorffAlpha: degenerate input is NaN', () => {
  test.each([
    ['no coders', []],
    ['one coder', [[1, 2, 3, 1]]],
    ['no unit with two values', [
      [1, _, 3],
      [_, 2, _],
    ]],
    ['no variation', [
      [2, 2, 2],
      [2, 2, _],
    ]],
    ['no units', [[], []]],
  ] as const)('%s', (_name, data) => {
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      expect(krippendorffAlpha(data.map((row) => [...row]), level)).toBeNaN();
    }
  });

  test('values only in units with one value are not pairable and do not count', () => {
    // Unit 2 has a single value 9: dropped, so the data has no variation left.
    expect(krippendorffAlpha([[1, 9], [1, _]], 'interval')).toBeNaN();
  });
});

describe('krippendorffAlpha: properties', () => {
  test.each(['nominal', 'ordinal', 'interval', 'ratio'] as const)('perfect agreement → 1 (%s)', (level) => {
    const row = [1, 2, 3, 5, 8, 2, 1];
    expect(krippendorffAlpha([row, [...row], [...row]], level)).toBe(1);
    // …also with missing values, as long as every pairable unit agrees.
    expect(krippendorffAlpha([[1, 2, _, 4], [1, _, 3, 4], [_, 2, 3, 4]], level)).toBe(1);
  });

  test.each(['nominal', 'ordinal', 'interval', 'ratio'] as const)('coder order does not matter (%s)', (level) => {
    const reversed = [...krippendorff2011].reverse();
    const rotated = [...krippendorff2011.slice(1), ...krippendorff2011.slice(0, 1)];
    const value = krippendorffAlpha(krippendorff2011, level);
    expect(krippendorffAlpha(reversed, level)).toBeCloseTo(value, 12);
    expect(krippendorffAlpha(rotated, level)).toBeCloseTo(value, 12);
  });

  test('ordinal alpha depends only on the order of values, so labels that sort alike give the same α', () => {
    const letters = krippendorff2011.map((row) => row.map((value) => (value === null ? null : 'abcde'[Number(value) - 1] ?? null)));
    expect(krippendorffAlpha(letters, 'ordinal')).toBeCloseTo(krippendorffAlpha(krippendorff2011, 'ordinal'), 12);
  });

  test('nominal alpha ignores what the labels are', () => {
    const relabelled = krippendorff2011.map((row) => row.map((value) => (value === null ? null : `v${value}`)));
    expect(krippendorffAlpha(relabelled, 'nominal')).toBeCloseTo(krippendorffAlpha(krippendorff2011, 'nominal'), 12);
  });

  test('ratio metric: both values 0 is no difference', () => {
    // fast-krippendorff test_ratio_metric_with_zeros: stated 1.0.
    expect(krippendorffAlpha([[0, 1, 2], [0, 1, 2]], 'ratio')).toBe(1);
  });
});

describe('krippendorffAlpha: bad input', () => {
  test('rows of different lengths', () => {
    expect(() => krippendorffAlpha([[1, 2, 3], [1, 2]], 'nominal')).toThrow(/coder 1 has 2 values but coder 0 has 3/);
  });

  test('strings for interval and ratio', () => {
    expect(() => krippendorffAlpha([[1, 'x'], [1, 2]], 'interval')).toThrow(/coder 0 for unit 1 is "x"; the interval metric needs numbers/);
    expect(() => krippendorffAlpha([[1, 'x'], [1, 2]], 'ratio')).toThrow(RangeError);
  });

  test('negative values for ratio', () => {
    expect(() => krippendorffAlpha([[1, -2], [1, 2]], 'ratio')).toThrow(/needs values ≥ 0/);
  });

  test('non-finite numbers', () => {
    expect(() => krippendorffAlpha([[1, Number.NaN], [1, 2]], 'nominal')).toThrow(/finite/);
  });
});
