/** Matches the English date forms scraped pages print: "December 24, 2025", "24 Dec 2025". */
export const englishDatePattern =
  /(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})/;

function formatIsoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rejects impossible dates ("February 30") instead of letting Date roll them over.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const monthNames = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

function lookUpMonth(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  // Accepts the full name or a standard abbreviation ("Sept", "Dec"), nothing in between.
  const index = monthNames.findIndex((month) => month === key || (key.length >= 3 && month.startsWith(key) && key.length <= 4));
  return index === -1 ? undefined : index + 1;
}

/** Converts a written date to yyyy-mm-dd, or null when it is not a complete, real date. */
export function toIsoDate(written: string): string | null {
  const text = written.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(text);
  if (iso) return formatIsoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const monthFirst = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  if (monthFirst) {
    const month = lookUpMonth(monthFirst[1] ?? '');
    return month ? formatIsoDate(Number(monthFirst[3]), month, Number(monthFirst[2])) : null;
  }
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(text);
  if (dayFirst) {
    const month = lookUpMonth(dayFirst[2] ?? '');
    return month ? formatIsoDate(Number(dayFirst[3]), month, Number(dayFirst[1])) : null;
  }
  return null;
}
