import { describe, expect, it } from 'vitest';
import { documentSentences, splitSentences } from '@/lib/corpus/sentences';
import { toCanonical } from '@/lib/corpus/canonical';
import { seedArticles } from '@/prisma/seed-data/articles';

const slices = (text: string) => splitSentences(text).map((u) => text.slice(u.start, u.end));

describe('splitSentences', () => {
  it.each([
    ['One. Two! Three? Four.', ['One.', 'Two!', 'Three?', 'Four.']],
    ['He said “No.” Then he left.', ['He said “No.”', 'Then he left.']],
    ['Talks began in 2021. 2025 was different.', ['Talks began in 2021.', '2025 was different.']],
    ['Mr. Dar met Dr. Muttaqi in Doha. They spoke.', ['Mr. Dar met Dr. Muttaqi in Doha.', 'They spoke.']],
    ['The U.S. and China (e.g. in Beijing) watched. Nothing moved.', ['The U.S. and China (e.g. in Beijing) watched.', 'Nothing moved.']],
    ['Version 2.5 of the draft was read. no capital here. Next.', ['Version 2.5 of the draft was read. no capital here.', 'Next.']],
    ['  Leading and trailing space.  ', ['Leading and trailing space.']],
    ['A marker like 3fa2b1c. Then more.', ['A marker like 3fa2b1c.', 'Then more.']],
    ['', []],
  ])('%j', (text, expected) => {
    expect(slices(text)).toEqual(expected);
  });

  it('splits the seed articles into units that tile every paragraph without losing text', () => {
    for (const article of seedArticles) {
      const { text, content: blocks } = toCanonical(article.blocks);
      const units = documentSentences(text, blocks);
      expect(units.length).toBeGreaterThan(20);
      for (const b of blocks) {
        const inside = units.filter((u) => u.start >= b.start && u.end <= b.end);
        expect(inside.length).toBeGreaterThan(0);
        // Every non-space character of the block is in exactly one unit.
        const covered = inside.reduce((n, u) => n + text.slice(u.start, u.end).replace(/\s/g, '').length, 0);
        expect(covered).toBe(text.slice(b.start, b.end).replace(/\s/g, '').length);
      }
      for (let i = 1; i < units.length; i++) expect(units[i]!.start).toBeGreaterThanOrEqual(units[i - 1]!.end);
    }
  });
});
