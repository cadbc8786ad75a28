// Plain inputs and outputs of the agreement measures, and the one convention they all share:
// a measure that is not defined for its input (one coder, nothing pairable, no variation, no
// spans) returns NaN, never a made-up 0 or 1. `isComputable` and `formatAgreement` are how the UI
// and the CLI show that, so both say the same thing.

/** A coded value: a category label or a number. `1` and `"1"` are different values. */
export type CodedValue = string | number;

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export type KappaWeights = 'none' | 'linear' | 'quadratic';

/** A labelled span of text: UTF-16 offsets into the document, end exclusive. */
export type Span = { start: number; end: number; category: string };

/** A span with the name of the coder who made it (what `lib/data` turns annotation rows into). */
export type CoderSpan = Span & { coder: string };

/** The stretch of text the coders were asked to unitize, end exclusive. */
export type Continuum = { start: number; end: number };

export type UnitizedAlphaResult = { overall: number; byCategory: Record<string, number> };

export type SpanMatch = 'exact' | 'overlap';

export type SpanF1Result = { precision: number; recall: number; f1: number };

/** False for the NaN a measure returns when it is not defined for its input (and for ±Infinity). */
export function isComputable(x: number): boolean {
  return Number.isFinite(x);
}

/** `x` to `digits` decimals, or "not computable" for NaN: the wording the UI and CLI share. */
export function formatAgreement(x: number, digits = 3): string {
  if (!isComputable(x)) return 'not computable';
  const text = x.toFixed(digits);
  // A rounding residue such as −2e−16 (αu of 0 computed as 1 − uDo/uDe) would print "-0.000".
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

/**
 * The order used wherever values need ranks (ordinal alpha, weighted kappa): numbers first, in
 * numeric order, then strings by Unicode code point.
 */
export function compareCodedValues(a: CodedValue, b: CodedValue): number {
  if (typeof a === 'number') {
    return typeof b === 'number' ? a - b : -1;
  }
  if (typeof b === 'number') return 1;
  return compareByCodePoint(a, b);
}

function isSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xd800 && codeUnit <= 0xdfff;
}

// `<` on strings compares UTF-16 code units, which puts astral characters (surrogate pairs)
// before U+E000–U+FFFF; code point order puts them after. Only the first differing unit matters.
function compareByCodePoint(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x === y) continue;
    const xSurrogate = isSurrogate(x);
    if (xSurrogate !== isSurrogate(y)) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Throws unless `value` is a string or a finite number; `where` names it in the message. */
export function assertCodedValue(value: unknown, where: string): asserts value is CodedValue {
  if (typeof value === 'string') return;
  if (typeof value === 'number' && Number.isFinite(value)) return;
  throw new RangeError(`${where} is ${String(value)}; values must be strings or finite numbers`);
}
