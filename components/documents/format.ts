// Display helpers shared by the corpus list and the reading view.

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A calendar date (yyyy-mm-dd) as "24 Dec 2025". */
export function formatDay(isoDay: string): string {
  return dateFormat.format(new Date(`${isoDay}T00:00:00Z`));
}

/** Characters as an approximate reading length ("6.2k chars · 5 min"). */
export function formatLength(chars: number): string {
  const minutes = Math.max(1, Math.round(chars / 5.5 / 230));
  const size = chars >= 1000 ? `${(chars / 1000).toFixed(1)}k` : String(chars);
  return `${size} chars · ${minutes} min`;
}

export const progressLabels = { NOT_STARTED: 'Not started', IN_PROGRESS: 'In progress', FINISHED: 'Finished' } as const;

export { displayTitle } from '@/lib/corpus/titles';
