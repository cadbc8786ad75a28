// How another tool counted the positions of its coded passages, decided per source and checked
// against the text.
//
// REFI-QDA says a PlainTextSelection's startPosition and endPosition count "characters" of the
// source's plain text, but the tools that write it do not agree on what a character is, and the
// file does not say:
// - NVivo (Windows and Mac) counts UTF-16 code units, so every emoji (two code units) moves the
//   passages after it by one for a reader that counts code points;
// - Parallax (and Python tools such as QualCoder) count Unicode code points;
// - a text file may start with a byte-order mark that a tool counted as a character, and may end
//   its lines with CRLF, which a tool may have counted as two characters or folded into one.
// Parallax stores texts with LF line ends, so every reading is converted into UTF-16 offsets of
// the LF text.
//
// The decision: every reading that gives a different placement of the source's passages is scored
// by how many passage ends fall on word boundaries (coders select words; a shifted reading cuts
// them), and, where a passage carries its own text (a selection name or description that quotes
// it), by how many of those quotes the text at the offsets matches. The best-scoring reading wins;
// when readings score the same, the one the producing tool is known to use (from the file's
// `origin`), then the standard's (code points), is taken. The choice is then checked: when the
// winner still leaves most passages cutting words, or contradicts their own quotes, no reading
// fits, and the caller must not import those passages as if it did.

export type PositionUnit = 'utf16' | 'codepoint' | 'utf8';

export type PositionReading = {
  unit: PositionUnit;
  /** The file starts with a byte-order mark that the tool counted as the first character. */
  bomCounted: boolean;
  /** How the tool counted a CRLF line end: as two characters, or as one (it folded them). */
  crlf: 'two' | 'one';
};

const unitNames: Record<PositionUnit, string> = { utf16: 'UTF-16 code units', codepoint: 'Unicode code points', utf8: 'UTF-8 bytes' };

/** "UTF-16 code units, byte-order mark not counted, CRLF as two characters" (parts that apply only). */
export function describeReading(reading: PositionReading, text: { hadBom: boolean; hasCrlf: boolean }): string {
  const parts = [unitNames[reading.unit]];
  if (text.hadBom) parts.push(reading.bomCounted ? 'byte-order mark counted' : 'byte-order mark not counted');
  if (text.hasCrlf) parts.push(reading.crlf === 'two' ? 'CRLF as two characters' : 'CRLF as one');
  return parts.join(', ');
}

/** What the producing tool is known to count, from its `origin` ("NVivo for Windows 12.6"). */
export function knownReading(origin: string | null | undefined): PositionReading | null {
  if (!origin) return null;
  if (/^nvivo\b/i.test(origin.trim())) return { unit: 'utf16', bomCounted: false, crlf: 'two' };
  if (/^(parallax|qualcoder)\b/i.test(origin.trim())) return { unit: 'codepoint', bomCounted: false, crlf: 'two' };
  return null;
}

export type SourceText = {
  /** The decoded text, byte-order mark removed, line ends as the file has them. */
  raw: string;
  hadBom: boolean;
};

/** The text as Parallax stores it: CRLF and lone CR become LF. */
export function toStoredText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n');
}

export type SelectionPosition = {
  start: number;
  end: number;
  /**
   * Text the file says the passage holds, when it says (a selection's name or description that
   * quotes it); a "…" at its end marks a quote cut short.
   */
  quote?: string | null;
};

export type PlacedPassage = { start: number; end: number };

export type PassageCheck = 'quote' | 'boundaries' | 'unverified';

export type PositionDecision = {
  reading: PositionReading;
  label: string;
  /** The stored (LF) text the offsets below point into. */
  text: string;
  /** Per selection: UTF-16 offsets into `text`, or null where the selection is outside it. */
  placed: (PlacedPassage | null)[];
  /**
   * Per selection: how its placement was verified — its own quote matches the text there, or
   * both its ends fall on word boundaries; `unverified` when neither.
   */
  checks: PassageCheck[];
  /** Per selection: why it does not fit (its quote says otherwise, or it is outside the text). */
  problems: (string | null)[];
  /** False when no reading fits the passages (see the header). */
  fits: boolean;
  /** Readings that placed passages differently, with their scores, best first (for the summary). */
  considered: { label: string; score: number; quotesMatched: number }[];
  /** Whether the reading was the producing tool's known one, or chosen by the text. */
  decidedBy: 'text' | 'origin' | 'no-difference';
};

const candidateReadings = (hadBom: boolean, hasCrlf: boolean): PositionReading[] => {
  const readings: PositionReading[] = [];
  for (const unit of ['codepoint', 'utf16', 'utf8'] as const) {
    for (const bomCounted of hadBom ? [false, true] : [false]) {
      for (const crlf of hasCrlf ? (['two', 'one'] as const) : (['two'] as const)) readings.push({ unit, bomCounted, crlf });
    }
  }
  return readings;
};

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * UTF-16 indices of `base` for sorted, distinct offsets counted in `unit` (one sweep of the text).
 * An offset that falls inside a character (half a surrogate pair, inside a UTF-8 sequence) or past
 * the end maps to -1. `plain` says the text has no surrogates (then code points are UTF-16 units)
 * and whether it is ASCII (then UTF-8 bytes are too), so those readings need no sweep.
 */
function unitsToIndices(base: string, unit: PositionUnit, sortedOffsets: readonly number[], plain: { noSurrogates: boolean; ascii: boolean }): Map<number, number> {
  const out = new Map<number, number>();
  if (unit === 'utf16' || (unit === 'codepoint' && plain.noSurrogates) || (unit === 'utf8' && plain.ascii)) {
    for (const offset of sortedOffsets) {
      const insidePair = offset > 0 && offset < base.length && isLowSurrogate(base.charCodeAt(offset)) && isHighSurrogate(base.charCodeAt(offset - 1));
      out.set(offset, offset > base.length || insidePair ? -1 : offset);
    }
    return out;
  }
  // The sweep reads UTF-16 units (charCodeAt, not codePointAt: it runs over every character of
  // every source, and is most of an import's reading time).
  const utf8 = unit === 'utf8';
  let next = 0;
  let counted = 0;
  let index = 0;
  while (next < sortedOffsets.length && index <= base.length) {
    const target = sortedOffsets[next]!;
    if (target === counted) {
      out.set(target, index);
      next++;
      continue;
    }
    if (target < counted) {
      out.set(target, -1); // inside the previous character
      next++;
      continue;
    }
    if (index === base.length) break;
    const c = base.charCodeAt(index);
    if (isHighSurrogate(c) && index + 1 < base.length && isLowSurrogate(base.charCodeAt(index + 1))) {
      counted += utf8 ? 4 : 1;
      index += 2;
    } else {
      // A lone surrogate counts as one code point, and as the three bytes of its code unit.
      counted += utf8 ? (c < 0x80 ? 1 : c < 0x800 ? 2 : 3) : 1;
      index += 1;
    }
  }
  for (; next < sortedOffsets.length; next++) out.set(sortedOffsets[next]!, -1);
  return out;
}

/** Maps UTF-16 indices of the raw text (with CRs) to the stored text (LF only). */
function rawToStored(raw: string): (index: number) => number {
  const crs: number[] = [];
  for (let i = raw.indexOf('\r'); i !== -1; i = raw.indexOf('\r', i + 1)) if (raw[i + 1] === '\n') crs.push(i);
  return (index) => {
    // Each CR of a CRLF before `index` disappears; an index between CR and LF lands on the LF.
    let low = 0;
    let high = crs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (crs[middle]! < index) low = middle + 1;
      else high = middle;
    }
    return index - low;
  };
}

function place(source: SourceText, stored: string, reading: PositionReading, selections: readonly SelectionPosition[], plain: { raw: Plain; stored: Plain }): (PlacedPassage | null)[] {
  const shift = reading.bomCounted ? 1 : 0;
  const base = reading.crlf === 'two' ? source.raw : stored;
  const offsets = [...new Set(selections.flatMap((s) => [Math.max(0, s.start - shift), Math.max(0, s.end - shift)]))].sort((a, b) => a - b);
  const indices = unitsToIndices(base, reading.unit, offsets, reading.crlf === 'two' ? plain.raw : plain.stored);
  const toStored = reading.crlf === 'two' ? rawToStored(source.raw) : (i: number) => i;
  return selections.map((s) => {
    const start = indices.get(Math.max(0, s.start - shift)) ?? -1;
    const end = indices.get(Math.max(0, s.end - shift)) ?? -1;
    if (start < 0 || end < 0) return null;
    const placed = { start: toStored(start), end: toStored(end) };
    return placed.end > placed.start ? placed : null;
  });
}

type Plain = { noSurrogates: boolean; ascii: boolean };
const plainness = (text: string): Plain => ({ noSurrogates: !/[\uD800-\uDFFF]/.test(text), ascii: !/[^\x00-\x7f]/.test(text) });

/**
 * Where every candidate reading puts a source's passages, readings that agree taken together.
 * Quotes play no part here, so a second decision on the same positions (with the selections'
 * names as quotes, qdpx-import.ts) reuses it instead of sweeping the text again.
 */
export type Placements = {
  stored: string;
  textInfo: { hadBom: boolean; hasCrlf: boolean };
  groups: { readings: PositionReading[]; placed: (PlacedPassage | null)[]; key: string }[];
};

export function placeReadings(source: SourceText, selections: readonly Pick<SelectionPosition, 'start' | 'end'>[]): Placements {
  const stored = toStoredText(source.raw);
  const textInfo = { hadBom: source.hadBom, hasCrlf: source.raw.includes('\r\n') };
  const plainStored = plainness(stored);
  const plain = { stored: plainStored, raw: textInfo.hasCrlf ? plainness(source.raw) : plainStored };
  // Readings that place every passage the same way are one candidate.
  const groups: Placements['groups'] = [];
  for (const reading of candidateReadings(textInfo.hadBom, textInfo.hasCrlf)) {
    const placed = place(source, stored, reading, selections, plain);
    const key = placed.map((p) => (p === null ? '-' : `${p.start}:${p.end}`)).join(',');
    const group = groups.find((g) => g.key === key);
    if (group) group.readings.push(reading);
    else groups.push({ readings: [reading], placed, key });
  }
  return { stored, textInfo, groups };
}

const wordChar = /[\p{L}\p{N}\p{M}]/u;
const isWord = (text: string, index: number) => index >= 0 && index < text.length && wordChar.test(text[index]!);

/** Both ends on word boundaries: the passage does not start or end inside a word. */
function onBoundaries(text: string, p: PlacedPassage): number {
  const startOk = !isWord(text, p.start - 1) || !isWord(text, p.start);
  const endOk = !isWord(text, p.end) || !isWord(text, p.end - 1);
  return (startOk ? 1 : 0) + (endOk ? 1 : 0);
}

const squash = (value: string) => value.replace(/[\s\u00a0]+/g, ' ').replace(/[“”„]/g, '"').replace(/[‘’]/g, "'").trim().toLowerCase();

type WantedQuote = { exact: string; wanted: string; truncated: boolean } | null;

/** A selection's quote as evidence: null when it has none worth comparing (empty, or too short to tell anything). */
function wantedQuote(quote: string | null | undefined): WantedQuote {
  if (!quote) return null;
  const truncated = /(…|\.\.\.)\s*$/.test(quote);
  const wanted = squash(truncated ? quote.replace(/(…|\.\.\.)\s*$/, '') : quote);
  return wanted.length < 4 ? null : { exact: quote.replace(/\r\n?/g, '\n'), wanted, truncated };
}

/**
 * How well the text at the placement matches a selection's quote: 'exact' (character for
 * character), 'equal' (the same once spaces, quote marks and case are evened out, as an XML
 * attribute's line ends become spaces), 'prefix' (one starts the other: a name cut short, with or
 * without "…"), or 'miss'; null when there is no quote to compare.
 *
 * The grades matter: evened out, a reading shifted by one character (a byte-order mark counted
 * that the tool did not count) still starts most quotes, since the space before a passage is
 * trimmed and only its last character is lost. QualCoder writes every text with a byte-order mark
 * and counts without it; scoring a prefix like an exact match let the shifted reading win on
 * 161 of 753 passages of a real QualCoder 3.6 project.
 */
type QuoteMatch = 'exact' | 'equal' | 'prefix' | 'miss';
function quoteMatch(text: string, p: PlacedPassage | null, quote: WantedQuote): QuoteMatch | null {
  if (quote === null) return null;
  if (p === null) return 'miss';
  const slice = text.slice(p.start, p.end);
  if (!quote.truncated && slice === quote.exact) return 'exact';
  const actual = squash(slice);
  if (!quote.truncated && actual === quote.wanted) return 'equal';
  return actual.startsWith(quote.wanted) || (!quote.truncated && actual.length > 0 && quote.wanted.startsWith(actual)) ? 'prefix' : 'miss';
}

/** A quote's weight in a reading's score: it says exactly where the passage is, more than a boundary does. */
const quoteWeight: Record<QuoteMatch, number> = { exact: 6, equal: 5, prefix: 2, miss: -4 };

/**
 * Whether a source's selection names are quotes of their passages (ATLAS.ti and QualCoder name a
 * selection by its text; other tools by a label): true when, under some candidate reading, most
 * names of four characters or more match the text at their passage. Asked under every reading,
 * not only the one the positions alone chose: when that one is shifted, the names are what show it.
 */
export function namesAreQuotes(placements: Placements, names: readonly (string | null | undefined)[]): boolean {
  const quotes = names.map((n) => wantedQuote(n?.trim()));
  const candidates = quotes.filter((q) => q !== null).length;
  if (candidates === 0) return false;
  return placements.groups.some((g) => {
    let matched = 0;
    g.placed.forEach((p, i) => {
      const m = quoteMatch(placements.stored, p, quotes[i] ?? null);
      if (m !== null && m !== 'miss') matched++;
    });
    return matched * 2 >= candidates;
  });
}

const sameReading = (a: PositionReading, b: PositionReading) => a.unit === b.unit && a.bomCounted === b.bomCounted && a.crlf === b.crlf;

/** Share of passage ends on word boundaries below which a reading is said not to fit. */
const minimumBoundaryShare = 0.6;
/** Fewer passages than this cannot show that a reading does not fit (a few sloppy selections can). */
const minimumEvidence = 5;

export function decidePositions(input: { source: SourceText; selections: readonly SelectionPosition[]; origin?: string | null; placements?: Placements }): PositionDecision {
  const { source, selections } = input;
  const { stored, textInfo, groups } = input.placements ?? placeReadings(source, selections);
  const known = knownReading(input.origin);
  const standard: PositionReading = { unit: 'codepoint', bomCounted: false, crlf: 'two' };

  // Each quote is normalised once, not once per reading.
  const quotes = selections.map((s) => wantedQuote(s.quote));
  const scored = groups.map((g) => {
    let boundaries = 0;
    let quotesMatched = 0;
    let quotesMissed = 0;
    let outside = 0;
    let quoteScore = 0;
    g.placed.forEach((p, i) => {
      if (p === null) outside++;
      else boundaries += onBoundaries(stored, p);
      const q = quoteMatch(stored, p, quotes[i] ?? null);
      if (q === null) return;
      quoteScore += quoteWeight[q];
      if (q === 'miss') quotesMissed++;
      else quotesMatched++;
    });
    const score = boundaries + quoteScore - 4 * outside;
    return { ...g, score, boundaries, quotesMatched, quotesMissed, outside };
  });
  const rank = (g: (typeof scored)[number]) =>
    (known && g.readings.some((r) => sameReading(r, known)) ? 2 : 0) + (g.readings.some((r) => sameReading(r, standard)) ? 1 : 0);
  scored.sort((a, b) => b.score - a.score || rank(b) - rank(a));
  const best = scored[0]!;
  const tied = scored.filter((g) => g.score === best.score).length > 1;
  const reading = (known && best.readings.find((r) => sameReading(r, known))) || best.readings.find((r) => sameReading(r, standard)) || best.readings[0]!;
  const decidedBy: PositionDecision['decidedBy'] = scored.length === 1 ? 'no-difference' : tied ? 'origin' : 'text';

  const checks: PassageCheck[] = [];
  const problems: (string | null)[] = [];
  best.placed.forEach((p, i) => {
    const match = quoteMatch(stored, p, quotes[i] ?? null);
    const q = match === null ? null : match !== 'miss';
    if (p === null) {
      checks.push('unverified');
      problems.push(`positions ${selections[i]!.start}–${selections[i]!.end} are outside its text`);
    } else if (q === false) {
      checks.push('unverified');
      problems.push(`its own text “${clip(selections[i]!.quote ?? '')}” is not the text at ${selections[i]!.start}–${selections[i]!.end} (“${clip(stored.slice(p.start, p.end))}”)`);
    } else {
      checks.push(q === true ? 'quote' : onBoundaries(stored, p) === 2 ? 'boundaries' : 'unverified');
      problems.push(null);
    }
  });

  const placedCount = best.placed.filter((p) => p !== null).length;
  const boundaryShare = placedCount === 0 ? 1 : best.boundaries / (2 * placedCount);
  const quoteEvidence = best.quotesMatched + best.quotesMissed;
  const fits =
    (selections.length < minimumEvidence || boundaryShare >= minimumBoundaryShare || best.quotesMatched > best.quotesMissed) &&
    (quoteEvidence === 0 || best.quotesMatched >= best.quotesMissed);

  return {
    reading,
    label: describeReading(reading, textInfo),
    text: stored,
    placed: best.placed,
    checks,
    problems,
    fits,
    considered: scored.map((g) => ({
      label: describeReading((known && g.readings.find((r) => sameReading(r, known))) || g.readings[0]!, textInfo),
      score: g.score,
      quotesMatched: g.quotesMatched,
    })),
    decidedBy,
  };
}

function clip(value: string): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length <= 40 ? line : `${line.slice(0, 39)}…`;
}
