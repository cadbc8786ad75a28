// Approximate substring search: the stretches of text[from, to) closest to a pattern in
// Levenshtein distance. This is Sellers's semi-global dynamic programme ("The theory and
// computation of evolutionary distances: pattern recognition", 1980): like edit distance, but a
// match may start and end anywhere in the text for free. O(pattern × region) time, O(pattern)
// memory; callers keep regions a little larger than the pattern.

export type ApproximateMatch = { start: number; end: number; distance: number };

const maxMatches = 64;

/**
 * Every end position whose best alignment has the smallest distance found (≤ maxDistance), with
 * the start of that alignment. On ties the alignment that consumes the most text wins, so a typo
 * in the pattern's first character still yields a match starting at the corrected character.
 */
export function findApproximateMatches(
  text: string,
  pattern: string,
  from: number,
  to: number,
  maxDistance: number,
): ApproximateMatch[] {
  const m = pattern.length;
  if (m === 0) return [];
  const codes = new Uint16Array(m);
  for (let i = 0; i < m; i++) codes[i] = pattern.charCodeAt(i);
  // cost[i]: best distance of pattern[0, i) against a text stretch ending at the current column;
  // origin[i]: where that stretch starts.
  const cost = new Int32Array(m + 1);
  const origin = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    cost[i] = i;
    origin[i] = from;
  }
  let best = maxDistance + 1;
  let matches: ApproximateMatch[] = [];
  for (let j = from; j < to; j++) {
    const char = text.charCodeAt(j);
    let diagonalCost = cost[0]!;
    let diagonalOrigin = origin[0]!;
    cost[0] = 0;
    origin[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      const aboveCost = cost[i]!;
      const aboveOrigin = origin[i]!;
      let value = diagonalCost + (codes[i - 1] === char ? 0 : 1);
      let start = diagonalOrigin;
      if (aboveCost + 1 < value) {
        // Extra text character (the text gained one).
        value = aboveCost + 1;
        start = aboveOrigin;
      }
      if (cost[i - 1]! + 1 < value) {
        // Pattern character missing from the text.
        value = cost[i - 1]! + 1;
        start = origin[i - 1]!;
      }
      cost[i] = value;
      origin[i] = start;
      diagonalCost = aboveCost;
      diagonalOrigin = aboveOrigin;
    }
    const distance = cost[m]!;
    if (distance < best) {
      best = distance;
      matches = [];
    }
    if (distance === best && matches.length < maxMatches && j + 1 > origin[m]!) {
      matches.push({ start: origin[m]!, end: j + 1, distance });
    }
  }
  return matches;
}
