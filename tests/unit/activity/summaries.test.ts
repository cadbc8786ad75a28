import { describe, expect, it, test } from 'vitest';
import { annotationChangedSummary, annotationCreatedSummary, change, documentsImportedSummary, listNames, snippet } from '@/lib/activity';

describe('snippet', () => {
  it('collapses whitespace and cuts long text with an ellipsis', () => {
    expect(snippet('  a\n\nb  c ')).toBe('a b c');
    expect(snippet('x'.repeat(60))).toBe('x'.repeat(60));
    expect(snippet(`${'x'.repeat(59)} yz`)).toBe(`${'x'.repeat(59)}…`);
  });

  it('never splits a surrogate pair', () => {
    const cut = snippet('😀'.repeat(70), 60);
    expect(cut).toBe(`${'😀'.repeat(60)}…`);
    expect(cut.isWellFormed()).toBe(true);
  });
});

test.each([
  [[], ''],
  [['A'], 'A'],
  [['A', 'B'], 'A and B'],
  [['A', 'B', 'C'], 'A, B and C'],
  [['A', 'B', 'C', 'D', 'E'], 'A, B, C and 2 more'],
])('listNames(%j) = %s', (names, expected) => {
  expect(listNames(names)).toBe(expected);
});

describe('summaries', () => {
  it('describes a tag with its quote, category and document', () => {
    expect(annotationCreatedSummary({ quote: 'The border at Torkham stayed closed for weeks, hurting traders on both sides.', category: 'Trade and border closures', document: 'Why talks failed' })).toBe(
      'Tagged "The border at Torkham stayed closed for weeks, hurting trade…" as Trade and border closures in "Why talks failed"',
    );
    expect(annotationCreatedSummary({ quote: 'x', category: 'C', document: null })).toBe('Tagged "x" as C in "Untitled"');
  });

  it('lists what an edit changed', () => {
    expect(annotationChangedSummary('Edited', { quote: 'x', category: 'A', document: 'D', changes: ['category A → B', 'note'] })).toBe('Edited "x" (A) in "D": category A → B, note');
    expect(annotationChangedSummary('Deleted', { quote: 'x', category: 'A', document: 'D' })).toBe('Deleted "x" (A) in "D"');
  });

  it('summarises an import of one or many documents in one line', () => {
    expect(documentsImportedSummary(['One'])).toBe('Imported "One"');
    expect(documentsImportedSummary(['A', null, 'C', 'D'])).toBe('Imported 4 documents: "A", "Untitled", "C" and 1 more');
  });

  it('shows settings changes as before → after', () => {
    expect(change('Blind coding', true, false)).toBe('Blind coding on → off');
    expect(change('Name', 'Old', 'New')).toBe('Name "Old" → "New"');
  });
});
