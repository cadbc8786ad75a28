import { z } from 'zod';

// Dates that come from files and clients. JavaScript parses more than PostgreSQL stores (years
// beyond 9999 or before 1, "2025-02-30" rolled over to March), and a date the database refuses
// failed the write after everything else was checked; so a date is checked where it is read.

/** A real date-time (ISO 8601, with a time zone or UTC), years 1–9999: the ISO string, or null. */
export function realDateTime(value: string): string | null {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(trimmed)) return null;
  const time = Date.parse(trimmed);
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) return null;
  // "2025-02-30" parses as 2 March: the day written must be the day read (in UTC for a bare date).
  const [y, m, d] = trimmed.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(y, m - 1, d));
  if (calendar.getUTCFullYear() !== y || calendar.getUTCMonth() !== m - 1 || calendar.getUTCDate() !== d) return null;
  return date.toISOString();
}

/** A string that is a real date-time, as `realDateTime` decides. */
export const dateTimeSchema = z.string().refine((v) => realDateTime(v) !== null, { message: 'not a real date and time (ISO 8601, e.g. 2025-11-02T09:15:00Z)' });

/** A real calendar day, yyyy-mm-dd. */
export const daySchema = z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && realDateTime(v) !== null, { message: 'not a real date (yyyy-mm-dd)' });
