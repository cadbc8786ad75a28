import { describe, expect, it, test } from 'vitest';
import { seedArticles } from '../../../prisma/seed-data/articles';
import { blameTargetAttribute, seedAttributes, seedCategories } from '../../../prisma/seed-data/codebook';

describe('starter codebook', () => {
  it('has at least eight categories', () => {
    expect(seedCategories.length).toBeGreaterThanOrEqual(8);
  });

  test.each(['key', 'name', 'shortcut', 'color'] as const)('%s is unique', (field) => {
    const values = seedCategories.map((category) => category[field].toLowerCase());
    expect(new Set(values).size).toBe(values.length);
  });

  test.each(seedCategories.map((category) => [category.key, category] as const))('%s is well formed', (_key, category) => {
    expect(category.key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(category.color).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(category.shortcut).toMatch(/^[0-9a-z]$/);
    expect(category.description.length).toBeGreaterThan(40);
    expect(category.example.split(/\s+/).length).toBeGreaterThanOrEqual(5);
  });

  test.each(seedCategories.map((category) => [category.key, category] as const))(
    '%s: the example is a verbatim quote from the named seed article',
    (_key, category) => {
      const source = seedArticles.find((article) => article.sourceName === category.exampleSource);
      expect(source, `no seed article named ${category.exampleSource}`).toBeDefined();
      expect(source?.text).toContain(category.example);
    },
  );

  it('defines the blame-target attribute with its six options', () => {
    expect(seedAttributes).toContain(blameTargetAttribute);
    expect(blameTargetAttribute.key).toBe('blame-target');
    expect(blameTargetAttribute.options.map((option) => option.value)).toEqual([
      'afghan-taliban',
      'pakistan',
      'ttp',
      'india',
      'both-sides',
      'structural',
    ]);
  });
});
