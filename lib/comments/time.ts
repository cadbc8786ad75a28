// "5 min ago" for comment headers. Pure and clock-free (the caller passes `now`), so it is tested
// without fake timers and the thread can re-render it once a minute.

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** A short relative time in English: "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then "12 Nov" (and the year when not this one). */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const ago = now - then;
  // A clock a little ahead of ours still reads as just now.
  if (ago < minute) return 'just now';
  if (ago < hour) return `${Math.floor(ago / minute)} min ago`;
  if (ago < day) return `${Math.floor(ago / hour)} h ago`;
  if (ago < 2 * day) return 'yesterday';
  if (ago < 7 * day) return `${Math.floor(ago / day)} days ago`;
  const date = new Date(then);
  const sameYear = date.getUTCFullYear() === new Date(now).getUTCFullYear();
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }), timeZone: 'UTC' });
}
