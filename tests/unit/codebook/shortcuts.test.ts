import { describe, expect, it, test } from 'vitest';
import { isReservedShortcut, normalizeShortcut, reservedShortcuts, shortcutProblem } from '@/lib/codebook/shortcuts';
import { categoryPalette, colorPattern, pickUnusedColor } from '@/lib/codebook/palette';
import { createCategorySchema, updateCategorySchema } from '@/lib/validations/codebook';

describe('shortcut rules', () => {
  it('reserves the annotation view’s own keys', () => {
    expect(Object.keys(reservedShortcuts).sort()).toEqual(['Delete', 'n', 'u', 'x']);
    expect(isReservedShortcut('u')).toBe(true);
    expect(isReservedShortcut('constructor')).toBe(false); // not fooled by Object.prototype
  });

  test.each(['0', '9', 'a', 'z', 'm'])('%s is allowed', (key) => {
    expect(shortcutProblem(key)).toBeNull();
  });

  test.each([
    ['u', /reserved for undo/],
    ['n', /reserved for note/],
    ['x', /reserved for delete/],
    ['Delete', /reserved for delete/],
    ['ab', /one digit \(0-9\) or one letter \(a-z\)/],
    ['A', /one digit/], // callers normalise first; the rule itself is exact
    ['é', /one digit/],
    [' ', /one digit/],
    ['', /one digit/],
  ])('%j is refused', (key, message) => {
    expect(shortcutProblem(key)).toMatch(message);
  });

  it('names the category that already has the key', () => {
    expect(shortcutProblem('3', new Map([['3', 'Trust deficit']]))).toBe(
      'Shortcut "3" is already used by "Trust deficit"; clear it there first or choose another key.',
    );
    expect(shortcutProblem('4', new Map([['3', 'Trust deficit']]))).toBeNull();
  });

  it('normalises case and spaces', () => {
    expect(normalizeShortcut(' K ')).toBe('k');
  });
});

describe('category schemas', () => {
  it('normalises shortcut and colour; blank shortcut means none', () => {
    expect(createCategorySchema.parse({ name: ' A ', color: '#ABCDEF', shortcut: 'K' })).toEqual({
      name: 'A', color: '#abcdef', shortcut: 'k', parentId: null, description: '', example: '',
    });
    expect(updateCategorySchema.parse({ shortcut: '' })).toEqual({ shortcut: null });
    expect(updateCategorySchema.parse({ shortcut: null })).toEqual({ shortcut: null });
    expect(updateCategorySchema.parse({})).toEqual({});
  });

  test.each([
    [{ name: 'A', color: 'blue' }, 'Colour must be written #rrggbb'],
    [{ name: 'A', color: '#abc' }, 'Colour must be written #rrggbb'],
    [{ name: 'A', color: '#abcdef', shortcut: 'u' }, 'reserved for undo'],
    [{ name: 'A / B', color: '#abcdef' }, 'separates levels'],
    [{ name: '', color: '#abcdef' }, 'Name is required'],
  ])('refuses %j', (input, message) => {
    const result = createCategorySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(' ')).toContain(message);
  });
});

describe('palette', () => {
  it('offers 16 distinct, well-formed colours', () => {
    expect(categoryPalette).toHaveLength(16);
    expect(new Set(categoryPalette.map((c) => c.hex)).size).toBe(16);
    for (const c of categoryPalette) expect(c.hex).toMatch(colorPattern);
  });

  it('picks the first colour not in use, ignoring case', () => {
    expect(pickUnusedColor([])).toBe('#4e79a7');
    expect(pickUnusedColor(['#4E79A7', '#f28e2b'])).toBe('#e15759');
    expect(pickUnusedColor(categoryPalette.map((c) => c.hex))).toBe('#4e79a7');
  });
});
