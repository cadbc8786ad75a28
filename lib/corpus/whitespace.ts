/**
 * Whitespace is the only thing the cleaner may change inside the authors' sentences, so all of
 * the "may change" lives here.
 *
 * A single no-break space (U+00A0, U+202F, U+2007) between words is kept: authors and CMSs use it
 * on purpose ("Greater Afghanistan" with a narrow no-break space) and annotations quote the text
 * verbatim. Runs of whitespace, tabs and other separators collapse to one ordinary space.
 */
const keptSingleSpaces = new Set([' ', '\u00A0', '\u202F', '\u2007']);

export function normaliseSource(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029\u0085]/g, '\n');
}

export function normaliseInline(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\uFEFF/g, '')
    .replace(/\s+/g, (run) => (run.length === 1 && keptSingleSpaces.has(run) ? run : ' '))
    .replace(/^\s+|\s+$/g, '');
}

export function isBlank(text: string): boolean {
  return normaliseInline(text) === '';
}
