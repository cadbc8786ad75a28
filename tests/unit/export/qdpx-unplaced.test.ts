import { describe, expect, it } from 'vitest';
import { formatUnplacedNote, parseUnplacedNote, unplacedMarker, type UnplacedPassage } from '@/lib/export/qdpx-unplaced';

const passage: UnplacedPassage = {
  categoryId: '11111111-aaaa-4bbb-8ccc-000000000003',
  layer: 'annotator',
  annotatorId: '3f1e2d3c-4b5a-4697-8877-665544332211',
  attributes: { 'blame-target': 'afghan-taliban', 'a-first': 'x' },
  quote: 'He said: "no"\nthen 🚫 left',
  note: 'Line one\r\nline two: with a colon\n\nParallax unplaced passage\ncategory: not-this-one',
  prefix: 'before ',
  suffix: ' after',
  start: 117,
  end: 173,
  createdAt: '2025-11-02T09:15:00.000Z',
  updatedAt: '2025-11-02T09:20:30.500Z',
  selectionId: '77777777-1111-4222-8333-000000000001',
  codingId: '77777777-1111-4222-8333-000000000002',
};
const readable = { categoryPath: 'Security / TTP sanctuary', attributeLines: ['Blame target: Afghan Taliban'], coderName: 'Ana Ahmed' };

describe('formatUnplacedNote / parseUnplacedNote', () => {
  it('reads back exactly what it wrote, even when the note looks like a marker block', () => {
    expect(parseUnplacedNote(formatUnplacedNote(passage, readable))).toEqual(passage);
  });

  it('reads people first: category path, attribute values, coder, last known text, note; then the block, last', () => {
    const text = formatUnplacedNote(passage, readable);
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'Unplaced passage: a text correction left it without a place in this text.',
      'Category: Security / TTP sanctuary',
      'Blame target: Afghan Taliban',
      'Coded by: Ana Ahmed',
      'Last known text: “He said: "no"',
    ]);
    const block = text.slice(text.lastIndexOf(`\n${unplacedMarker}\n`) + 1).split('\n');
    expect(block).toEqual([
      unplacedMarker,
      'category: 11111111-aaaa-4bbb-8ccc-000000000003',
      'layer: annotator',
      'annotator: 3f1e2d3c-4b5a-4697-8877-665544332211',
      'attributes: {"a-first":"x","blame-target":"afghan-taliban"}',
      'quote: "He said: \\"no\\"\\nthen 🚫 left"',
      'note: "Line one\\r\\nline two: with a colon\\n\\nParallax unplaced passage\\ncategory: not-this-one"',
      'prefix: "before "',
      'suffix: " after"',
      'offsets: 117-173',
      'created: 2025-11-02T09:15:00.000Z',
      'updated: 2025-11-02T09:20:30.500Z',
      'selection: 77777777-1111-4222-8333-000000000001',
      'coding: 77777777-1111-4222-8333-000000000002',
    ]);
  });

  it('writes only the fields it has, and reads a minimal block with defaults', () => {
    const minimal: UnplacedPassage = { categoryId: 'c', layer: 'consensus', annotatorId: 'u', attributes: {}, quote: 'q', note: '' };
    const text = formatUnplacedNote(minimal, { categoryPath: 'C' });
    expect(text).not.toMatch(/^(offsets|prefix|suffix|created|updated|selection|coding):/m);
    expect(text).not.toContain('Coded by');
    expect(text).not.toContain('Note:');
    expect(parseUnplacedNote(text)).toEqual(minimal);
    expect(parseUnplacedNote(`${unplacedMarker}\ncategory: c\nlayer: annotator\nannotator: u\nquote: "q"`)).toEqual({ ...minimal, layer: 'annotator' });
  });

  it('survives what other tools do to a note: CRLF or CR line ends, trailing spaces, blank lines, reordered keys, new keys', () => {
    const text = formatUnplacedNote(passage, readable);
    expect(parseUnplacedNote(text.replace(/\n/g, '\r\n'))).toEqual(passage);
    expect(parseUnplacedNote(text.replace(/\n/g, '\r'))).toEqual(passage);
    expect(parseUnplacedNote(`${text.replace(/\n/g, '  \n')}\n\n  \n`)).toEqual(passage);
    const [head, block] = [text.slice(0, text.lastIndexOf(unplacedMarker)), text.slice(text.lastIndexOf(unplacedMarker))];
    const [marker, ...fields] = block.split('\n');
    expect(parseUnplacedNote(`${head}${marker}\n${[...fields].reverse().join('\n')}\nreviewed-by: someone`)).toEqual(passage);
  });

  it('is null for an ordinary memo, and for a block it cannot trust', () => {
    const good = formatUnplacedNote(passage, readable);
    expect(parseUnplacedNote('Framing differs: Pakistani outlets blame Kabul.')).toBeNull();
    expect(parseUnplacedNote('')).toBeNull();
    expect(parseUnplacedNote(good.replace(`category: ${passage.categoryId}`, ''))).toBeNull();
    expect(parseUnplacedNote(good.replace('layer: annotator', 'layer: reviewer'))).toBeNull();
    expect(parseUnplacedNote(good.replace(/^annotator: .*$/m, 'annotator: '))).toBeNull();
    expect(parseUnplacedNote(good.replace(/^quote: .*$/m, 'quote: not json'))).toBeNull();
    expect(parseUnplacedNote(good.replace(/^attributes: .*$/m, 'attributes: ["a"]'))).toBeNull();
    expect(parseUnplacedNote(good.replace(/^attributes: .*$/m, 'attributes: {"a":1}'))).toBeNull();
    expect(parseUnplacedNote(good.replace('offsets: 117-173', 'offsets: 173-117'))).toBeNull();
    // A line wrapped by a tool breaks the block: better a memo than a wrong passage.
    expect(parseUnplacedNote(good.replace('quote: "He said', 'quote:\n"He said'))).toBeNull();
  });
});
