import { describe, expect, it } from 'vitest';
import { slugify } from '@/lib/slug';

describe('slugify, the one slug rule', () => {
  it('transliterates, so that names with accents and other scripts keep their letters', () => {
    expect(slugify('Pérez')).toBe('perez');
    expect(slugify('Straße')).toBe('strasse');
    expect(slugify('Pakistan–Afghan talks 2025')).toBe('pakistan-afghan-talks-2025');
    expect(slugify('TTP (Tehrik-i-Taliban)')).toBe('ttp-tehrik-i-taliban');
  });
  it('stays within the length and never ends in a hyphen', () => {
    const slug = slugify(`${'a'.repeat(63)} b`);
    expect(slug).toBe('a'.repeat(63));
    expect(slugify('x'.repeat(100), { maxLength: 10 })).toHaveLength(10);
  });
  it('answers the fallback when nothing is left', () => {
    expect(slugify('🚫 —')).toBe('');
    expect(slugify('🚫 —', { fallback: 'imported' })).toBe('imported');
  });
});
