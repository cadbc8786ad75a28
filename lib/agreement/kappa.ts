import { assertCodedValue, compareCodedValues, type CodedValue, type KappaWeights } from './types';

const WEIGHTS: readonly KappaWeights[] = ['none', 'linear', 'quadratic'];

/**
 * Cohen's kappa for two coders who each coded the same items, `a[i]` and `b[i]` being their
 * values for item i. Cohen, J. (1960), "A coefficient of agreement for nominal scales",
 * Educational and Psychological Measurement 20(1):37–46; weighted form from Cohen, J. (1968),
 * "Weighted kappa", Psychological Bulletin 70(4):213–220:
 *
 *   κ_w = (p_o − p_e) / (1 − p_e),   p_o = Σ_ij w_ij p_ij,   p_e = Σ_ij w_ij p_i· p_·j
 *
 * where p_ij is the share of items a coded i and b coded j, and p_i·, p_·j are the two coders'
 * marginal shares. The agreement weights w_ij index the k values seen in a ∪ b, sorted with
 * `compareCodedValues` (numbers numerically, then strings by code point):
 *
 *   none       w_ij = 1 if i = j, else 0            (Cohen 1960)
 *   linear     w_ij = 1 − |i − j| / (k − 1)
 *   quadratic  w_ij = 1 − (i − j)² / (k − 1)²
 *
 * so weights depend only on the position of a value among the values actually used (as in R
 * irr's kappa2 and scikit-learn's cohen_kappa_score), not on the numbers themselves.
 *
 * Returns NaN for no items, or when chance agreement is already total (p_e = 1: both coders used
 * one and the same value throughout, k = 1). Throws a RangeError when a and b differ in length.
 */
export function cohenKappa(
  a: (string | number)[],
  b: (string | number)[],
  weights: KappaWeights = 'none',
): number {
  if (a.length !== b.length) {
    throw new RangeError(
      `cohenKappa: a has ${a.length} values and b has ${b.length}; ` +
        'the two coders must have one value each for the same items, in the same order',
    );
  }
  if (!WEIGHTS.includes(weights)) {
    throw new RangeError(`cohenKappa: unknown weights "${String(weights)}"; use one of ${WEIGHTS.join(', ')}`);
  }
  a.forEach((value, item) => assertCodedValue(value, `cohenKappa: a[${item}]`));
  b.forEach((value, item) => assertCodedValue(value, `cohenKappa: b[${item}]`));
  const itemCount = a.length;
  if (itemCount === 0) return Number.NaN;

  const distinct = [...new Set<CodedValue>([...a, ...b])].sort(compareCodedValues);
  const valueCount = distinct.length;
  if (valueCount < 2) return Number.NaN; // p_e = 1: one value, nothing to tell apart
  const position = new Map<CodedValue, number>(distinct.map((value, index) => [value, index]));

  const table = new Float64Array(valueCount * valueCount);
  const rowTotals = new Float64Array(valueCount);
  const columnTotals = new Float64Array(valueCount);
  for (let item = 0; item < itemCount; item++) {
    const i = position.get(a[item] ?? '') ?? 0;
    const j = position.get(b[item] ?? '') ?? 0;
    table[i * valueCount + j] = (table[i * valueCount + j] ?? 0) + 1;
    rowTotals[i] = (rowTotals[i] ?? 0) + 1;
    columnTotals[j] = (columnTotals[j] ?? 0) + 1;
  }

  const span = valueCount - 1;
  const weight = (i: number, j: number): number => {
    if (weights === 'linear') return 1 - Math.abs(i - j) / span;
    if (weights === 'quadratic') return 1 - ((i - j) * (i - j)) / (span * span);
    return i === j ? 1 : 0;
  };

  let observed = 0;
  let chance = 0;
  for (let i = 0; i < valueCount; i++) {
    for (let j = 0; j < valueCount; j++) {
      const w = weight(i, j);
      if (w === 0) continue;
      observed += w * (table[i * valueCount + j] ?? 0);
      chance += w * (rowTotals[i] ?? 0) * (columnTotals[j] ?? 0);
    }
  }
  const observedShare = observed / itemCount;
  const chanceShare = chance / (itemCount * itemCount);
  if (!(chanceShare < 1)) return Number.NaN;
  return (observedShare - chanceShare) / (1 - chanceShare);
}

/**
 * Fleiss' kappa for N subjects each rated by the same number n ≥ 2 of raters (not necessarily the
 * same raters). Fleiss, J. L. (1971), "Measuring nominal scale agreement among many raters",
 * Psychological Bulletin 76(5):378–382, equations (1)–(9). `counts[i][j]` = n_ij, how many raters
 * put subject i in category j:
 *
 *   p_j = Σ_i n_ij / (N n)                        share of all ratings in category j
 *   P_i = (Σ_j n_ij² − n) / (n (n − 1))           agreeing rater pairs on subject i
 *   P̄ = Σ_i P_i / N,   P̄_e = Σ_j p_j²
 *   κ = (P̄ − P̄_e) / (1 − P̄_e)
 *
 * Returns NaN for no subjects, or when every rating is in one category (P̄_e = 1). Throws a
 * RangeError naming the row when rows differ in length, hold anything but non-negative integers,
 * or do not all sum to the same n ≥ 2.
 */
export function fleissKappa(counts: number[][]): number {
  const subjectCount = counts.length;
  if (subjectCount === 0) return Number.NaN;
  const categoryCount = counts[0]?.length ?? 0;
  let raters = 0;
  counts.forEach((row, subject) => {
    if (row.length !== categoryCount) {
      throw new RangeError(
        `fleissKappa: row ${subject} has ${row.length} categories but row 0 has ${categoryCount}; ` +
          'give every subject a count for every category',
      );
    }
    let sum = 0;
    row.forEach((count, category) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(
          `fleissKappa: row ${subject}, category ${category} holds ${count}; counts must be non-negative integers`,
        );
      }
      sum += count;
    });
    if (subject === 0) {
      raters = sum;
      if (raters < 2) {
        throw new RangeError(`fleissKappa: row 0 sums to ${sum}; every subject needs at least 2 ratings`);
      }
    } else if (sum !== raters) {
      throw new RangeError(
        `fleissKappa: row ${subject} sums to ${sum} but row 0 sums to ${raters}; ` +
          'every subject must be rated by the same number of raters',
      );
    }
  });

  const categoryTotals = new Float64Array(categoryCount);
  let agreementSum = 0;
  for (const row of counts) {
    let squares = 0;
    row.forEach((count, category) => {
      squares += count * count;
      categoryTotals[category] = (categoryTotals[category] ?? 0) + count;
    });
    agreementSum += (squares - raters) / (raters * (raters - 1));
  }
  const meanAgreement = agreementSum / subjectCount;
  let chance = 0;
  for (const total of categoryTotals) {
    const share = total / (subjectCount * raters);
    chance += share * share;
  }
  if (!(chance < 1)) return Number.NaN;
  return (meanAgreement - chance) / (1 - chance);
}
