// Where each 16-character stretch of a text occurs, so that many quotes can be looked up in one
// text without scanning it once per quote. Built lazily by reanchor, only when some quote has to
// be searched for outside its expected neighbourhood.

export const indexedLength = 16;

export type TextIndex = { text: string; heads: Map<number, number>; next: Int32Array };

function hashStretch(text: string, from: number): number {
  let hash = 0;
  for (let index = from; index < from + indexedLength; index++) hash = (Math.imul(hash, 31) + text.charCodeAt(index)) | 0;
  return hash & 0x3fffffff;
}

export function indexText(text: string): TextIndex {
  const heads = new Map<number, number>();
  const next = new Int32Array(Math.max(0, text.length - indexedLength + 1)).fill(-1);
  // Inserted back to front so that each chain lists positions in ascending order.
  for (let position = next.length - 1; position >= 0; position--) {
    const key = hashStretch(text, position);
    const head = heads.get(key);
    if (head !== undefined) next[position] = head;
    heads.set(key, position);
  }
  return { text, heads, next };
}

/** Every position where `needle` (at least indexedLength long) occurs, in ascending order. */
export function findAllIndexed(index: TextIndex, needle: string): number[] {
  const found = findAllIndexedBounded(index, needle, { limit: Infinity, maxWork: Infinity });
  return Array.isArray(found) ? found : [];
}

/**
 * The same, but stopped early: 'too-many' past `limit` positions, 'too-costly' once the candidates
 * compared would cost more than `maxWork` characters (a long quote over a repetitive text: each
 * candidate of the chain is compared over the whole quote). `spend` is told each comparison's
 * cost, for a budget shared across searches; returning false stops the search as too costly.
 */
export function findAllIndexedBounded(
  index: TextIndex,
  needle: string,
  bounds: { limit: number; maxWork: number; spend?: (characters: number) => boolean },
): number[] | 'too-many' | 'too-costly' {
  const positions: number[] = [];
  if (needle.length < indexedLength) return positions;
  let work = 0;
  for (let position = index.heads.get(hashStretch(needle, 0)) ?? -1; position >= 0; position = index.next[position]!) {
    work += needle.length;
    if (work > bounds.maxWork || (bounds.spend && !bounds.spend(needle.length))) return 'too-costly';
    if (index.text.startsWith(needle, position)) {
      if (positions.length === bounds.limit) return 'too-many';
      positions.push(position);
    }
  }
  return positions;
}
