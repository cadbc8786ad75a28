import { describe, expect, it } from 'vitest';
import { decidePositions, knownReading, namesAreQuotes, placeReadings, toStoredText, type PositionReading } from '@/lib/export/qdpx-positions';

// How a tool counted positions, decided from the text. Each case writes a text and passages the way
// one counting convention would, then checks that the reader finds that convention and places every
// passage on its words.

const words = 'The talks failed 😀 because neither side trusted the other 🙂 and both blamed the border.';

/** The offsets of the passage at `index` in `raw` as a tool counting `reading` would write them. */
function toolOffsets(raw: string, { quote, index }: { quote: string; index: number }, reading: PositionReading, hadBom: boolean): { start: number; end: number } {
  const count = (s: string) => {
    const base = reading.crlf === 'one' ? s.replace(/\r\n/g, '\n') : s;
    if (reading.unit === 'utf16') return base.length;
    if (reading.unit === 'codepoint') return [...base].length;
    return new TextEncoder().encode(base).length;
  };
  const shift = hadBom && reading.bomCounted ? 1 : 0;
  return { start: count(raw.slice(0, index)) + shift, end: count(raw.slice(0, index + quote.length)) + shift };
}

function makeSource(lines: number, crlf: boolean): string {
  return Array.from({ length: lines }, (_, i) => `${i + 1}. ${words}`).join(crlf ? '\r\n' : '\n');
}

/** One passage per line (alternately two phrases), with where it is in `raw` (UTF-16). */
function passages(raw: string): { quote: string; index: number }[] {
  const out: { quote: string; index: number }[] = [];
  let lineStart = 0;
  raw.split(/\r?\n/).forEach((line, i) => {
    const [from, to] = i % 2 === 0 ? [line.indexOf('because'), line.indexOf(' and both')] : [line.indexOf('both'), line.length - 1];
    out.push({ quote: line.slice(from, to), index: lineStart + from });
    lineStart += line.length + (raw.startsWith('\r\n', lineStart + line.length) ? 2 : 1);
  });
  return out;
}
const quotes = (raw: string) => passages(raw).map((p) => p.quote);

describe('decidePositions', () => {
  const readings: [string, PositionReading, boolean, boolean][] = [
    ['UTF-16 code units (NVivo)', { unit: 'utf16', bomCounted: false, crlf: 'two' }, true, true],
    ['code points (Parallax, QualCoder)', { unit: 'codepoint', bomCounted: false, crlf: 'two' }, false, false],
    ['code points, CRLF folded into one', { unit: 'codepoint', bomCounted: false, crlf: 'one' }, true, false],
    ['UTF-16 code units with the byte-order mark counted', { unit: 'utf16', bomCounted: true, crlf: 'two' }, true, true],
    ['UTF-8 bytes', { unit: 'utf8', bomCounted: false, crlf: 'two' }, false, false],
  ];

  it.each(readings)('finds %s from the text alone and places every passage on its words', (_label, reading, crlf, hadBom) => {
    const raw = makeSource(40, crlf);
    const selections = passages(raw).map((q) => toolOffsets(raw, q, reading, hadBom));
    const decision = decidePositions({ source: { raw, hadBom }, selections });
    expect(decision.fits).toBe(true);
    expect(decision.reading).toEqual(reading);
    expect(decision.decidedBy).toBe('text');
    const stored = toStoredText(raw);
    decision.placed.forEach((p, i) => expect(stored.slice(p!.start, p!.end)).toBe(quotes(raw)[i]));
    expect(decision.checks.every((c) => c === 'boundaries')).toBe(true);
  });

  it('takes the producing tool’s known reading when the text cannot tell them apart (no emoji, no CRLF)', () => {
    const raw = 'Plain text with no wide characters at all, and short lines.';
    const selections = [{ start: 0, end: 5 }];
    const nvivo = decidePositions({ source: { raw, hadBom: false }, selections, origin: 'NVivo for Mac 14.23' });
    expect(nvivo.reading).toEqual(knownReading('NVivo for Mac 14.23'));
    expect(nvivo.decidedBy).toBe('no-difference');
    expect(decidePositions({ source: { raw, hadBom: false }, selections, origin: 'Some tool' }).reading.unit).toBe('codepoint');
  });

  it('checks a known tool’s reading against the text: the text wins when it disagrees', () => {
    const raw = makeSource(30, false);
    const codePoints: PositionReading = { unit: 'codepoint', bomCounted: false, crlf: 'two' };
    const selections = passages(raw).map((q) => toolOffsets(raw, q, codePoints, false));
    const decision = decidePositions({ source: { raw, hadBom: false }, selections, origin: 'NVivo for Windows 12.6' });
    expect(decision.reading.unit).toBe('codepoint');
    expect(decision.decidedBy).toBe('text');
  });

  it('uses a selection’s own quote as evidence, and flags a passage whose quote is elsewhere', () => {
    const raw = makeSource(10, false);
    const reading: PositionReading = { unit: 'utf16', bomCounted: false, crlf: 'two' };
    const selections = passages(raw).map((q) => ({ ...toolOffsets(raw, q, reading, false), quote: q.quote }));
    selections[3] = { ...selections[3]!, quote: 'a sentence this article never holds' };
    const decision = decidePositions({ source: { raw, hadBom: false }, selections });
    expect(decision.reading).toEqual(reading);
    expect(decision.checks.filter((c) => c === 'quote')).toHaveLength(9);
    expect(decision.problems[3]).toMatch(/its own text “a sentence this article never holds” is not the text at/);
  });

  it('does not take a reading shifted by one because its quotes still start the same (a byte-order mark QualCoder did not count)', () => {
    // QualCoder writes every text with a byte-order mark and counts code points without it. Shifted
    // by one, a passage that starts after a space loses only its last character, so its quote
    // still "starts" the text; and passages dragged one letter into the next word (as a mouse
    // selection sometimes is) fall on word boundaries only under the shifted reading.
    const raw = 'Kabul shelters the TTP. Islamabad exaggerates it. Doha asked too much. Istanbul asked too soon. Riyadh said nothing at all.';
    const counted: PositionReading = { unit: 'codepoint', bomCounted: false, crlf: 'two' };
    const picks = ['Kabul shelters the TTP. I', 'Islamabad exaggerates it. D', 'Doha asked too much. I', 'Istanbul asked too soon.', 'Riyadh said nothing at all.'];
    const selections = picks.map((quote) => ({ ...toolOffsets(raw, { quote, index: raw.indexOf(quote) }, counted, true), quote }));
    const placements = placeReadings({ raw, hadBom: true }, selections);
    // Without the quotes, the shifted reading puts more ends on word boundaries.
    expect(decidePositions({ source: { raw, hadBom: true }, selections: selections.map((s) => ({ ...s, quote: null })), placements }).reading.bomCounted).toBe(true);
    // The names are quotes under one of the readings, so they are used, and they decide.
    expect(namesAreQuotes(placements, picks)).toBe(true);
    const decision = decidePositions({ source: { raw, hadBom: true }, selections, placements, origin: 'QualCoder 3.6' });
    expect(decision.reading).toEqual(counted);
    expect(decision.placed.map((p) => p && raw.slice(p.start, p.end))).toEqual(picks);
  });

  it('does not take labels for quotes', () => {
    const raw = makeSource(6, false);
    const reading: PositionReading = { unit: 'codepoint', bomCounted: false, crlf: 'two' };
    const selections = passages(raw).map((q) => toolOffsets(raw, q, reading, false));
    expect(namesAreQuotes(placeReadings({ raw, hadBom: false }, selections), selections.map((_, i) => `Passage ${i + 1} of the interview`))).toBe(false);
  });

  it('says no reading fits when every one leaves the passages cutting words', () => {
    const raw = makeSource(30, false);
    // Offsets from nowhere: each passage starts and ends three letters into a word.
    const selections = passages(raw).map((q) => ({ start: q.index + 3, end: q.index + q.quote.length - 2 }));
    const decision = decidePositions({ source: { raw, hadBom: false }, selections });
    expect(decision.fits).toBe(false);
  });

  it('does not call a handful of sloppy selections a misfit', () => {
    const raw = makeSource(3, false);
    const decision = decidePositions({ source: { raw, hadBom: false }, selections: [{ start: 4, end: 9 }, { start: 12, end: 15 }] });
    expect(decision.fits).toBe(true);
  });

  it('reports a passage outside the text instead of placing it', () => {
    const decision = decidePositions({ source: { raw: 'Short text.', hadBom: false }, selections: [{ start: 0, end: 5 }, { start: 6, end: 400 }] });
    expect(decision.placed[1]).toBeNull();
    expect(decision.problems[1]).toMatch(/outside its text/);
  });

  it('stores LF text: CRLF and a lone CR become LF', () => {
    expect(toStoredText('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});
