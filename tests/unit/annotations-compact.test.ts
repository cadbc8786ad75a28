import { describe, expect, it } from 'vitest';
import { decodeAnnotations, encodeAnnotations, type EncodableRow } from '@/lib/annotations/compact';

describe('compact annotations', () => {
  it('round-trips every field the annotation view uses', () => {
    const text = 'The talks failed because trust was low and borders closed.';
    const rows: EncodableRow[] = [
      { id: 'a', start: 4, end: 16, categoryId: 'c1', annotatorId: 'u1', layer: 'ANNOTATOR', note: 'why', version: 3, orphaned: false },
      { id: 'b', start: 25, end: 39, categoryId: 'c2', annotatorId: 'u2', layer: 'CONSENSUS', note: '', version: 1, orphaned: true },
      { id: 'c', start: 25, end: 30, categoryId: 'c1', annotatorId: 'u1', layer: 'ANNOTATOR', note: '', version: 2, orphaned: false },
    ];
    const compact = encodeAnnotations(rows, [{ annotationId: 'b', key: 'blame-target', value: 'pakistan' }], new Map([['u1', 'Ana'], ['u2', 'Ben']]));
    expect(compact.categoryIds).toEqual(['c1', 'c2']);
    expect(compact.annotators).toEqual([{ id: 'u1', name: 'Ana' }, { id: 'u2', name: 'Ben' }]);
    const categories = new Map([['c1', { name: 'Trust', path: 'Trust', color: '#111111' }], ['c2', { name: 'Borders', color: '#222222' }]]);
    const decoded = decodeAnnotations(JSON.parse(JSON.stringify(compact)), text, categories);
    expect(decoded).toEqual([
      { id: 'a', start: 4, end: 16, quote: 'talks failed', categoryId: 'c1', categoryName: 'Trust', categoryPath: 'Trust', color: '#111111', annotatorId: 'u1', annotatorName: 'Ana', layer: 'ANNOTATOR', note: 'why', attributes: {}, version: 3, orphaned: false },
      { id: 'b', start: 25, end: 39, quote: 'trust was low ', categoryId: 'c2', categoryName: 'Borders', categoryPath: undefined, color: '#222222', annotatorId: 'u2', annotatorName: 'Ben', layer: 'CONSENSUS', note: '', attributes: { 'blame-target': 'pakistan' }, version: 1, orphaned: true },
      { id: 'c', start: 25, end: 30, quote: 'trust', categoryId: 'c1', categoryName: 'Trust', categoryPath: 'Trust', color: '#111111', annotatorId: 'u1', annotatorName: 'Ana', layer: 'ANNOTATOR', note: '', attributes: {}, version: 2, orphaned: false },
    ]);
  });
});
