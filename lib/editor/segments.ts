// Overlapping and nested annotations are drawn as segments: maximal runs of text covered by the
// same set of annotations. Each segment is one decoration that knows every annotation over it, so
// overlaps stay distinguishable (one underline bar per covering annotation) and a click can offer
// each of them. A sweep over the sorted boundaries makes this O(n log n) in the number of spans.

export type Span = { id: string; start: number; end: number };

export type Segment = { start: number; end: number; ids: string[] };

/**
 * Splits spans into segments. `ids` lists the covering spans innermost first (shortest span
 * first, then latest start), which is the order the renderer stacks them in.
 */
export function computeSegments(spans: readonly Span[]): Segment[] {
  if (spans.length === 0) return [];
  const events: { at: number; open: boolean; span: Span }[] = [];
  for (const span of spans) {
    if (span.end <= span.start) continue;
    events.push({ at: span.start, open: true, span }, { at: span.end, open: false, span });
  }
  // Closings before openings at the same offset: touching spans do not overlap.
  events.sort((a, b) => a.at - b.at || Number(a.open) - Number(b.open));
  const active = new Map<string, Span>();
  const segments: Segment[] = [];
  let cursor = 0;
  for (let i = 0; i < events.length; ) {
    const at = events[i]!.at;
    if (active.size > 0 && at > cursor) {
      const ids = [...active.values()]
        .sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start)
        .map((s) => s.id);
      segments.push({ start: cursor, end: at, ids });
    }
    while (i < events.length && events[i]!.at === at) {
      const e = events[i]!;
      if (e.open) active.set(e.span.id, e.span);
      else active.delete(e.span.id);
      i++;
    }
    cursor = at;
  }
  return segments;
}
