import { describe, expect, it, test } from 'vitest';
import { cleanText } from '../../../lib/corpus';
import { toIsoDate } from '../../../lib/corpus/dates';
import { isHeadingLike } from '../../../lib/corpus/headings';

const body = 'The absence of a formal diplomatic framework became a central reason behind the failure of talks.';
const second = 'Humanitarian grievances overshadow the core security talks between Pakistan and Afghanistan.';

describe('furniture removal on pasted text', () => {
  test.each([
    ['comment form', 'Leave a Reply\nYour email address will not be published. Required fields are marked *\n*'],
    ['comment prompt', 'Be the first to comment\nLeave a Comment'],
    ['share bar', 'Share on Facebook Share on X Share on WhatsApp'],
    ['share label', 'Share this:\nTweet\nEmail\nPrint'],
    ['tags', 'Tags: Afghanistan, Pakistan, TTP'],
    ['related posts', 'Related Posts\nRead more: Why the Doha truce held'],
    ['copyright', '© 2025 The Strategic Review. All rights reserved.'],
    ['photo credit', 'Photo: AFP/File'],
    ['update line', 'Updated on November 3, 2025'],
  ])('%s', (_name, furniture) => {
    const document = cleanText(`${body}\n${furniture}\n${second}`);
    expect(document.text).toBe(`${body}\n\n${second}`);
    expect(document.removed).toEqual(furniture.split('\n'));
  });

  it('reads the author from a byline and keeps it out of the body', () => {
    const document = cleanText(`By Faiza Abid\n${body}\n${second}`);
    expect(document.author).toBe('Faiza Abid');
    expect(document.text).toBe(`${body}\n\n${second}`);
  });

  it('reads the date from a "Published on" dateline but not from an "Updated" one', () => {
    expect(cleanText(`Published on 2 November 2025\n${body}\n${second}`).publishedOn).toBe('2025-11-02');
    expect(cleanText(`Updated on November 3, 2025\n${body}\n${second}`).publishedOn).toBeNull();
  });

  it('reads a source URL and outlet only where the text states them', () => {
    const document = cleanText(`${body}\n${second}\nSource: https://example.org/talks\nThis article first appeared in The Diplomat.`);
    expect(document).toMatchObject({ sourceUrl: 'https://example.org/talks', outlet: 'The Diplomat' });
    expect(cleanText(`${body}\n${second}`)).toMatchObject({ sourceUrl: null, outlet: null });
  });

  it('keeps a "- title - date" line that is not in an author box and not trailing', () => {
    const timeline = '- Doha truce agreed - October 19, 2025';
    expect(cleanText(`${body}\n${timeline}\n${second}`).text).toContain(timeline);
  });

  it('removes a trailing contributor note and records author and affiliation', () => {
    const document = cleanText(`${body}\n${second}\nThe writer is a research fellow at the Institute of Regional Studies, Islamabad.`);
    expect(document).toMatchObject({ author: null, authorAffiliation: 'Institute of Regional Studies, Islamabad' });
    expect(document.text).toBe(`${body}\n\n${second}`);
  });

  it('keeps a closing sentence about a public figure', () => {
    const closing = 'Amir Khan Muttaqi is a seasoned negotiator who knows what Islamabad wants.';
    expect(cleanText(`${body}\n${closing}`).text).toContain(closing);
  });

  it('keeps a quoted paragraph that is not a repeat of the body', () => {
    const quoted = '“We will not allow our soil to be used against any country,” the spokesman told reporters on Friday.';
    expect(cleanText(`${body}\n${quoted}\n${second}`).text).toContain(quoted);
  });

  it('drops a pull quote that repeats the body', () => {
    const pull = `“${second}”`;
    const document = cleanText(`${body}\n${second}\n${pull}\nA closing sentence of the article.`);
    expect(document.removed).toEqual([pull]);
  });
});

describe('plain-text structure', () => {
  it('joins a hard-wrapped paragraph and keeps a title over it apart', () => {
    const raw = [
      'Why Talks Between Pakistan and the Taliban Fail',
      '',
      'The lack of mutual trust between Pakistan and Afghanistan led to the',
      'failure of talks. Since 2021 the TTP has become an existential threat',
      'to national security.',
    ].join('\n');
    const document = cleanText(raw);
    expect(document.title).toBe('Why Talks Between Pakistan and the Taliban Fail');
    expect(document.blocks).toEqual([
      {
        type: 'paragraph',
        text: 'The lack of mutual trust between Pakistan and Afghanistan led to the failure of talks. Since 2021 the TTP has become an existential threat to national security.',
      },
    ]);
  });

  it('normalises line endings and whitespace but not typography', () => {
    const document = cleanText('First\u00A0line  with\ttabs — and “quotes”.\r\n\r\n\r\nSecond line…\r\n');
    expect(document.text).toBe('First\u00A0line with tabs — and “quotes”.\n\nSecond line…');
  });

  test.each([
    ['A Little Backgrounder', true],
    ['What is Holding the Talks Hostage?', true],
    ['Background: A Century of Contention and Interdependence', true],
    ['Internal Dynamics and Future of TTP', true],
    ['So, what can Pakistan really do to succeed?', false],
    ['Ultimately led to the joining of the IS-Khorasan group.', false],
    ['Leave a Comment,', false],
    ['- Legal Dimensions of Cross-Border Engagement', false],
    ['the lowercase start of a wrapped line', false],
  ])('isHeadingLike(%j) is %s', (line, expected) => {
    expect(isHeadingLike(line)).toBe(expected);
  });
});

describe('toIsoDate', () => {
  test.each([
    ['December 24, 2025', '2025-12-24'],
    ['Nov 2, 2025', '2025-11-02'],
    ['Sept. 9, 2025', '2025-09-09'],
    ['2 November 2025', '2025-11-02'],
    ['3rd March 2024', '2024-03-03'],
    ['2025-11-02T09:30:00+05:00', '2025-11-02'],
    ['February 30, 2025', null],
    ['Marching 5, 2025', null],
    ['this month', null],
  ])('%s → %s', (written, iso) => {
    expect(toIsoDate(written)).toBe(iso);
  });
});

describe('trailing furniture', () => {
  it('keeps a closing sentence that happens to end with a date', () => {
    const closing = 'The next round was due to begin in Istanbul. It was postponed - November 6, 2025';
    expect(cleanText(`${body}\n${closing}`).text).toContain(closing);
  });

  it('keeps a bare URL the author cites', () => {
    const document = cleanText(`${body}\nhttps://example.org/report\n${second}`);
    expect(document.text).toContain('https://example.org/report');
    expect(document.sourceUrl).toBeNull();
  });
});
