import { describe, expect, it, test } from 'vitest';
import { parseMarkdown } from '../../../lib/corpus';

describe('parseMarkdown', () => {
  it('reads ATX and setext headings, paragraphs, lists and quotes', () => {
    const document = parseMarkdown(
      [
        '# Why Talks Fail',
        '',
        'First paragraph, wrapped',
        'over two lines.',
        '',
        'Background',
        '==========',
        '',
        'Second paragraph.',
        '',
        'Sub-section',
        '-----------',
        '',
        '### Deeper heading ###',
        '',
        '- Border security',
        '* Refugees',
        '1. Trade',
        '',
        '> A quoted',
        '> statement.',
        '',
        '---',
        '',
        'Closing paragraph.',
      ].join('\n'),
    );
    expect(document.title).toBe('Why Talks Fail');
    expect(document.blocks).toEqual([
      { type: 'paragraph', text: 'First paragraph, wrapped over two lines.' },
      { type: 'heading', level: 2, text: 'Background' },
      { type: 'paragraph', text: 'Second paragraph.' },
      { type: 'heading', level: 2, text: 'Sub-section' },
      { type: 'heading', level: 3, text: 'Deeper heading' },
      { type: 'paragraph', text: 'Border security' },
      { type: 'paragraph', text: 'Refugees' },
      { type: 'paragraph', text: 'Trade' },
      { type: 'paragraph', text: 'A quoted statement.' },
      { type: 'paragraph', text: 'Closing paragraph.' },
    ]);
  });

  test.each([
    ['bold and italic', 'A **bold** and *italic* and __strong__ and _em_ word.', 'A bold and italic and strong and em word.'],
    ['links keep their text', 'See [the report](https://example.org/r "Title") and [ref link][1].', 'See the report and ref link.'],
    ['images are dropped', 'Before ![a map](map.png) after.', 'Before after.'],
    ['inline code keeps its content', 'Run `npm test` now.', 'Run npm test now.'],
    ['strikethrough', 'It was ~~not~~ agreed.', 'It was not agreed.'],
    ['autolinks', 'Source: <https://example.org/x> today.', 'Source: https://example.org/x today.'],
    ['escapes are literal', 'Marked \\*not emphasis\\* here.', 'Marked *not emphasis* here.'],
    ['intraword underscores stay', 'The snake_case_name stays.', 'The snake_case_name stays.'],
    ['lone asterisks stay', 'Two * three * four.', 'Two * three * four.'],
    ['typography is untouched', 'Kabul’s “red lines” — 50% of the time…', 'Kabul’s “red lines” — 50% of the time…'],
  ])('inline: %s', (_name, markdown, text) => {
    expect(parseMarkdown(`${markdown}\n\nA second paragraph.`).blocks[0]).toEqual({ type: 'paragraph', text });
  });

  it('keeps code blocks without their fences', () => {
    const document = parseMarkdown('Intro.\n\n```ts\nconst a = 1 * 2;\n```\n\nOutro.');
    expect(document.text).toBe('Intro.\n\nconst a = 1 * 2;\n\nOutro.');
  });

  it('takes metadata from front matter only when stated', () => {
    const document = parseMarkdown(
      '---\ntitle: "Stated Title"\nauthor: Jane Roe\ndate: 2025-11-03\nurl: https://example.org/a\n---\n\nBody text.',
    );
    expect(document).toMatchObject({
      title: 'Stated Title',
      author: 'Jane Roe',
      publishedOn: '2025-11-03',
      sourceUrl: 'https://example.org/a',
      outlet: null,
      authorAffiliation: null,
    });
    expect(document.text).toBe('Body text.');
  });

  it('leaves the title null when there is no leading level-1 heading', () => {
    const document = parseMarkdown('## Section\n\nBody text.');
    expect(document.title).toBeNull();
    expect(document.blocks[0]).toEqual({ type: 'heading', level: 2, text: 'Section' });
  });

  it('removes the same blog furniture as plain text', () => {
    const document = parseMarkdown(
      [
        'Body paragraph one.',
        '',
        '- Why Talks Fail? - December 24, 2025',
        '- Another Post - December 18, 2025',
        '',
        'Leave a Comment',
        '',
        'Your email address will not be published. Required fields are marked *',
      ].join('\n'),
    );
    expect(document.text).toBe('Body paragraph one.');
    expect(document.removed).toHaveLength(4);
  });
});
