import { describe, expect, it } from 'vitest';
import { carriesChange, parsePendingWrites, pendingStorageKey, writesStillToSend, type PendingWrite, type StoredFields } from '@/lib/editor/pending-writes';

const stored = (entries: [string, Partial<StoredFields>][]) =>
  new Map(entries.map(([id, f]) => [id, { categoryId: 'c1', note: '', attributes: {}, ...f }]));
const create = (key: string, id: string): PendingWrite => ({ key, kind: 'create', id, start: 0, end: 4, categoryId: 'c1' });
const note = (key: string, id: string, text: string): PendingWrite => ({ key, kind: 'update', id, change: { note: text } });
const keys = (writes: PendingWrite[]) => writes.map((w) => w.key);

describe('pending writes kept in the browser', () => {
  it('reads back what it stored, and anything unreadable as nothing pending', () => {
    const list = [create('a', 'x'), note('b', 'x', 'n'), { key: 'c', kind: 'delete', id: 'x' } as const];
    expect(parsePendingWrites(JSON.stringify(list))).toEqual(list);
    expect(parsePendingWrites(null)).toEqual([]);
    expect(parsePendingWrites('{not json')).toEqual([]);
    expect(parsePendingWrites(JSON.stringify([{ key: 'a', kind: 'rename', id: 'x' }]))).toEqual([]);
    expect(parsePendingWrites(JSON.stringify({ kind: 'create' }))).toEqual([]);
    expect(pendingStorageKey('u1', 'd1')).toBe('parallax:pending:u1:d1');
  });

  it('sends a create or restore only when the server does not have the annotation', () => {
    expect(keys(writesStillToSend([create('a', 'new'), create('b', 'old')], stored([['old', {}]])))).toEqual(['a']);
    const restore = (key: string, id: string): PendingWrite => ({ key, kind: 'restore', id });
    expect(keys(writesStillToSend([restore('a', 'gone'), restore('b', 'back')], stored([['back', {}]])))).toEqual(['a']);
  });

  it('skips the edits the stored annotation already carries, and every edit before them', () => {
    // The answer to the edit was lost, but it arrived.
    expect(writesStillToSend([note('a', 'x', 'first')], stored([['x', { note: 'first' }]]))).toEqual([]);
    expect(keys(writesStillToSend([note('a', 'x', 'first')], stored([['x', { note: '' }]])))).toEqual(['a']);
    // Edits of one annotation become one write, of the last value of each field, where the server differs.
    const edits = [note('a', 'x', 'first'), note('b', 'x', 'second')];
    expect(writesStillToSend(edits, stored([['x', { note: 'second' }]]))).toEqual([]);
    expect(writesStillToSend(edits, stored([['x', { note: 'first' }]]))).toEqual([{ key: 'b', kind: 'update', id: 'x', change: { note: 'second' } }]);
    expect(writesStillToSend(edits, stored([['x', { note: 'other' }]]))).toEqual([{ key: 'b', kind: 'update', id: 'x', change: { note: 'second' } }]);
    // A later edit that sets a field to the value it has says nothing about the edits before it.
    const withNoOp: PendingWrite[] = [note('a', 'x', 'first'), { key: 'b', kind: 'update', id: 'x', change: { categoryId: 'c1' } }];
    expect(writesStillToSend(withNoOp, stored([['x', { note: '' }]]))).toEqual([{ key: 'b', kind: 'update', id: 'x', change: { note: 'first' } }]);
  });

  it('keeps writes to an annotation created in the same list, and drops those to one that is gone', () => {
    expect(keys(writesStillToSend([create('a', 'x'), note('b', 'x', 'n')], stored([])))).toEqual(['a', 'b']);
    // Created, edited and deleted, and not on the server: nothing to do (had all three arrived, a
    // create sent again would meet the deleted row and be refused).
    expect(writesStillToSend([create('a', 'x'), note('b', 'x', 'n'), { key: 'c', kind: 'delete', id: 'x' }], stored([]))).toEqual([]);
    // Deleted and restored (an undo), neither arrived: both go, in order.
    expect(keys(writesStillToSend([{ key: 'a', kind: 'delete', id: 'x' }, { key: 'b', kind: 'restore', id: 'x' }], stored([['x', {}]])))).toEqual(['a', 'b']);
    // The delete arrived, its restore did not: the restore goes.
    expect(keys(writesStillToSend([{ key: 'a', kind: 'delete', id: 'x' }, { key: 'b', kind: 'restore', id: 'x' }], stored([])))).toEqual(['b']);
    expect(writesStillToSend([note('a', 'gone', 'n'), { key: 'b', kind: 'delete', id: 'gone' }], stored([]))).toEqual([]);
    expect(keys(writesStillToSend([{ key: 'a', kind: 'delete', id: 'x' }], stored([['x', {}]])))).toEqual(['a']);
  });

  it('compares categories, notes and attribute sets', () => {
    const s = { categoryId: 'c1', note: 'n', attributes: { stance: 'pro', tone: 'calm' } };
    expect(carriesChange(s, { categoryId: 'c1' })).toBe(true);
    expect(carriesChange(s, { categoryId: 'c2' })).toBe(false);
    expect(carriesChange(s, { attributes: { tone: 'calm', stance: 'pro' } })).toBe(true);
    expect(carriesChange(s, { attributes: { stance: 'pro' } })).toBe(false);
    expect(carriesChange(s, {})).toBe(true);
  });
});
