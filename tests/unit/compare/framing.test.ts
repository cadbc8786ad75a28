import { describe, expect, it } from 'vitest';
import {
  attributeBreakdown,
  computeComparison,
  cooccurrence,
  framingMatrix,
  framingProfile,
  groupByAuthor,
  jensenShannonDistance,
  separatingFactors,
  unionOf,
  type CompareSpan,
} from '@/lib/compare';

let n = 0;
const span = (documentId: string, category: string, start: number, end: number, attributes: Record<string, string> = {}): CompareSpan => ({
  id: `s${++n}`, documentId, category, start, end, attributes,
});
// d1: 100 characters, two paragraphs [0,50) and [52,100); d2: 200 characters, one paragraph.
const d1 = { id: 'd1', length: 100, blocks: [{ type: 'paragraph' as const, start: 0, end: 50 }, { type: 'paragraph' as const, start: 52, end: 100 }] };
const d2 = { id: 'd2', length: 200, blocks: [{ type: 'paragraph' as const, start: 0, end: 200 }] };

describe('framingMatrix', () => {
  it('counts each factor’s covered characters once, and its passages as runs of the union', () => {
    const spans = [
      span('d1', 'trust', 0, 20), // ana
      span('d1', 'trust', 10, 30), // ben, overlapping: union [0,30)
      span('d1', 'trust', 60, 70), // a second passage
      span('d1', 'trade', 0, 10),
      span('d2', 'trust', 0, 50),
    ];
    const m = framingMatrix([d1, d2], ['trust', 'trade', 'india'], spans);
    expect(m.d1!.trust).toEqual({ chars: 40, share: 0.4, passages: 2, spans: 3 });
    expect(m.d1!.trade).toEqual({ chars: 10, share: 0.1, passages: 1, spans: 1 });
    expect(m.d1!.india).toEqual({ chars: 0, share: 0, passages: 0, spans: 0 });
    expect(m.d2!.trust).toEqual({ chars: 50, share: 0.25, passages: 1, spans: 1 });
  });

  it('unionOf merges overlapping and touching ranges', () => {
    expect(unionOf([{ start: 5, end: 9 }, { start: 0, end: 5 }, { start: 12, end: 14 }, { start: 13, end: 13 }])).toEqual([{ start: 0, end: 9 }, { start: 12, end: 14 }]);
  });
});

describe('profiles and Jensen–Shannon distance', () => {
  const m = framingMatrix([d1, d2], ['trust', 'trade'], [span('d1', 'trust', 0, 30), span('d1', 'trade', 0, 10), span('d2', 'trade', 0, 40)]);

  it('divides an author’s tagged characters among the factors (shares sum to 1)', () => {
    expect(framingProfile(m, ['d1'], ['trust', 'trade'])).toEqual({ trust: 0.75, trade: 0.25 });
    // Two articles by one author pool: trust 30, trade 50 → 0.375 / 0.625.
    expect(framingProfile(m, ['d1', 'd2'], ['trust', 'trade'])).toEqual({ trust: 0.375, trade: 0.625 });
    const empty = framingProfile(framingMatrix([d1], ['trust'], []), ['d1'], ['trust']);
    expect(empty.trust).toBeNaN();
  });

  it.each([
    // identical → 0; disjoint → 1 (base-2 logs); hand-computed middle case.
    [[0.5, 0.5], [0.5, 0.5], 0],
    [[1, 0], [0, 1], 1],
    // P = (1, 0), Q = (0.5, 0.5): M = (0.75, 0.25); KL(P‖M) = log2(4/3); KL(Q‖M) = ½ log2(2/3) + ½ log2(2);
    // JSD = ½ (0.415037 + ½ (−0.584963) + ½ (1)) = 0.311278; distance = √JSD = 0.557923.
    [[1, 0], [0.5, 0.5], 0.557923],
  ])('JS distance of %j and %j is %d', (p, q, expected) => {
    expect(jensenShannonDistance(p, q)).toBeCloseTo(expected, 6);
    expect(jensenShannonDistance(q, p)).toBeCloseTo(expected, 6);
  });

  it('is not computable for an author with nothing tagged, and refuses distributions of different length', () => {
    expect(jensenShannonDistance([Number.NaN, Number.NaN], [0.5, 0.5])).toBeNaN();
    expect(() => jensenShannonDistance([1], [0.5, 0.5])).toThrow(/differ in length/);
  });

  it('ranks the factors that separate two authors by their part of the divergence', () => {
    const f = separatingFactors({ trust: 0.7, trade: 0.3, india: 0 }, { trust: 0.1, trade: 0.3, india: 0.6 }, ['trust', 'trade', 'india']);
    expect(f.map((x) => x.category)).toEqual(['india', 'trust']);
    expect(f[0]!.contribution + f[1]!.contribution).toBeCloseTo(1, 10);
    expect(f[0]).toMatchObject({ a: 0, b: 0.6 });
  });
});

describe('attributeBreakdown and cooccurrence', () => {
  const spans = [
    span('d1', 'trust', 0, 20, { blame: 'pk' }),
    span('d1', 'trade', 10, 30, { blame: 'af' }), // overlaps trust: one passage with both
    span('d1', 'india', 60, 70),
    span('d1', 'trust', 65, 90, { blame: 'pk' }), // overlaps india, in paragraph 2
    span('d2', 'trade', 0, 10),
  ];

  it('counts spans and characters per attribute value, spans without it under ""', () => {
    expect(attributeBreakdown(spans, ['d1'], 'blame')).toEqual({ pk: { passages: 2, chars: 45 }, af: { passages: 1, chars: 20 }, '': { passages: 1, chars: 10 } });
  });

  it('counts paragraphs, and passages, where two factors occur together', () => {
    const byParagraph = cooccurrence([d1, d2], ['trust', 'trade', 'india'], spans, 'paragraph');
    expect(byParagraph.units).toBe(3);
    expect(byParagraph.counts.trust).toEqual({ trust: 2, trade: 1, india: 1 });
    expect(byParagraph.counts.trade).toEqual({ trust: 1, trade: 2, india: 0 });
    const byPassage = cooccurrence([d1, d2], ['trust', 'trade', 'india'], spans, 'passage');
    expect(byPassage.units).toBe(3); // [0,30) trust+trade, [60,90) india+trust, d2 [0,10) trade
    expect(byPassage.counts.trust).toEqual({ trust: 2, trade: 1, india: 1 });
    expect(byPassage.counts.india!.india).toBe(1);
  });
});

describe('computeComparison', () => {
  it('groups articles by author, keeps unsigned articles apart, and gives every pair a distance', () => {
    const documents = [
      { ...d1, title: 'One', sourceName: null, author: 'Faiza Abid' },
      { ...d2, title: null, sourceName: 'b.txt', author: null },
      { id: 'd3', length: 50, blocks: [], title: 'Three', sourceName: null, author: ' faiza abid ' },
    ];
    expect(groupByAuthor(documents).map((g) => [g.label, g.documentIds])).toEqual([
      ['Faiza Abid', ['d1', 'd3']],
      ['Untitled (b.txt), author unknown', ['d2']],
    ]);
    const c = computeComparison({ documents, categories: ['trust', 'trade'], spans: [span('d1', 'trust', 0, 10), span('d2', 'trade', 0, 10)], attributeKey: 'blame' });
    expect(c.distances).toHaveLength(1);
    expect(c.distances[0]!.distance).toBeCloseTo(1, 10);
    expect(c.attribute!.byAuthor['author:faiza abid']).toEqual({ '': { passages: 1, chars: 10 } });
  });
});
