// Where the workspace's keys go: the ranges a selection becomes, and the annotations the caret is
// in or steps to. Plain functions over offsets of the canonical text, so that the keyboard rules
// are tested without a browser.

export type TextRange = { start: number; end: number };
export type Placed = { id: string; start: number; end: number; categoryId: string };

/** Selections often catch a neighbouring space; an annotation starts and ends on text. */
export function trimRange(text: string, start: number, end: number): TextRange {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

const wordChar = /[\p{L}\p{N}'’-]/u;

/**
 * A selection that starts or ends inside a word is widened to the whole word: analysts mean words,
 * not letters (INCEpTION calls this snapping to tokens). Mouse and keyboard selections both snap;
 * with Alt held the exact characters are kept.
 */
export function snapToWords(text: string, start: number, end: number): TextRange {
  while (start > 0 && wordChar.test(text[start - 1]!) && wordChar.test(text[start]!)) start--;
  while (end < text.length && wordChar.test(text[end]!) && wordChar.test(text[end - 1]!)) end++;
  return { start, end };
}

/**
 * The annotations the caret at `offset` is in, innermost (shortest) first. A caret at a passage's
 * end counts as in it: that is where the caret lands right after tagging it.
 */
export function annotationsAt<T extends Placed>(annotations: readonly T[], offset: number): T[] {
  return annotations
    .filter((a) => a.start <= offset && offset <= a.end && a.end > a.start)
    .sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start);
}

/**
 * The next (or previous) annotation from the caret, in text order: the first that starts after
 * `offset` (or the last that starts before it). `current` is the annotation the caret is on, so
 * that stepping from it moves past others that start at the same place, in a stable order.
 * With `categoryId`, only annotations of that category count.
 */
export function stepAnnotation<T extends Placed>(
  annotations: readonly T[],
  from: { offset: number; currentId?: string },
  direction: 1 | -1,
  categoryId?: string,
): T | null {
  const ordered = annotations.filter((a) => categoryId === undefined || a.categoryId === categoryId).sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
  if (ordered.length === 0) return null;
  const at = from.currentId ? ordered.findIndex((a) => a.id === from.currentId) : -1;
  if (at >= 0) return ordered[at + direction] ?? null;
  if (direction === 1) return ordered.find((a) => a.start > from.offset) ?? null;
  return ordered.findLast((a) => a.start < from.offset) ?? null;
}

/** The first words of a note, for a list where the whole note would not fit. */
export function firstWords(text: string, words = 8): string {
  const all = text.trim().split(/\s+/).filter(Boolean);
  return all.length <= words ? all.join(' ') : `${all.slice(0, words).join(' ')}…`;
}
