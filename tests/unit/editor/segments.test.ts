import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { computeSegments, type Span } from '@/lib/editor/segments';

describe('computeSegments', () => {
  test.each([
    { name: 'none', spans: [], segments: [] },
    { name: 'one', spans: [{ id: 'a', start: 2, end: 5 }], segments: [{ start: 2, end: 5, ids: ['a'] }] },
    {
      name: 'touching spans do not overlap',
      spans: [{ id: 'a', start: 0, end: 3 }, { id: 'b', start: 3, end: 6 }],
      segments: [{ start: 0, end: 3, ids: ['a'] }, { start: 3, end: 6, ids: ['b'] }],
    },
    {
      name: 'nested: innermost first',
      spans: [{ id: 'outer', start: 0, end: 10 }, { id: 'inner', start: 3, end: 5 }],
      segments: [
        { start: 0, end: 3, ids: ['outer'] },
        { start: 3, end: 5, ids: ['inner', 'outer'] },
        { start: 5, end: 10, ids: ['outer'] },
      ],
    },
    {
      name: 'crossing',
      spans: [{ id: 'a', start: 0, end: 6 }, { id: 'b', start: 4, end: 9 }],
      segments: [
        { start: 0, end: 4, ids: ['a'] },
        { start: 4, end: 6, ids: ['b', 'a'] }, // b is shorter, so it is the inner one
        { start: 6, end: 9, ids: ['b'] },
      ],
    },
    {
      name: 'identical spans and a gap',
      spans: [{ id: 'a', start: 1, end: 2 }, { id: 'b', start: 1, end: 2 }, { id: 'c', start: 5, end: 7 }],
      segments: [{ start: 1, end: 2, ids: ['a', 'b'] }, { start: 5, end: 7, ids: ['c'] }],
    },
    { name: 'empty span ignored', spans: [{ id: 'a', start: 4, end: 4 }], segments: [] },
  ])('$name', ({ spans, segments }) => {
    expect(computeSegments(spans)).toEqual(segments);
  });

  it('covers exactly the union of spans, and each segment lists exactly the spans over it', () => {
    const spanArb = fc
      .tuple(fc.nat(60), fc.integer({ min: 1, max: 20 }))
      .map(([start, len]) => ({ start, end: start + len }));
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 25 }), (raw) => {
        const spans: Span[] = raw.map((s, i) => ({ id: String(i), ...s }));
        const segments = computeSegments(spans);
        for (let k = 1; k < segments.length; k++) expect(segments[k]!.start).toBeGreaterThanOrEqual(segments[k - 1]!.end);
        for (let x = 0; x < 85; x++) {
          const over = spans.filter((s) => s.start <= x && x < s.end).map((s) => s.id).sort();
          const seg = segments.find((g) => g.start <= x && x < g.end);
          expect(seg ? [...seg.ids].sort() : []).toEqual(over);
        }
      }),
      { numRuns: 200 },
    );
  });
});
