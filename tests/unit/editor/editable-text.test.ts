import { describe, expect, it } from 'vitest';
import { toCanonical } from '@/lib/corpus';
import { fromEditableText, toEditableText } from '@/lib/editor/editable-text';
import { seedArticles } from '@/prisma/seed-data/articles';

describe('editable text', () => {
  it.each(seedArticles.map((a) => [a.sourceName, a] as const))('round-trips %s exactly', (_name, article) => {
    const { text, content } = toCanonical(article.blocks);
    const blocks = fromEditableText(toEditableText(text, content));
    expect(blocks).toEqual(article.blocks);
  });

  it('reads headings, joins wrapped lines and drops empty blocks', () => {
    expect(fromEditableText('## Why\r\n\r\nFirst line\nwrapped here.\n\n\n\n### Sub\n\n  \n\nLast.')).toEqual([
      { type: 'heading', level: 2, text: 'Why' },
      { type: 'paragraph', text: 'First line wrapped here.' },
      { type: 'heading', level: 3, text: 'Sub' },
      { type: 'paragraph', text: 'Last.' },
    ]);
  });
});
