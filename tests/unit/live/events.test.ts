import { describe, expect, it, vi } from 'vitest';
import { Batcher, formatSse, groupPresence, parseDbEvent } from '@/lib/live/events';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('parseDbEvent', () => {
  it('reads what the annotation trigger sends', () => {
    const payload = JSON.stringify({ kind: 'annotation', id: id(1), projectId: id(2), documentId: id(3), annotatorId: id(4), layer: 'ANNOTATOR', version: 2, deleted: false });
    expect(parseDbEvent(payload)).toMatchObject({ kind: 'annotation', id: id(1), version: 2 });
  });
  it('returns null for anything else, never throwing', () => {
    expect(parseDbEvent(undefined)).toBeNull();
    expect(parseDbEvent('not json')).toBeNull();
    expect(parseDbEvent(JSON.stringify({ kind: 'annotation', id: 'x' }))).toBeNull();
    expect(parseDbEvent(JSON.stringify({ kind: 'other', id: id(1) }))).toBeNull();
  });
});

describe('groupPresence', () => {
  it('groups connections by document, one entry per person, sorted by name; "" is the corpus list', () => {
    const rows = [
      { documentId: id(1), userId: id(10), name: 'Ben' },
      { documentId: id(1), userId: id(11), name: 'Ana' },
      { documentId: id(1), userId: id(10), name: 'Ben' }, // a second tab
      { documentId: null, userId: id(12), name: 'Cyd' },
    ];
    expect(groupPresence(rows)).toEqual({
      [id(1)]: [{ id: id(11), name: 'Ana' }, { id: id(10), name: 'Ben' }],
      '': [{ id: id(12), name: 'Cyd' }],
    });
    expect(groupPresence([])).toEqual({});
  });
});

describe('formatSse', () => {
  it('writes one event whose data cannot break out of its line', () => {
    const out = formatSse('annotations', { note: 'two\nlines\n\nevent: forged' });
    expect(out).toBe('event: annotations\ndata: {"note":"two\\nlines\\n\\nevent: forged"}\n\n');
    expect(out.split('\n\n')).toHaveLength(2);
  });
  it('refuses an event name that could inject a field', () => {
    expect(() => formatSse('x\ndata: y', {})).toThrow(/Bad event name/);
  });
});

describe('Batcher', () => {
  it('hands over each key’s items once, after the delay', () => {
    vi.useFakeTimers();
    const flushed: [string, number[]][] = [];
    const b = new Batcher<string, number>(25, (k, items) => flushed.push([k, items]));
    b.add('a', 1);
    b.add('b', 2);
    b.add('a', 3);
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(25);
    expect(flushed).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
    b.add('a', 4);
    vi.advanceTimersByTime(25);
    expect(flushed).toHaveLength(3);
    vi.useRealTimers();
  });
});
