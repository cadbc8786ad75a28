import { describe, expect, it } from 'vitest';
import { activeMentionQuery, filterPeople, insertMention, mentionsInBody, splitMentions } from '@/lib/comments/mentions';

const ana = { id: 'u-ana', name: 'Ana' };
const anaLopez = { id: 'u-al', name: 'Ana Lopez' };
const ben = { id: 'u-ben', name: 'Ben Okafor' };
const owner = { id: 'u-own', name: 'Owner' };
const zoe = { id: 'u-zoe', name: 'Zoë Ångström' };

describe('activeMentionQuery', () => {
  it.each([
    ['Ask @an', 7, { start: 4, query: 'an' }],
    ['@', 1, { start: 0, query: '' }],
    ['Ask @Ana Lo', 11, { start: 4, query: 'Ana Lo' }],
    ['(@be', 4, { start: 1, query: 'be' }],
    ['Ask @an and more', 7, { start: 4, query: 'an' }],
  ])('%j with the caret at %i is a mention being typed', (text, caret, expected) => {
    expect(activeMentionQuery(text, caret)).toEqual(expected);
  });

  it.each([
    ['mail ana@example.org', 20, 'inside an e-mail address'],
    ['Ask @an\nthen', 12, 'after a line break'],
    ['no at sign here', 15, 'without an @'],
    [`@${'x'.repeat(45)}`, 46, 'past 40 characters'],
    ['Ask @an', 3, 'with the caret before the @'],
  ])('%j at %i is not (%s)', (text, caret) => {
    expect(activeMentionQuery(text, caret)).toBeNull();
  });
});

describe('filterPeople', () => {
  const people = [ben, anaLopez, owner, ana, zoe];
  it('ranks names starting with the query, then a word starting with it, then containing it', () => {
    expect(filterPeople(people, 'o').map((p) => p.name)).toEqual(['Owner', 'Ben Okafor', 'Ana Lopez', 'Zoë Ångström']);
  });
  it('ignores case and accents, and an empty query lists everyone up to the limit', () => {
    expect(filterPeople(people, 'ZOE ang')).toEqual([zoe]);
    expect(filterPeople(people, '', 3).map((p) => p.name)).toEqual(['Ana', 'Ana Lopez', 'Ben Okafor']);
  });
  it('finds nobody for a query nobody matches', () => {
    expect(filterPeople(people, 'xyz')).toEqual([]);
  });
});

describe('insertMention', () => {
  it('replaces the typed query with the name and a space, caret after it', () => {
    expect(insertMention('Ask @an about it', 4, 7, 'Ana Lopez')).toEqual({ text: 'Ask @Ana Lopez about it', caret: 15 });
    expect(insertMention('@b', 0, 2, 'Ben Okafor')).toEqual({ text: '@Ben Okafor ', caret: 12 });
  });
});

describe('splitMentions', () => {
  it('marks mentions of the given people, preferring the longer name', () => {
    expect(splitMentions('@Ana Lopez and @Ana, see this.', [ana, anaLopez])).toEqual([
      { kind: 'mention', text: '@Ana Lopez', userId: 'u-al' },
      { kind: 'text', text: ' and ' },
      { kind: 'mention', text: '@Ana', userId: 'u-ana' },
      { kind: 'text', text: ', see this.' },
    ]);
  });
  it('leaves e-mail addresses, longer words and people not mentioned as text', () => {
    expect(splitMentions('write to x@Ana or @Anabel or @Owner', [ana])).toEqual([{ kind: 'text', text: 'write to x@Ana or @Anabel or @Owner' }]);
  });
  it('gives the whole body back when it mentions nobody, and nothing for an empty body', () => {
    expect(splitMentions('plain', [])).toEqual([{ kind: 'text', text: 'plain' }]);
    expect(splitMentions('', [ana])).toEqual([]);
  });
});

describe('mentionsInBody', () => {
  it('keeps the ids whose @Name is still in the text, once each', () => {
    expect(mentionsInBody('@Owner please check, @Owner', [owner, ben, owner])).toEqual(['u-own']);
    expect(mentionsInBody('nobody now', [owner])).toEqual([]);
  });
});
