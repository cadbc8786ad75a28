// Pure: how numbers and dates read wherever Parallax shows them (pages, reports, CLI).

/** A share as a percentage, "20.3 %"; a share that cannot be computed is "n/c". */
export function formatShare(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)} %` : 'n/c';
}

/** An ISO time as "28 November 2026" (UTC). */
export function formatLongDay(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
