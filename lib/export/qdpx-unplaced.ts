// An unplaced (orphaned) passage as the body of a REFI-QDA <Note>. QDA-XML has no place for a
// coded passage that is not at any position of its text, and writing it as a PlainTextSelection at
// its last offsets would highlight text it does not belong to. So the writer (qdpx.ts) keeps it as
// a note on its source, and the reader (qdpx-import.ts) gives it back as an orphaned annotation.
// Both use this file, so the format has one definition.
//
// The body is first for people (other tools show it as a memo on the document), then one block for
// the reader, always the last lines of the note:
//
//   Unplaced passage: a text correction left it without a place in this text.
//   Category: Security / TTP sanctuary
//   Blame target: Afghan Taliban                      (one line per attribute value, when given)
//   Coded by: Ana Ahmed                               (when given)
//   Last known text: “refused “written, verifiable guarantees” against the TTP”
//   Note:
//   Key claim, "verbatim" from the delegation         (the note, as many lines as it has; when not empty)
//
//   Parallax unplaced passage
//   category: 11111111-aaaa-4bbb-8ccc-000000000003    the category's code GUID
//   layer: annotator                                  annotator | consensus
//   annotator: 3f1e2d3c-4b5a-4697-8877-665544332211   the annotator's (for consensus: the curator's) user GUID
//   attributes: {"blame-target":"afghan-taliban"}     JSON object, attribute key → option value
//   quote: "refused “written, verifiable …"           JSON string, the last known text
//   note: "Key claim, \"verbatim\" …"                 JSON string
//   prefix: "…"                                       JSON string (W3C TextQuoteSelector context)
//   suffix: "…"                                       JSON string
//   offsets: 117-173                                  where it last was: UTF-16 code units, end
//                                                     exclusive, as Parallax stores them (these are
//                                                     not QDA-XML characters: they no longer point
//                                                     at the quote anyway, and are only a hint)
//   created: 2025-11-02T09:15:00.000Z                 ISO 8601
//   updated: 2025-11-02T09:20:30.500Z
//   selection: <guid>                                 optional: the selectionId it came with
//   coding: <guid>                                    optional: the codingId it came with
//
// Every value of the block is on one line (JSON escapes the line breaks of quotes and notes), so
// the block starts at the last line that reads exactly "Parallax unplaced passage", whatever the
// human part above holds. The reader accepts CRLF or CR line breaks (a tool may rewrite them),
// trailing spaces and blank lines after the block, and keys in any order; it ignores keys it does
// not know, so later versions can add some. A block without category, layer, annotator or quote,
// or with a value that does not parse, is not an unplaced passage (parseUnplacedNote gives null)
// and the note is read as an ordinary memo, so nothing is lost.

export const unplacedMarker = 'Parallax unplaced passage';

export type UnplacedPassage = {
  /** The category's code GUID. */
  categoryId: string;
  layer: 'annotator' | 'consensus';
  /** The annotator's user GUID (for the consensus layer: the curator's). */
  annotatorId: string;
  /** Attribute key → option value. */
  attributes: Record<string, string>;
  /** The last known text of the passage. */
  quote: string;
  note: string;
  prefix?: string;
  suffix?: string;
  /** Where it last was, in UTF-16 code units, end exclusive. */
  start?: number;
  end?: number;
  createdAt?: string;
  updatedAt?: string;
  selectionId?: string;
  codingId?: string;
};

/** What people read above the block: names, not GUIDs. */
export type UnplacedReadable = {
  /** e.g. "Security / TTP sanctuary". */
  categoryPath: string;
  /** e.g. ["Blame target: Afghan Taliban"]. */
  attributeLines?: string[];
  /** e.g. "Ana Ahmed", "Consensus (curated by Chen Li)". */
  coderName?: string;
};

const oneLine = (value: string) => value.replace(/\r\n?|\n/g, ' ');

export function formatUnplacedNote(passage: UnplacedPassage, readable: UnplacedReadable): string {
  const human = [
    'Unplaced passage: a text correction left it without a place in this text.',
    `Category: ${oneLine(readable.categoryPath)}`,
    ...(readable.attributeLines ?? []).map(oneLine),
    ...(readable.coderName !== undefined ? [`Coded by: ${oneLine(readable.coderName)}`] : []),
    `Last known text: “${passage.quote}”`,
    ...(passage.note !== '' ? ['Note:', passage.note] : []),
  ];
  const json = (value: unknown) => JSON.stringify(value);
  const block = [
    unplacedMarker,
    `category: ${passage.categoryId}`,
    `layer: ${passage.layer}`,
    `annotator: ${passage.annotatorId}`,
    // Keys sorted, so the same passage always gives the same text.
    `attributes: ${json(Object.fromEntries(Object.entries(passage.attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))}`,
    `quote: ${json(passage.quote)}`,
    `note: ${json(passage.note)}`,
    ...(passage.prefix !== undefined ? [`prefix: ${json(passage.prefix)}`] : []),
    ...(passage.suffix !== undefined ? [`suffix: ${json(passage.suffix)}`] : []),
    ...(passage.start !== undefined && passage.end !== undefined ? [`offsets: ${passage.start}-${passage.end}`] : []),
    ...(passage.createdAt !== undefined ? [`created: ${passage.createdAt}`] : []),
    ...(passage.updatedAt !== undefined ? [`updated: ${passage.updatedAt}`] : []),
    ...(passage.selectionId !== undefined ? [`selection: ${passage.selectionId}`] : []),
    ...(passage.codingId !== undefined ? [`coding: ${passage.codingId}`] : []),
  ];
  return `${human.join('\n')}\n\n${block.join('\n')}`;
}

function parseJsonString(value: string): string | null {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function parseAttributes(value: string): Record<string, string> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const out: Record<string, string> = {};
  for (const [key, option] of Object.entries(parsed)) {
    if (typeof option !== 'string') return null;
    out[key] = option;
  }
  return out;
}

/** The passage a note's text describes, or null when the text is not (or no longer) such a note. */
export function parseUnplacedNote(text: string): UnplacedPassage | null {
  const lines = text.split(/\r\n?|\n/).map((line) => line.trimEnd());
  const at = lines.lastIndexOf(unplacedMarker);
  if (at === -1) return null;
  const fields = new Map<string, string>();
  for (const line of lines.slice(at + 1)) {
    if (line === '') continue;
    const match = /^([a-z][a-z-]*): ?(.*)$/.exec(line);
    if (!match) return null;
    fields.set(match[1]!, match[2]!);
  }

  const categoryId = fields.get('category')?.trim();
  const layer = fields.get('layer')?.trim();
  const annotatorId = fields.get('annotator')?.trim();
  const quoteField = fields.get('quote');
  if (!categoryId || !annotatorId || (layer !== 'annotator' && layer !== 'consensus') || quoteField === undefined) return null;
  const quote = parseJsonString(quoteField);
  if (quote === null) return null;
  const passage: UnplacedPassage = { categoryId, layer, annotatorId, attributes: {}, quote, note: '' };

  const attributes = fields.get('attributes');
  if (attributes !== undefined) {
    const parsed = parseAttributes(attributes);
    if (parsed === null) return null;
    passage.attributes = parsed;
  }
  for (const key of ['note', 'prefix', 'suffix'] as const) {
    const raw = fields.get(key);
    if (raw === undefined) continue;
    const value = parseJsonString(raw);
    if (value === null) return null;
    passage[key] = value;
  }
  const offsets = fields.get('offsets');
  if (offsets !== undefined) {
    const match = /^\s*(\d+)-(\d+)\s*$/.exec(offsets);
    if (!match) return null;
    const start = Number(match[1]);
    const end = Number(match[2]);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return null;
    passage.start = start;
    passage.end = end;
  }
  const optional = { created: 'createdAt', updated: 'updatedAt', selection: 'selectionId', coding: 'codingId' } as const;
  for (const [key, name] of Object.entries(optional)) {
    const value = fields.get(key)?.trim();
    if (value) passage[name] = value;
  }
  return passage;
}
