import type { CoderSpan, Continuum, UnitizedAlphaResult } from './types';

// Krippendorff's unitizing alpha (αu), computed on segment boundaries only.
//
// Every coder's units of one category cut the continuum [0, L) into units and gaps. The
// definitions below are those of DKPro Agreement's KrippendorffAlphaUnitizingAgreement
// (dkpro/dkpro-statistics, org.dkpro.statistics.agreement.unitizing), which implements
// Krippendorff (1995, 2004): there Do sweeps every pair of coders position by position and De
// loops over all gaps for every unit. Here the same sums are taken on sorted boundaries: a
// merge-like sweep over two coders' sorted units for Do, and for De each coder's unit lengths and
// gap lengths sorted once, so that "all gaps at least as long as this unit" is a moving pointer
// into a suffix sum. Nothing loops over characters, so cost does not grow with the text's length.
//
// Both sums split into per-coder and per-pair-of-coders terms (Do over pairs; in De, N_c,
// Σ l (l − 1) and the unit-against-gap sums per (unit coder, gap coder)). They are computed once
// per category and cached, so αu over all coders and over every pair of coders
// (`computeUnitizedAgreement`) costs little more than αu over all coders alone.
//
// Offsets inside this file are relative to the continuum start, so the continuum is [0, L).

/** A coder's units of one category as half-open ranges, sorted, pairwise disjoint (may touch). */
export type UnitRange = { start: number; end: number };

export type CategoryDisagreement = { observed: number; expected: number; alpha: number };

/**
 * Krippendorff's unitizing alpha for category-labelled spans on a continuum, overall and per
 * category. Krippendorff, K. (2004), "Measuring the reliability of qualitative text analysis
 * data", Quality & Quantity 38(6):787–800; first defined in Krippendorff, K. (1995), "On the
 * reliability of unitizing continuous data", Sociological Methodology 25:47–76. Definitions and
 * normalisation as in DKPro Agreement's KrippendorffAlphaUnitizingAgreement. (Krippendorff,
 * Mathet, Bouvry & Widlöcher (2016), "On the reliability of unitizing textual continua: further
 * developments", Quality & Quantity, revise the definition for more than two coders; this is the
 * 2004 definition, the one DKPro implements and its published examples check.)
 *
 * For category c, m coders and a continuum of length L, each coder's units of c (length l) and the
 * gaps between them (the rest of the continuum, lengths l_h) form a segmentation. For two coders'
 * segments g and h (begin b, end e):
 *
 *   δ²(g, h) = (b_g − b_h)² + (e_g − e_h)²   if g and h are both units of c and overlap
 *            = l_g²                          if g is a unit lying wholly inside the gap h
 *            = l_h²                          if h is a unit lying wholly inside the gap g
 *            = 0                             otherwise
 *
 *   uDo_c = 2 / (m (m − 1) L²) · Σ_{coders i < j} Σ_{g of i, h of j, g ∩ h ≠ ∅} δ²(g, h)
 *
 *   uDe_c = (2 / L) · Σ_{units g of c} [ (N_c − 1) (2 l_g³ − 3 l_g² + l_g) / 3
 *                                        + l_g² Σ_{gaps h with l_h ≥ l_g} (l_h − l_g + 1) ]
 *           / ( m L (m L − 1) − Σ_{units g of c} l_g (l_g − 1) )
 *
 * where N_c counts the units of c of all coders and the gaps are all coders' gaps for c.
 *
 *   αu_c = 1 − uDo_c / uDe_c
 *   αu   = 1 − Σ_c uDo_c / Σ_c uDe_c        (DKPro: 1 − mean Do / mean De, the same ratio)
 *
 * Input handling:
 * - Coders are every `coder` named in `spans` plus every name in `coders`; a listed coder without
 *   spans has marked nothing, i.e. one gap over the whole continuum (it still counts in m).
 * - Spans are clipped to the continuum; spans empty after clipping are ignored, and a category
 *   whose spans all fall outside the continuum does not appear in `byCategory`.
 * - Units that touch stay separate units: a coder's continuum for one category is a sequence of
 *   units and gaps, and two units may follow each other with no gap between them. Marking [0, 5)
 *   and [5, 9) is two units, not one unit [0, 9). That is Krippendorff's own reading: in his
 *   example B (1995: 57) Jill's units [0, 2) [2, 3) … [9, 10) touch and are seven units, and αu_B
 *   = −0.926 (one unit [0, 10) would give 0.494); in D both observers tile the whole continuum
 *   with touching units and αu_D = 0.066 (one unit each would give 1). DKPro Agreement, fed those
 *   units, gives the same figures (Krippendorff1995Test.testAgreement; figures for the continuum
 *   divided finely, 24 × 50000 positions, as the paper's continuous values; on 24 positions they
 *   are −1.081 and −0.207).
 * - Overlapping spans of one coder and one category (sharing at least one position, duplicates
 *   included) are merged into their union first. The definition has no place for them: DKPro's
 *   KrippendorffAlphaUnitizingAgreement states that "units coded with the same categories by a
 *   single rater may not overlap with each other", and Krippendorff (1995, 2004) has each coder
 *   cut the continuum into non-overlapping units and gaps. Marking [0, 6) and [4, 9) counts as
 *   marking [0, 9); [0, 5), [5, 9) and [3, 7) count as [0, 9) too, since [3, 7) overlaps both.
 * - Offsets must be integers (character positions): l (l − 1) and l_h − l_g + 1 count positions.
 *
 * Degenerate input gives NaN, never a made-up 0 or 1: fewer than two coders (m (m − 1) = 0), no
 * spans inside the continuum (overall NaN, `byCategory` empty), or uDe_c = 0 for a category. A
 * category that only one coder used is not special: the others' empty continuum is a real
 * disagreement, so αu_c is an ordinary number, and not above 0 (seen on random data, not proved):
 * exactly 0 for one coder's single one-character unit among three coders (DKPro's
 * testSingleAnnotationUnit), −0.7 for one coder's [2, 5) against an empty coder on [0, 10).
 * DKPro returns 0 whenever uDo = uDe; 1 − uDo/uDe gives that same 0 (up to rounding) except when
 * both are 0, which is NaN here.
 *
 * Cost: O(S) to read S spans, sorting by radix (offsets are integers below the continuum length),
 * then O(m² · n) per category for m coders with n units each.
 */
export function unitizedAlpha(
  spans: CoderSpan[],
  continuum: Continuum,
  coders?: string[],
): UnitizedAlphaResult {
  const study = normalizeStudy(spans, continuum, coders, 'unitizedAlpha');
  return alphaOfCoders(study, study.coderNames.map((_, coder) => coder));
}

export type PairwiseUnitizedAlpha = UnitizedAlphaResult & { a: string; b: string };

export type UnitizedAgreement = UnitizedAlphaResult & { pairs: PairwiseUnitizedAlpha[] };

/**
 * αu over all coders (exactly `unitizedAlpha(spans, continuum, coders)`) and for every pair of
 * coders a, b (a before b in the order of `coders`, then of first appearance in `spans`): exactly
 * what `unitizedAlpha(spans of a and b, continuum, [a, b])` returns, over the categories a or b
 * used. The spans are read, clipped and merged once and the per-pair sums are shared, which at
 * hundreds of thousands of spans is several times faster than one call per pair — reading the
 * span objects alone is most of a call's cost there.
 */
export function computeUnitizedAgreement(
  spans: CoderSpan[],
  continuum: Continuum,
  coders?: string[],
): UnitizedAgreement {
  const study = normalizeStudy(spans, continuum, coders, 'computeUnitizedAgreement');
  const { coderNames } = study;
  const pairs: PairwiseUnitizedAlpha[] = [];
  coderNames.forEach((a, first) => {
    coderNames.forEach((b, second) => {
      if (second > first) pairs.push({ a, b, ...alphaOfCoders(study, [first, second]) });
    });
  });
  return { ...alphaOfCoders(study, coderNames.map((_, coder) => coder)), pairs };
}

/**
 * uDo, uDe and αu of ONE category for units given per coder exactly as DKPro takes them: sorted,
 * non-overlapping, possibly touching. `unitizedAlpha` computes the same sums after merging only
 * overlapping spans, so on such input its αu_c equals this `alpha`; this form also returns uDo_c
 * and uDe_c, which DKPro's published examples state, and refuses overlapping units rather than
 * merging them.
 */
export function computeCategoryDisagreement(
  unitsByCoder: readonly (readonly UnitRange[])[],
  continuum: Continuum,
): CategoryDisagreement {
  assertIntegerRange(continuum.start, continuum.end, 'computeCategoryDisagreement: the continuum');
  const length = Math.max(0, continuum.end - continuum.start);
  const coderCount = unitsByCoder.length;
  const total = unitsByCoder.reduce((sum, units) => sum + units.length, 0);
  const starts = new Float64Array(total);
  const ends = new Float64Array(total);
  const from = new Int32Array(coderCount);
  const to = new Int32Array(coderCount);
  let slot = 0;
  unitsByCoder.forEach((units, coder) => {
    from[coder] = slot;
    let previousEnd = 0;
    units.forEach((unit, index) => {
      const where = `computeCategoryDisagreement: coder ${coder}, unit ${index}`;
      assertIntegerRange(unit.start, unit.end, where);
      const start = unit.start - continuum.start;
      const end = unit.end - continuum.start;
      if (!(start >= previousEnd && start < end && end <= length)) {
        throw new RangeError(
          `${where} [${unit.start}, ${unit.end}) must be non-empty, inside the continuum and after the previous unit`,
        );
      }
      starts[slot] = start;
      ends[slot] = end;
      slot++;
      previousEnd = end;
    });
    to[coder] = slot;
  });
  const groups = unitsByCoder.map((_, coder) => coder);
  const tables = buildCategoryTables({ starts, ends, from, to, groups }, length, createSorter(total + coderCount));
  const everyone = groups.slice();
  const observed = observedDisagreement(tables, everyone, length);
  const expected = expectedDisagreement(tables, everyone, length);
  return { observed, expected, alpha: alphaFrom(observed, expected) };
}

// ---------------------------------------------------------------------------------------------
// Normalising the spans

/**
 * The spans clipped, grouped by (category, coder), overlapping ones merged: group g = category ·
 * coderCount + coder holds that coder's units of that category in [from[g], to[g]) of
 * starts/ends, sorted and disjoint (touching units stay apart), relative to the continuum start.
 * Per-category tables are built on first use.
 */
type Study = {
  length: number;
  coderNames: string[];
  categoryNames: string[];
  starts: Float64Array;
  ends: Float64Array;
  from: Int32Array;
  to: Int32Array;
  sorter: Sorter;
  tables: (CategoryTables | undefined)[];
};

function normalizeStudy(
  spans: CoderSpan[],
  continuum: Continuum,
  coders: string[] | undefined,
  caller: string,
): Study {
  assertIntegerRange(continuum.start, continuum.end, `${caller}: the continuum`);
  const origin = continuum.start;
  const length = Math.max(0, continuum.end - continuum.start);

  const coderIds = new Map<string, number>();
  for (const coder of coders ?? []) {
    if (!coderIds.has(coder)) coderIds.set(coder, coderIds.size);
  }
  // One pass over the span objects, the slow part for large inputs (each coder and category
  // string is looked up once); everything after it works on typed arrays.
  const categoryIds = new Map<string, number>();
  const spanCount = spans.length;
  const spanCoder = new Int32Array(spanCount);
  const spanCategory = new Int32Array(spanCount).fill(-1); // -1: empty after clipping, skipped
  const spanStart = new Float64Array(spanCount);
  const spanEnd = new Float64Array(spanCount);
  for (let index = 0; index < spanCount; index++) {
    const span = spans[index];
    if (!span) continue;
    // Checked inline: building the message for every span would cost more than the sweeps.
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) {
      assertIntegerRange(span.start, span.end, `${caller}: span ${index}`);
    }
    let coderId = coderIds.get(span.coder);
    if (coderId === undefined) {
      coderId = coderIds.size;
      coderIds.set(span.coder, coderId);
    }
    spanCoder[index] = coderId;
    const start = Math.max(span.start, continuum.start);
    const end = Math.min(span.end, continuum.end);
    if (end <= start) continue;
    let categoryId = categoryIds.get(span.category);
    if (categoryId === undefined) {
      categoryId = categoryIds.size;
      categoryIds.set(span.category, categoryId);
    }
    spanCategory[index] = categoryId;
    spanStart[index] = start - origin;
    spanEnd[index] = end - origin;
  }
  const coderCount = coderIds.size;
  const groupCount = categoryIds.size * coderCount;

  // Counting sort by group, then each group sorted and its overlapping ranges merged.
  const from = new Int32Array(groupCount + 1);
  for (let index = 0; index < spanCount; index++) {
    const category = spanCategory[index] ?? -1;
    if (category < 0) continue;
    const group = category * coderCount + (spanCoder[index] ?? 0);
    from[group + 1] = (from[group + 1] ?? 0) + 1;
  }
  let largestGroup = 0;
  for (let group = 0; group < groupCount; group++) {
    largestGroup = Math.max(largestGroup, from[group + 1] ?? 0);
    from[group + 1] = (from[group + 1] ?? 0) + (from[group] ?? 0);
  }
  const total = from[groupCount] ?? 0;
  const starts = new Float64Array(total);
  const ends = new Float64Array(total);
  const fill = from.slice(0, groupCount);
  for (let index = 0; index < spanCount; index++) {
    const category = spanCategory[index] ?? -1;
    if (category < 0) continue;
    const group = category * coderCount + (spanCoder[index] ?? 0);
    const slot = fill[group] ?? 0;
    fill[group] = slot + 1;
    starts[slot] = spanStart[index] ?? 0;
    ends[slot] = spanEnd[index] ?? 0;
  }
  // A group's gaps number at most its units + 1, so this scratch fits every sort below.
  const sorter = createSorter(largestGroup + 1);
  const to = new Int32Array(groupCount);
  for (let group = 0; group < groupCount; group++) {
    to[group] = mergeOverlapping(starts, ends, from[group] ?? 0, from[group + 1] ?? 0, sorter);
  }
  return {
    length,
    coderNames: [...coderIds.keys()],
    categoryNames: [...categoryIds.keys()],
    starts,
    ends,
    from,
    to,
    sorter,
    tables: [],
  };
}

/** αu over the given coders (indices into study.coderNames), over the categories they used. */
function alphaOfCoders(study: Study, coders: number[]): UnitizedAlphaResult {
  const { length, coderNames, categoryNames, starts, ends, from, to } = study;
  const coderCount = coderNames.length;
  const used: { name: string; category: number }[] = [];
  categoryNames.forEach((name, category) => {
    const isUsed = coders.some((coder) => {
      const group = category * coderCount + coder;
      return (to[group] ?? 0) > (from[group] ?? 0);
    });
    if (isUsed) used.push({ name, category });
  });
  used.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));

  const entries: [string, number][] = [];
  let observedSum = 0;
  let expectedSum = 0;
  for (const { name, category } of used) {
    let tables = study.tables[category];
    if (!tables) {
      const groups = coderNames.map((_, coder) => category * coderCount + coder);
      tables = buildCategoryTables({ starts, ends, from, to, groups }, length, study.sorter);
      study.tables[category] = tables;
    }
    const observed = observedDisagreement(tables, coders, length);
    const expected = expectedDisagreement(tables, coders, length);
    observedSum += observed;
    expectedSum += expected;
    entries.push([name, alphaFrom(observed, expected)]);
  }
  // fromEntries defines own properties, so even a category called "__proto__" is kept as data.
  return { overall: alphaFrom(observedSum, expectedSum), byCategory: Object.fromEntries(entries) };
}

function alphaFrom(observed: number, expected: number): number {
  return expected > 0 ? 1 - observed / expected : Number.NaN;
}

function assertIntegerRange(start: number, end: number, where: string): void {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`${where} has offsets ${start}–${end}; offsets must be integer character positions`);
  }
}

/**
 * Sorts [from, to) of starts and ends and overwrites its head with the ranges, overlapping ones
 * replaced by their union; returns the new end index. Starts and ends are sorted independently:
 * sweeping both in order while counting open ranges finds the unions without sorting range
 * objects. An end equal to a start is taken first, so a range ending at 5 and one starting at 5
 * stay two units (Krippendorff 1995: 57, example B) unless a third range spans position 5.
 */
function mergeOverlapping(starts: Float64Array, ends: Float64Array, from: number, to: number, sorter: Sorter): number {
  if (to - from < 1) return from;
  sortOffsets(starts.subarray(from, to), sorter);
  sortOffsets(ends.subarray(from, to), sorter);
  let nextStart = from;
  let nextEnd = from;
  let written = from;
  let open = 0;
  let unionStart = 0;
  // Every range is non-empty, so the sweep closes the last union exactly at the largest end.
  // Writes never overtake reads: a union is written only after its first start and last end
  // were read, and `written` counts finished unions.
  while (nextStart < to) {
    const start = starts[nextStart] ?? 0;
    const end = ends[nextEnd] ?? 0;
    if (start < end) {
      if (open === 0) unionStart = start;
      open++;
      nextStart++;
    } else {
      open--;
      nextEnd++;
      if (open === 0) {
        starts[written] = unionStart;
        ends[written] = end;
        written++;
      }
    }
  }
  starts[written] = unionStart;
  ends[written] = ends[to - 1] ?? 0;
  return written + 1;
}

// ---------------------------------------------------------------------------------------------
// The two disagreements of one category

/** The units of one category: coder r's are [from[groups[r]], to[groups[r]]) of starts/ends. */
type Segmentation = {
  starts: Float64Array;
  ends: Float64Array;
  from: Int32Array;
  to: Int32Array;
  groups: number[];
};

/**
 * Everything uDo and uDe of one category need, per coder r (index into `units.groups`) and per
 * pair of coders, so that any subset of coders is a sum of table entries:
 *   unitCount[r]   its number of units
 *   squared[r]     Σ l (l − 1) over its units
 *   cubic[r]       Σ l (l − 1) (2l − 1) = Σ (2l³ − 3l² + l) over its units
 *   lengths[r]     its unit lengths, ascending
 *   gaps[r]        its gap lengths, ascending, with gapsFrom[r][k] = Σ gaps[r][k..]
 *   observed[r·m + s]  Σ δ² over coders r and s's segments (lazy, NaN until computed)
 *   placements[u·m + r]  Σ_{units l of u} l² Σ_{gaps h of r, l_h ≥ l} (l_h − l + 1) (lazy)
 */
type CategoryTables = {
  units: Segmentation;
  unitCount: Float64Array;
  squared: Float64Array;
  cubic: Float64Array;
  lengths: Float64Array[];
  gaps: Float64Array[];
  gapsFrom: Float64Array[];
  observed: Float64Array;
  placements: Float64Array;
};

function buildCategoryTables(units: Segmentation, length: number, sorter: Sorter): CategoryTables {
  const { starts, ends, from, to, groups } = units;
  const coderCount = groups.length;
  const unitCount = new Float64Array(coderCount);
  const squared = new Float64Array(coderCount);
  const cubic = new Float64Array(coderCount);
  const lengths: Float64Array[] = [];
  const gaps: Float64Array[] = [];
  const gapsFrom: Float64Array[] = [];
  groups.forEach((group, coder) => {
    const first = from[group] ?? 0;
    const stop = to[group] ?? 0;
    const unitLengths = new Float64Array(stop - first);
    const gapLengths = new Float64Array(stop - first + 1);
    let gapCount = 0;
    let previousEnd = 0;
    let squares = 0;
    let cubes = 0;
    for (let unit = first; unit < stop; unit++) {
      const start = starts[unit] ?? 0;
      const end = ends[unit] ?? 0;
      const l = end - start;
      unitLengths[unit - first] = l;
      squares += l * (l - 1);
      // 2l³ − 3l² + l = l (l − 1) (2l − 1): the factored form keeps exact integers longer.
      cubes += l * (l - 1) * (2 * l - 1);
      if (start > previousEnd) gapLengths[gapCount++] = start - previousEnd;
      previousEnd = end;
    }
    if (length > previousEnd) gapLengths[gapCount++] = length - previousEnd;
    sortOffsets(unitLengths, sorter);
    const sortedGaps = gapLengths.subarray(0, gapCount);
    sortOffsets(sortedGaps, sorter);
    const suffix = new Float64Array(gapCount + 1);
    for (let index = gapCount - 1; index >= 0; index--) {
      suffix[index] = (suffix[index + 1] ?? 0) + (sortedGaps[index] ?? 0);
    }
    unitCount[coder] = stop - first;
    squared[coder] = squares;
    cubic[coder] = cubes;
    lengths.push(unitLengths);
    gaps.push(sortedGaps);
    gapsFrom.push(suffix);
  });
  return {
    units,
    unitCount,
    squared,
    cubic,
    lengths,
    gaps,
    gapsFrom,
    observed: new Float64Array(coderCount * coderCount).fill(Number.NaN),
    placements: new Float64Array(coderCount * coderCount).fill(Number.NaN),
  };
}

/**
 * uDo_c over the given coders. Two coders' segmentations are swept together: only overlapping
 * unit pairs and units lying in the other coder's gap contribute, and a unit lies wholly in a gap
 * exactly when it overlaps none of the other coder's units (gaps are the maximal stretches
 * between units).
 */
function observedDisagreement(tables: CategoryTables, coders: number[], length: number): number {
  const coderCount = coders.length;
  if (coderCount < 2 || length <= 0) return Number.NaN;
  const stride = tables.units.groups.length;
  let sum = 0;
  for (let i = 0; i < coderCount; i++) {
    for (let j = i + 1; j < coderCount; j++) {
      const r = Math.min(coders[i] ?? 0, coders[j] ?? 0);
      const s = Math.max(coders[i] ?? 0, coders[j] ?? 0);
      let pair = tables.observed[r * stride + s] ?? Number.NaN;
      if (Number.isNaN(pair)) {
        pair = pairDisagreement(tables.units, tables.units.groups[r] ?? 0, tables.units.groups[s] ?? 0);
        tables.observed[r * stride + s] = pair;
      }
      sum += pair;
    }
  }
  return (2 * sum) / (coderCount * (coderCount - 1) * length * length);
}

function pairDisagreement(units: Segmentation, groupA: number, groupB: number): number {
  const { starts, ends, from, to } = units;
  let a = from[groupA] ?? 0;
  const aEnd = to[groupA] ?? 0;
  let b = from[groupB] ?? 0;
  const bEnd = to[groupB] ?? 0;
  let sum = 0;
  let aHit = false; // the current unit of A overlaps some unit of B
  let bHit = false;
  while (a < aEnd && b < bEnd) {
    const aStart = starts[a] ?? 0;
    const aStop = ends[a] ?? 0;
    const bStart = starts[b] ?? 0;
    const bStop = ends[b] ?? 0;
    if (aStop <= bStart) {
      if (!aHit) sum += (aStop - aStart) * (aStop - aStart);
      a++;
      aHit = false;
    } else if (bStop <= aStart) {
      if (!bHit) sum += (bStop - bStart) * (bStop - bStart);
      b++;
      bHit = false;
    } else {
      const startDifference = aStart - bStart;
      const endDifference = aStop - bStop;
      sum += startDifference * startDifference + endDifference * endDifference;
      // Advance whichever ends first; the other may still overlap the next unit.
      if (aStop <= bStop) {
        a++;
        aHit = false;
        bHit = aStop < bStop;
        if (aStop === bStop) b++;
      } else {
        b++;
        bHit = false;
        aHit = true;
      }
    }
  }
  for (; a < aEnd; a++, aHit = false) {
    if (!aHit) sum += ((ends[a] ?? 0) - (starts[a] ?? 0)) ** 2;
  }
  for (; b < bEnd; b++, bHit = false) {
    if (!bHit) sum += ((ends[b] ?? 0) - (starts[b] ?? 0)) ** 2;
  }
  return sum;
}

/**
 * uDe_c over the given coders, from the tables: N_c, Σ l (l − 1) and Σ (2l³ − 3l² + l) add up
 * over the coders, and the double sum over units and gaps splits into one term per (unit coder,
 * gap coder).
 */
function expectedDisagreement(tables: CategoryTables, coders: number[], length: number): number {
  const coderCount = coders.length;
  if (coderCount < 2 || length <= 0) return Number.NaN;
  const stride = tables.units.groups.length;
  let unitCount = 0;
  let squared = 0;
  let cubic = 0;
  for (const coder of coders) {
    unitCount += tables.unitCount[coder] ?? 0;
    squared += tables.squared[coder] ?? 0;
    cubic += tables.cubic[coder] ?? 0;
  }
  let placements = 0;
  for (const unitCoder of coders) {
    for (const gapCoder of coders) {
      let term = tables.placements[unitCoder * stride + gapCoder] ?? Number.NaN;
      if (Number.isNaN(term)) {
        term = placementSum(tables, unitCoder, gapCoder);
        tables.placements[unitCoder * stride + gapCoder] = term;
      }
      placements += term;
    }
  }
  const numerator = ((unitCount - 1) * cubic) / 3 + placements;
  const pairs = coderCount * length * (coderCount * length - 1) - squared;
  return ((2 / length) * numerator) / pairs;
}

/**
 * Σ over unit coder u's units (length l) of l² · Σ over gap coder r's gaps h with l_h ≥ l of
 * (l_h − l + 1) = l² · (Σ those gaps − (l − 1) · their count). Both lists are ascending, so the
 * first gap with l_h ≥ l only moves forward: one linear pass, no search.
 */
function placementSum(tables: CategoryTables, unitCoder: number, gapCoder: number): number {
  const lengths = tables.lengths[unitCoder];
  const gaps = tables.gaps[gapCoder];
  const gapsFrom = tables.gapsFrom[gapCoder];
  if (!lengths || !gaps || !gapsFrom) return 0;
  const gapCount = gaps.length;
  let firstLonger = 0;
  let sum = 0;
  for (const l of lengths) {
    while (firstLonger < gapCount && (gaps[firstLonger] ?? 0) < l) firstLonger++;
    if (firstLonger === gapCount) break; // no gap holds this unit, nor any longer one
    const longerGaps = gapCount - firstLonger;
    sum += l * l * ((gapsFrom[firstLonger] ?? 0) - (l - 1) * longerGaps);
  }
  return sum;
}

// ---------------------------------------------------------------------------------------------
// Sorting offsets

/** Scratch space for `sortOffsets`, allocated once per call for the largest array it will sort. */
type Sorter = { scratch: Float64Array; counts: Int32Array };

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;

function createSorter(capacity: number): Sorter {
  return { scratch: new Float64Array(capacity), counts: new Int32Array(RADIX) };
}

/**
 * Sorts non-negative integer offsets ascending, in place. Offsets are bounded by the continuum
 * length, so an LSD radix sort (11-bit digits: two passes below 2^22, three below 2^32) beats the
 * comparison sort of TypedArray#sort several times over; tiny or huge-valued arrays use the latter.
 */
function sortOffsets(values: Float64Array, sorter: Sorter): void {
  const count = values.length;
  if (count < 64) {
    values.sort();
    return;
  }
  let largest = 0;
  for (let index = 0; index < count; index++) largest = Math.max(largest, values[index] ?? 0);
  if (largest >= 2 ** 32 || sorter.scratch.length < count) {
    values.sort();
    return;
  }
  const { counts } = sorter;
  let source = values;
  let target = sorter.scratch.subarray(0, count);
  for (let shift = 0; shift === 0 || 2 ** shift <= largest; shift += RADIX_BITS) {
    counts.fill(0);
    for (let index = 0; index < count; index++) {
      const digit = ((source[index] ?? 0) >>> shift) & (RADIX - 1);
      counts[digit] = (counts[digit] ?? 0) + 1;
    }
    let position = 0;
    for (let digit = 0; digit < RADIX; digit++) {
      const size = counts[digit] ?? 0;
      counts[digit] = position;
      position += size;
    }
    for (let index = 0; index < count; index++) {
      const value = source[index] ?? 0;
      const digit = (value >>> shift) & (RADIX - 1);
      const slot = counts[digit] ?? 0;
      counts[digit] = slot + 1;
      target[slot] = value;
    }
    [source, target] = [target, source];
  }
  if (source !== values) values.set(source);
}
