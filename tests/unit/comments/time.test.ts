import { describe, expect, it } from 'vitest';
import { relativeTime } from '@/lib/comments/time';

const now = Date.parse('2026-11-22T12:00:00Z');

describe('relativeTime', () => {
  it.each([
    ['2026-11-22T12:00:30Z', 'just now'],
    ['2026-11-22T11:59:30Z', 'just now'],
    ['2026-11-22T11:55:00Z', '5 min ago'],
    ['2026-11-22T09:00:00Z', '3 h ago'],
    ['2026-11-21T10:00:00Z', 'yesterday'],
    ['2026-11-18T12:00:00Z', '4 days ago'],
    ['2026-11-12T08:00:00Z', '12 Nov'],
    ['2025-03-02T08:00:00Z', '2 Mar 2025'],
    ['not a date', ''],
  ])('%s → %j', (iso, expected) => {
    expect(relativeTime(iso, now)).toBe(expected);
  });
});
