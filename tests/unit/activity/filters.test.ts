import { describe, expect, it, test } from 'vitest';
import { actionsForType, actionsInGroup, activityFiltersSchema, activityTypeOptions, createdAtRange } from '@/lib/activity';

const uuid = '0b7e6c1e-4a1f-4d5e-9c3b-2f1a0e9d8c7b';
const messages = (input: unknown) => {
  const result = activityFiltersSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('activityFiltersSchema', () => {
  it('treats empty form fields as "any" and defaults the page size', () => {
    expect(activityFiltersSchema.parse({ actor: '', type: '', document: ' ', from: '', to: '', cursor: '', limit: '' })).toEqual({ limit: 50 });
    expect(activityFiltersSchema.parse({})).toEqual({ limit: 50 });
  });

  it('accepts every kind of filter at once', () => {
    expect(
      activityFiltersSchema.parse({ actor: uuid, type: 'codebook', document: uuid, from: '2025-11-01', to: '2025-11-01', cursor: '1234', limit: '20' }),
    ).toEqual({ actor: uuid, type: 'codebook', document: uuid, from: '2025-11-01', to: '2025-11-01', cursor: '1234', limit: 20 });
    expect(activityFiltersSchema.parse({ actor: 'system', type: 'annotation.delete' })).toMatchObject({ actor: 'system', type: 'annotation.delete' });
  });

  test.each([
    [{ actor: 'bob' }, 'actor: Person must be a user id or "system".'],
    [{ type: 'comments' }, 'type: Type must be a group'],
    [{ document: '12' }, 'document: Document is not a valid id.'],
    [{ from: '3/11/2025' }, 'from: From must be a date written YYYY-MM-DD'],
    [{ to: '2025-02-30' }, 'to: To is not a real date.'],
    [{ from: '2025-11-05', to: '2025-11-01' }, 'to: The "from" date is after the "to" date; swap them.'],
    [{ cursor: 'abc' }, 'cursor: The paging cursor is not valid'],
    [{ limit: '0' }, 'limit: Limit must be at least 1.'],
    [{ limit: 500 }, 'limit: Limit must be at most 200.'],
    [{ limit: '2.5' }, 'limit: Limit must be a whole number.'],
  ])('refuses %j with a clear message', (input, message) => {
    expect(messages(input).join(' | ')).toContain(message);
  });
});

describe('actionsForType', () => {
  it('expands a group to its actions and keeps a single action', () => {
    expect(actionsForType('members')).toEqual(actionsInGroup('members'));
    expect(actionsForType('members')).toContain('member.invite');
    expect(actionsForType('annotation.restore')).toEqual(['annotation.restore']);
    expect(actionsForType('nonsense')).toEqual([]);
  });

  it('offers every action once in the select', () => {
    const values = activityTypeOptions().flatMap((g) => g.actions.map((a) => a.value));
    expect(new Set(values).size).toBe(values.length);
  });
});

describe('createdAtRange', () => {
  it('includes the whole "to" day, in UTC', () => {
    expect(createdAtRange('2025-11-01', '2025-11-03')).toEqual({ gte: new Date('2025-11-01T00:00:00Z'), lt: new Date('2025-11-04T00:00:00Z') });
    expect(createdAtRange(undefined, '2024-12-31')).toEqual({ lt: new Date('2025-01-01T00:00:00Z') });
    expect(createdAtRange(undefined, undefined)).toEqual({});
  });
});
