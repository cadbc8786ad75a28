import { describe, expect, it, test } from 'vitest';
import { toCanonical, type Block } from '../../../lib/corpus';
import { seedArticles } from '../../../prisma/seed-data/articles';

const sample: Block[] = [
  { type: 'heading', level: 2, text: 'Why talks fail' },
  { type: 'paragraph', text: 'Kabul’s “red lines” — and Islamabad’s.' },
  { type: 'heading', level: 3, text: 'Flag 🇵🇰 is four code units' },
  { type: 'paragraph', text: 'Last paragraph.' },
];

describe('toCanonical', () => {
  it('joins blocks with one blank line and gives UTF-16, end-exclusive offsets', () => {
    const { text, content } = toCanonical(sample);
    expect(text).toBe(sample.map((block) => block.text).join('\n\n'));
    expect(content).toEqual([
      { type: 'heading', level: 2, start: 0, end: 14 },
      { type: 'paragraph', start: 16, end: 54 },
      { type: 'heading', level: 3, start: 56, end: 84 },
      { type: 'paragraph', start: 86, end: 101 },
    ]);
  });

  it('returns empty text and no ranges for no blocks', () => {
    expect(toCanonical([])).toEqual({ text: '', content: [] });
  });

  test.each([['sample', sample] as const, ...seedArticles.map((article) => [article.sourceName, article.blocks] as const)])(
    '%s: every range slices back to its block',
    (_name, blocks) => {
      const { text, content } = toCanonical(blocks);
      expect(content).toHaveLength(blocks.length);
      content.forEach((range, index) => {
        const block = blocks[index];
        expect(text.slice(range.start, range.end)).toBe(block?.text);
        expect(range.type).toBe(block?.type);
        if (block?.type === 'heading') expect(range.level).toBe(block.level);
        const next = content[index + 1];
        if (next) expect(text.slice(range.end, next.start)).toBe('\n\n');
      });
      expect(content.at(-1)?.end ?? 0).toBe(text.length);
    },
  );
});
