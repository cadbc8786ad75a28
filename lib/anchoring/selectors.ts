// Text selectors: an annotation's offsets plus the quote and its surrounding context, as in the
// W3C Web Annotation TextPositionSelector (start/end) and TextQuoteSelector (exact/prefix/suffix).
// Offsets are UTF-16 code units into the canonical text, end exclusive (`text.slice(start, end)`).

export const contextLength = 32;

export type Anchor = { start: number; end: number; quote: string; prefix: string; suffix: string };
export type SpanInput = { start: number; end: number; quote?: string };
export type SpanValidation = { ok: true; anchor: Anchor } | { ok: false; problems: string[] };

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Whether `index` falls between the two code units of one character (an emoji, say). */
export function isInsideSurrogatePair(text: string, index: number): boolean {
  return index > 0 && index < text.length && isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index));
}

/**
 * The selector for `text.slice(start, end)`. The context is cut short rather than split a
 * surrogate pair: a lone half would not survive a round trip through UTF-8 (PostgreSQL, JSON
 * encoders), and the stored prefix would then never match again.
 */
export function describeSpan(text: string, start: number, end: number, context = contextLength): Anchor {
  let prefixStart = Math.max(0, start - context);
  if (isInsideSurrogatePair(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, end + context);
  if (isInsideSurrogatePair(text, suffixEnd)) suffixEnd--;
  return {
    start,
    end,
    quote: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
  };
}

/** Shortens a string for a message, keeping both ends, and quotes it with JSON escapes ("\n"). */
export function quoteForMessage(value: string, maxLength = 60): string {
  if (value.length <= maxLength) return JSON.stringify(value);
  let headEnd = Math.ceil((maxLength - 1) * 0.6);
  if (isInsideSurrogatePair(value, headEnd)) headEnd--;
  let tailStart = value.length - (maxLength - 1 - headEnd);
  if (isInsideSurrogatePair(value, tailStart)) tailStart++;
  return JSON.stringify(`${value.slice(0, headEnd)}…${value.slice(tailStart)}`);
}

function findNearest(text: string, quote: string, near: number): number {
  const before = text.lastIndexOf(quote, near);
  const after = text.indexOf(quote, near);
  if (before === -1) return after;
  if (after === -1) return before;
  return near - before <= after - near ? before : after;
}

/**
 * Checks a span sent by a client (editor or REST API) against the document text. Problems are
 * sentences meant for the person who sent the span, so they name the offending values.
 */
export function validateSpan(text: string, span: SpanInput): SpanValidation {
  const { start, end, quote } = span;
  const problems: string[] = [];
  const length = text.length;
  const startIsWhole = Number.isSafeInteger(start) && start >= 0;
  const endIsWhole = Number.isSafeInteger(end) && end >= 0;
  if (!startIsWhole) problems.push('start must be a whole number ≥ 0');
  else if (start > length) problems.push(`start offset ${start} is past the document's length ${length}`);
  if (!endIsWhole) problems.push('end must be a whole number ≥ 0');
  else if (end > length) problems.push(`end offset ${end} is past the document's length ${length}`);
  if (startIsWhole && endIsWhole && end <= start) problems.push(`end (${end}) must be after start (${start})`);
  if (problems.length > 0) return { ok: false, problems };

  for (const [name, offset] of [['start', start], ['end', end]] as const) {
    if (isInsideSurrogatePair(text, offset)) {
      problems.push(
        `${name} (${offset}) splits the character ${JSON.stringify(text.slice(offset - 1, offset + 1))} in two: ` +
          'offsets count UTF-16 code units, as JavaScript string indices do, and this character takes two',
      );
    }
  }
  const actual = text.slice(start, end);
  if (quote !== undefined && quote !== actual) {
    let problem =
      `the quote does not match the text at ${start}–${end}: ` +
      `the text there is ${quoteForMessage(actual)} but the quote is ${quoteForMessage(quote)}`;
    const found = quote === '' ? -1 : findNearest(text, quote, start);
    if (found !== -1) problem += ` (the quote occurs at ${found}–${found + quote.length})`;
    problems.push(problem);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, anchor: describeSpan(text, start, end) };
}
