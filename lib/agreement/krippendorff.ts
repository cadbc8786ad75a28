import { assertCodedValue, compareCodedValues, type CodedValue, type MeasurementLevel } from './types';

const LEVELS: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/**
 * Krippendorff's alpha for coded units, by the coincidence-matrix method of
 * Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for
 * Communication, University of Pennsylvania (sections C "Nominal data, any number of observers,
 * missing data" and E "Ordinal, interval and ratio metrics").
 *
 * `data[coder][unit]`, `null` for a value the coder did not give. For every unit u with
 * m_u ≥ 2 values (units with fewer are not pairable and are dropped, as the paper says):
 *
 *   o_ck += (number of ordered c-k pairs of values in u) / (m_u − 1)
 *
 * which gives the coincidence matrix o, its marginals n_c = Σ_k o_ck and n = Σ_c n_c (the number
 * of pairable values). Then
 *
 *   α = 1 − D_o / D_e = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck
 *
 * with the difference function of the level of measurement:
 *
 *   nominal   δ²_ck = 0 if c = k, else 1
 *   ordinal   δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)²   (g runs over the ranks from c to k,
 *             so ordinal distance depends on how often the values in between were used)
 *   interval  δ²_ck = (c − k)²
 *   ratio     δ²_ck = ((c − k) / (c + k))²                  (0 when c = k = 0)
 *
 * Ordinal ranks follow `compareCodedValues` (numbers numerically, then strings by code point);
 * interval and ratio need numbers, ratio non-negative ones.
 *
 * Returns NaN when alpha is not defined: fewer than two coders, no unit with two values (n = 0),
 * or no variation among the pairable values (D_e = 0).
 */
export function krippendorffAlpha(data: (string | number | null)[][], level: MeasurementLevel): number {
  if (!LEVELS.includes(level)) {
    throw new RangeError(`krippendorffAlpha: unknown level "${String(level)}"; use one of ${LEVELS.join(', ')}`);
  }
  const unitCount = data[0]?.length ?? 0;
  data.forEach((row, coder) => {
    if (row.length !== unitCount) {
      throw new RangeError(
        `krippendorffAlpha: coder ${coder} has ${row.length} values but coder 0 has ${unitCount}; ` +
          'give every coder one entry per unit, null where a value is missing',
      );
    }
    row.forEach((value, unit) => {
      if (value === null) return;
      assertCodedValue(value, `krippendorffAlpha: the value of coder ${coder} for unit ${unit}`);
      if (level !== 'nominal' && level !== 'ordinal' && typeof value !== 'number') {
        throw new RangeError(
          `krippendorffAlpha: the value of coder ${coder} for unit ${unit} is "${value}"; ` +
            `the ${level} metric needs numbers`,
        );
      }
      if (level === 'ratio' && typeof value === 'number' && value < 0) {
        throw new RangeError(
          `krippendorffAlpha: the value of coder ${coder} for unit ${unit} is ${value}; ` +
            'the ratio metric needs values ≥ 0',
        );
      }
    });
  });

  const { values, coincidences } = buildCoincidences(data, unitCount);
  const valueCount = values.length;
  const marginals = new Float64Array(valueCount);
  let pairableTotal = 0;
  for (let c = 0; c < valueCount; c++) {
    let sum = 0;
    for (let k = 0; k < valueCount; k++) sum += coincidences[c * valueCount + k] ?? 0;
    marginals[c] = sum;
    pairableTotal += sum;
  }
  if (pairableTotal === 0) return Number.NaN;

  const distance = differenceFunction(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < valueCount; c++) {
    const nc = marginals[c] ?? 0;
    for (let k = 0; k < valueCount; k++) {
      if (c === k) continue; // δ²_cc = 0 for every metric
      const delta = distance(c, k);
      observed += (coincidences[c * valueCount + k] ?? 0) * delta;
      expected += nc * (marginals[k] ?? 0) * delta;
    }
  }
  if (!(expected > 0)) return Number.NaN;
  return 1 - ((pairableTotal - 1) * observed) / expected;
}

/** The coincidence matrix (row-major, values × values) over the pairable units. */
function buildCoincidences(
  data: (string | number | null)[][],
  unitCount: number,
): { values: CodedValue[]; coincidences: Float64Array } {
  // First collect each pairable unit's value counts, so that only pairable values get an index:
  // values that occur only in units with one value take no part in alpha (they are not in n_c).
  const valueIndex = new Map<CodedValue, number>();
  const values: CodedValue[] = [];
  const units: { counts: Map<number, number>; size: number }[] = [];
  for (let unit = 0; unit < unitCount; unit++) {
    const present: CodedValue[] = [];
    for (const row of data) {
      const value = row[unit];
      if (value !== null && value !== undefined) present.push(value);
    }
    if (present.length < 2) continue;
    const counts = new Map<number, number>();
    for (const value of present) {
      let index = valueIndex.get(value);
      if (index === undefined) {
        index = values.length;
        valueIndex.set(value, index);
        values.push(value);
      }
      counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    units.push({ counts, size: present.length });
  }

  const valueCount = values.length;
  const coincidences = new Float64Array(valueCount * valueCount);
  for (const { counts, size } of units) {
    const scale = 1 / (size - 1);
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        // Ordered pairs of two different coders' values: nc·nk for c ≠ k, nc·(nc − 1) for c = k.
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        coincidences[c * valueCount + k] = (coincidences[c * valueCount + k] ?? 0) + pairs * scale;
      }
    }
  }
  return { values, coincidences };
}

function differenceFunction(
  level: MeasurementLevel,
  values: CodedValue[],
  marginals: Float64Array,
): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => {
        const difference = Number(values[c]) - Number(values[k]);
        return difference * difference;
      };
    case 'ratio':
      return (c, k) => {
        const x = Number(values[c]);
        const y = Number(values[k]);
        if (x + y === 0) return 0; // both 0
        const ratio = (x - y) / (x + y);
        return ratio * ratio;
      };
    case 'ordinal': {
      // Rank the values, then cumulative marginals make each δ² O(1).
      const order = values.map((_, index) => index).sort((i, j) => compareCodedValues(values[i] ?? 0, values[j] ?? 0));
      const rank = new Int32Array(values.length);
      order.forEach((valueIndex, position) => {
        rank[valueIndex] = position;
      });
      const cumulative = new Float64Array(values.length + 1); // cumulative[r] = Σ n_g over ranks < r
      order.forEach((valueIndex, position) => {
        cumulative[position + 1] = (cumulative[position] ?? 0) + (marginals[valueIndex] ?? 0);
      });
      return (c, k) => {
        const rc = rank[c] ?? 0;
        const rk = rank[k] ?? 0;
        const low = Math.min(rc, rk);
        const high = Math.max(rc, rk);
        const between = (cumulative[high + 1] ?? 0) - (cumulative[low] ?? 0);
        const difference = between - ((marginals[c] ?? 0) + (marginals[k] ?? 0)) / 2;
        return difference * difference;
      };
    }
  }
}
