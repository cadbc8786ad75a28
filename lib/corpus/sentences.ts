// Sentences of a document's canonical text, as offsets: the units of the sentence-level agreement
// view (each category present or absent per sentence). Pure.
//
// A heading is one unit. A paragraph is split after ".", "!" or "?" (with any closing quotes or
// brackets) when whitespace and then an upper-case letter, a digit or an opening quote follow, except
// after common abbreviations ("Mr.", "Dr.", "e.g.") and single initials ("J. Smith", "U.S."): a
// rule-based splitter is predictable, and reviewers can see exactly where units begin and end.

export type TextUnit = { start: number; end: number };

const abbreviations = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'gen', 'col', 'lt', 'capt', 'sgt', 'maj', 'rev', 'hon', 'pres', 'gov', 'sen', 'rep',
    'amb', 'no', 'vol', 'fig', 'p', 'pp', 'ed', 'eds', 'al', 'etc', 'vs', 'cf', 'e.g', 'i.e', 'approx', 'inc', 'ltd', 'co', 'corp',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  ],
);

// End punctuation, closing quotes/brackets, then whitespace, then what a new sentence starts with.
const boundary = /[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\p{N}])/gu;

/** Whether the "." ending at `dot` (exclusive) closes an abbreviation or an initial, not a sentence. */
function isAbbreviation(text: string, from: number, dot: number): boolean {
  if (text[dot - 1] !== '.') return false;
  let i = dot - 1;
  while (i > from && /[\p{L}.]/u.test(text[i - 1]!)) i--;
  const word = text.slice(i, dot - 1).toLowerCase();
  // Part of a longer token ("3fa2c." or "COVID-19.") is not an abbreviation.
  if (word.length === 0 || (i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1]!))) return false;
  // A single letter ("J.") or dotted letters ("U.S.", "e.g.").
  if (/^\p{L}(\.\p{L})*$/u.test(word)) return true;
  return abbreviations.has(word);
}

/** Trims whitespace off both ends of [start, end). */
function trimmed(text: string, start: number, end: number): TextUnit | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** The sentences of one block of `text` ([start, end)), in order. */
export function splitSentences(text: string, start = 0, end = text.length): TextUnit[] {
  const out: TextUnit[] = [];
  const body = text.slice(start, end);
  let from = 0;
  boundary.lastIndex = 0;
  for (let m = boundary.exec(body); m; m = boundary.exec(body)) {
    const stop = m.index + m[0].length;
    // A closing quote or bracket after the stop ends the sentence ("He said “No.” Then…").
    if (m[0].endsWith('.') && isAbbreviation(body, from, m.index + m[0].length)) continue;
    const unit = trimmed(text, start + from, start + stop);
    if (unit) out.push(unit);
    from = stop;
  }
  const last = trimmed(text, start + from, end);
  if (last) out.push(last);
  return out;
}

/** Every unit of a document: each heading whole, each paragraph by sentence, in text order. */
export function documentSentences(text: string, blocks: readonly { type: 'heading' | 'paragraph'; start: number; end: number }[]): TextUnit[] {
  const out: TextUnit[] = [];
  for (const b of blocks) {
    if (b.type === 'heading') {
      const unit = trimmed(text, b.start, b.end);
      if (unit) out.push(unit);
    } else {
      out.push(...splitSentences(text, b.start, b.end));
    }
  }
  return out;
}
