// Pure: colour arithmetic shared by the pages and the reports, so one figure has one look in the
// browser, in the HTML report and in the PDF.

/** The colour a fraction `t` (clamped to 0–1) of the way from `a` to `b`, both #rrggbb. */
export function mixHex(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  const k = Math.max(0, Math.min(1, t));
  return `#${pa.map((v, i) => Math.round(v + (pb[i]! - v) * k).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A framing-matrix cell: share of an article's text, pale → deep indigo, linear up to the largest
 * share shown; an empty cell is near-white with grey text.
 */
export function shareHeat(share: number, max: number): { background: string; color: string } {
  if (share <= 0 || max <= 0) return { background: '#fafaf9', color: '#a8a29e' };
  const t = share / max;
  return { background: mixHex('#eef2ff', '#312e81', t), color: t > 0.5 ? '#ffffff' : '#1e1b4b' };
}
