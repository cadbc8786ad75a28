import { describe, expect, it } from 'vitest';
import { ownPost } from '@/lib/corpus/furniture';
import { displayTitle, isLabel } from '@/lib/corpus/titles';

describe('displayTitle', () => {
  it('uses a stated title, else the first-words label in quotes, else the file name', () => {
    expect(displayTitle({ title: 'Why Talks Fail?', label: 'The lack of…', sourceName: 'a.txt' })).toBe('Why Talks Fail?');
    expect(displayTitle({ title: null, label: 'The lack of mutual trust between Pakistan and…', sourceName: 'a.txt' })).toBe('“The lack of mutual trust between Pakistan and…”');
    expect(displayTitle({ title: null, label: null, sourceName: 'a.txt' })).toBe('Untitled (a.txt)');
    expect(displayTitle({ title: null })).toBe('Untitled');
    expect(isLabel({ title: null, label: 'x' })).toBe(true);
    expect(isLabel({ title: 'T', label: 'x' })).toBe(false);
  });
});

describe('ownPost', () => {
  const body = 'The lack of mutual trust between Pakistan and Afghanistan led to the failure of talks with the Afghan Taliban. Legal engagement remains symbolic.';
  const list = ' Why Talks Between Pakistan and Afghan Taliban Fail? – December 24, 2025 27th Amendment: The Future of Public Trust and Perception in Judiciary – December 18, 2025 Legal Dimensions of Cross-Border Engagement – December 11, 2025';
  it('takes the post whose title the body argues word for word, with its date', () => {
    expect(ownPost([list], body)).toEqual({ title: 'Why Talks Between Pakistan and Afghan Taliban Fail?', publishedOn: '2025-12-24' });
  });
  it('takes nothing when no post matches, or when two match about as well', () => {
    expect(ownPost([list], 'A text about something else entirely, the weather in Lahore.')).toBeNull();
    const twins = ' Pakistan Afghan Taliban Talks – December 24, 2025 Afghan Taliban Talks Pakistan – December 20, 2025';
    expect(ownPost([twins], body)).toBeNull();
    expect(ownPost([], body)).toBeNull();
  });
});
