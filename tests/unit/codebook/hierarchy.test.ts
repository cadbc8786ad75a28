import { describe, expect, it, test } from 'vitest';
import { cycleParent, descendantIds, moveInOrder, siblingOrderProblem } from '@/lib/codebook/hierarchy';

//  a ── b ── c
//  │    └─── d
//  e
const tree = [
  { id: 'a', parentId: null },
  { id: 'b', parentId: 'a' },
  { id: 'c', parentId: 'b' },
  { id: 'd', parentId: 'b' },
  { id: 'e', parentId: null },
];

describe('descendantIds', () => {
  test.each([
    ['a', ['b', 'c', 'd']],
    ['b', ['c', 'd']],
    ['c', []],
    ['e', []],
  ])('below %s: %j', (id, expected) => {
    expect([...descendantIds(tree, id)].sort()).toEqual(expected);
  });

  it('terminates on a corrupt tree that already has a cycle', () => {
    const looped = [{ id: 'p', parentId: 'q' }, { id: 'q', parentId: 'p' }];
    expect([...descendantIds(looped, 'p')]).toEqual(['q']);
  });
});

describe('cycleParent', () => {
  test.each([
    ['a', 'c', 'c'], // under its grandchild
    ['a', 'b', 'b'], // under its child
    ['a', 'a', 'a'], // under itself
    ['b', 'd', 'd'],
    ['a', 'e', null], // under a stranger
    ['c', 'd', null], // under a sibling
    ['c', 'a', null], // under its grandparent
    ['a', null, null], // to the top level
  ] as const)('moving %s under %s → %s', (id, parent, expected) => {
    expect(cycleParent(tree, id, parent)).toBe(expected);
  });
});

describe('siblingOrderProblem', () => {
  const names: Record<string, string> = { a: 'Alpha', e: 'Echo', b: 'Bravo' };
  const nameOf = (id: string) => names[id] ?? id;

  it('accepts any permutation of the siblings', () => {
    expect(siblingOrderProblem(['a', 'e'], ['e', 'a'])).toBeNull();
    expect(siblingOrderProblem(['a', 'e'], ['a', 'e'])).toBeNull();
  });

  test.each([
    [['a', 'e'], ['a'], /missing: "Echo"/],
    [['a', 'e'], ['a', 'e', 'b'], /not among these categories: b/],
    [['a', 'e'], ['a', 'a', 'e'], /listed twice: "Alpha"/],
    [['a', 'e'], [], /each of the 2 sibling categories exactly once/],
  ] as const)('%j reordered as %j is refused', (siblings, ordered, message) => {
    expect(siblingOrderProblem(siblings, ordered, nameOf)).toMatch(message);
  });
});

describe('moveInOrder', () => {
  test.each([
    [['a', 'b', 'c'], 'b', -1, ['b', 'a', 'c']],
    [['a', 'b', 'c'], 'b', 1, ['a', 'c', 'b']],
    [['a', 'b', 'c'], 'a', -1, ['a', 'b', 'c']], // already first
    [['a', 'b', 'c'], 'c', 1, ['a', 'b', 'c']], // already last
    [['a', 'b', 'c'], 'z', 1, ['a', 'b', 'c']], // not there
  ] as const)('%j: %s by %i → %j', (ids, id, delta, expected) => {
    expect(moveInOrder(ids, id, delta)).toEqual(expected);
  });
});
