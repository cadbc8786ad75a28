import { describe, expect, it } from 'vitest';
import { clusterSpans, describeMergePlan, isSettled, planMerge, sharedAttributes, type CurationSpan } from '@/lib/curation/clusters';

let n = 0;
const span = (annotatorId: string, start: number, end: number, categoryId = 'trust', attributes: Record<string, string> = {}): CurationSpan => ({
  id: `s${++n}`, version: 1, annotatorId, categoryId, start, end, attributes, note: '',
});

describe('clusterSpans', () => {
  it('groups same-category spans that overlap, directly or through a chain, into one item', () => {
    const items = clusterSpans([span('ana', 0, 10), span('ben', 8, 20), span('cyd', 19, 30), span('ana', 30, 40), span('ben', 5, 15, 'trade')]);
    expect(items.map((c) => [c.categoryId, c.start, c.end, c.spans.length])).toEqual([
      ['trust', 0, 30, 3],
      ['trade', 5, 15, 1],
      ['trust', 30, 40, 1],
    ]);
  });

  it('makes one version per boundaries and attributes, most supported first', () => {
    const [item] = clusterSpans([span('ana', 0, 10, 'trust', { blame: 'pk' }), span('ben', 0, 10, 'trust', { blame: 'pk' }), span('cyd', 0, 10, 'trust', { blame: 'af' })], ['ana', 'ben', 'cyd']);
    expect(item!.variants.map((v) => v.annotatorIds)).toEqual([['ana', 'ben'], ['cyd']]);
    expect(item!.annotatorIds).toEqual(['ana', 'ben', 'cyd']);
  });

  it('keeps touching spans (end = next start) apart: half-open ranges do not overlap', () => {
    expect(clusterSpans([span('ana', 0, 10), span('ben', 10, 20)])).toHaveLength(2);
  });
});

describe('planMerge', () => {
  const unanimous = [span('ana', 0, 10), span('ben', 0, 10), span('cyd', 0, 10)];
  const majority = [span('ana', 20, 30), span('ben', 20, 30), span('cyd', 22, 30)];
  const split = [span('ana', 40, 50), span('ben', 42, 50)];
  const single = [span('cyd', 60, 70)];
  const items = clusterSpans([...unanimous, ...majority, ...split, ...single]);

  it.each([
    ['all', 1, { 'accept:unanimous': 1, 'review:not-unanimous': 3 }],
    ['majority', 2, { 'accept:unanimous': 1, 'accept:majority': 1, 'review:no-majority': 2 }],
    ['any', 4, { 'accept:unanimous': 1, 'accept:union': 2, 'accept:single': 1 }],
  ] as const)('%s accepts %i of 4 items', (rule, accepted, byReason) => {
    const plan = planMerge(items, rule, 3);
    expect(plan.accepted).toBe(accepted);
    expect(plan.byReason).toEqual(byReason);
  });

  it('joins overlapping versions under "any" and keeps only shared attribute values', () => {
    const [item] = clusterSpans([span('ana', 0, 10, 'trust', { blame: 'pk', who: 'x' }), span('ben', 5, 20, 'trust', { blame: 'af', who: 'x' })]);
    const outcome = planMerge([item!], 'any', 2).outcomes[0]!;
    expect(outcome).toMatchObject({ kind: 'accept', reason: 'union', passage: { start: 0, end: 20, attributes: { who: 'x' } } });
    expect(sharedAttributes([{ attributes: { a: '1' } }, { attributes: {} }])).toEqual({ a: '1' });
  });

  it('needs a strict majority: with two annotators, both', () => {
    const [item] = clusterSpans([span('ana', 0, 10), span('ben', 0, 5)]);
    expect(planMerge([item!], 'majority', 2).outcomes[0]).toMatchObject({ kind: 'review', reason: 'no-majority' });
  });

  it('says what a rule does in words', () => {
    expect(describeMergePlan(planMerge(items, 'majority', 3))).toEqual([
      'Majority: 2 passages accepted, 2 passages left for review.',
      '1 passage marked identically by all 3 annotators.',
      '1 passage marked the same way by a majority; the other versions are set aside.',
      '2 passages with no version a majority agrees on.',
    ]);
    expect(describeMergePlan(planMerge([], 'all', 3))).toEqual(['Nothing is open for review: every passage has been decided.']);
  });
});

describe('isSettled', () => {
  it('is settled when every span was decided at its current version', () => {
    const [item] = clusterSpans([span('ana', 0, 10), span('ben', 0, 10)]);
    const [a, b] = item!.spans;
    expect(isSettled(item!, new Map([[a!.id, 1], [b!.id, 1]]))).toBe(true);
    expect(isSettled(item!, new Map([[a!.id, 1]]))).toBe(false);
    expect(isSettled(item!, new Map([[a!.id, 1], [b!.id, 0]]))).toBe(false);
  });
});
