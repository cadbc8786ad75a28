// Pure: where annotators disagree on one category in one text, for the disagreement explorer.
//
// The text is cut at every span boundary into elementary segments; each segment is covered by some
// set of annotators. A segment everyone covers, or nobody covers, is agreed; any other segment is a
// disagreement. Consecutive disagreeing segments form one region, ranked by the characters it
// covers, so the biggest differences come first.

export type LaneSpan = { coder: string; start: number; end: number; id?: string };

export type Region = {
  start: number;
  end: number;
  /** Characters in the region on which the annotators differ (all of it, by construction). */
  size: number;
  /** Per annotator, the parts of the region they marked (merged, clipped to the region). */
  coverage: Record<string, { start: number; end: number }[]>;
  /** Annotators who marked any of it, and those who marked none of it. */
  marked: string[];
  unmarked: string[];
  /** Ids of the spans that touch the region, for links and curation. */
  spanIds: string[];
};

export type DisagreementSummary = {
  regions: Region[];
  /** Characters marked by every annotator, by some, by none. */
  agreedChars: number;
  disagreedChars: number;
  /** Passages (maximal runs) every annotator marked. */
  agreedPassages: { start: number; end: number }[];
};

/** Merges a coder's overlapping or touching intervals. Input need not be sorted. */
export function mergeIntervals(intervals: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/**
 * The disagreement regions among `coders` for one category's spans in one text, largest first
 * (ties in text order). Spans of coders not listed are ignored.
 */
export function findDisagreements(spans: readonly LaneSpan[], coders: readonly string[]): DisagreementSummary {
  const chosen = new Set(coders);
  const merged = new Map(coders.map((c) => [c, mergeIntervals(spans.filter((s) => s.coder === c))]));
  // Boundary events: +1 / −1 per coder at each merged interval's ends.
  const events: { at: number; coder: string; delta: 1 | -1 }[] = [];
  for (const [coder, list] of merged) for (const i of list) events.push({ at: i.start, coder, delta: 1 }, { at: i.end, coder, delta: -1 });
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  const covering = new Set<string>();
  const regions: { start: number; end: number }[] = [];
  const agreed: { start: number; end: number }[] = [];
  let agreedChars = 0;
  let disagreedChars = 0;
  let k = 0;
  while (k < events.length) {
    const at = events[k]!.at;
    while (k < events.length && events[k]!.at === at) {
      const e = events[k]!;
      if (e.delta === 1) covering.add(e.coder);
      else covering.delete(e.coder);
      k++;
    }
    const next = events[k]?.at;
    if (next === undefined || next <= at || covering.size === 0) continue;
    const all = covering.size === coders.length;
    const target = all ? agreed : regions;
    const last = target[target.length - 1];
    if (last && last.end === at) last.end = next;
    else target.push({ start: at, end: next });
    if (all) agreedChars += next - at;
    else disagreedChars += next - at;
  }
  const result: Region[] = regions.map((r) => {
    const coverage: Record<string, { start: number; end: number }[]> = {};
    for (const [coder, list] of merged) {
      coverage[coder] = list
        .filter((i) => i.start < r.end && i.end > r.start)
        .map((i) => ({ start: Math.max(i.start, r.start), end: Math.min(i.end, r.end) }));
    }
    const marked = coders.filter((c) => (coverage[c]?.length ?? 0) > 0);
    return {
      start: r.start,
      end: r.end,
      size: r.end - r.start,
      coverage,
      marked,
      unmarked: coders.filter((c) => !marked.includes(c)),
      spanIds: spans.filter((s) => chosen.has(s.coder) && s.id !== undefined && s.start < r.end && s.end > r.start).map((s) => s.id!),
    };
  });
  result.sort((a, b) => b.size - a.size || a.start - b.start);
  return { regions: result, agreedChars, disagreedChars, agreedPassages: agreed };
}
