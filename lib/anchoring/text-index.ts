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
  const positions: number[] = [];
  if (needle.length < indexedLength) return positions;
  for (let position = index.heads.get(hashStretch(needle, 0)) ?? -1; position >= 0; position = index.next[position]!) {
    if (index.text.startsWith(needle, position)) positions.push(position);
  }
  return positions;
}
