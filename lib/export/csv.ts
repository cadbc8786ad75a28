// Annotations as a spreadsheet: one row per annotation of either layer, RFC 4180 CSV.
//
// - UTF-8 with a leading byte-order mark: Excel reads a CSV without one in the machine's legacy
//   code page and garbles every non-ASCII letter.
// - CRLF between records (RFC 4180); a line break inside a quoted field is kept as it is.
// - A field is quoted when it holds a comma, a double quote, CR or LF; quotes are doubled.
// - Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts with = + - @
//   (and, in some, tab or CR) as a formula, so an annotated quote or a note such as
//   `=HYPERLINK("http://evil.example", "click")` would act when an analyst opens the file. Such a
//   cell gets a leading apostrophe, which spreadsheets read as "this is text" and do not show.
//   The value in the file is then not byte-identical to the stored one; that is the price.
// - Start and End are Parallax offsets: UTF-16 code units into the document's text, end exclusive
//   (JavaScript's `text.slice(start, end)`); Quote holds the text itself. Unplaced is "yes" for an
//   annotation a text correction left unplaced: its Start and End are where it last was, and its
//   Quote is its last known text.
// - Attribute columns (one per attribute, header = its name) hold the chosen option's label.
import { indexSnapshot } from './snapshot';
import { categoryPaths } from '@/lib/codebook/tree';
import type { ExportAnnotation, ExportSnapshot } from './types';

// A spreadsheet runs a cell as a formula when, after any leading whitespace, it starts with one of
// = + - @ (or their full-width forms, which some spreadsheets fold to ASCII), and treats a leading
// tab, CR or LF as whitespace before such a start. So any of those, after optional whitespace,
// makes the cell text: it is prefixed with an apostrophe (OWASP's advice).
const formulaTrigger = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFE63\uFF20\t\r\n]/u;

/** One cell: neutralised against formula injection, then quoted as RFC 4180 requires. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (formulaTrigger.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function uniqueHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((header) => {
    const count = (seen.get(header) ?? 0) + 1;
    seen.set(header, count);
    return count === 1 ? header : `${header} (${count})`;
  });
}

export function toCsv(snapshot: ExportSnapshot): string {
  const index = indexSnapshot(snapshot);
  const paths = categoryPaths(snapshot.categories);
  const documentOrder = new Map(snapshot.documents.map((d, i) => [d.id, i]));
  const headers = uniqueHeaders([
    'Document ID',
    'Title',
    'Author',
    'Affiliation',
    'Outlet',
    'Published',
    'Source URL',
    'Annotation ID',
    'Layer',
    'Annotator',
    'Category',
    ...snapshot.attributes.map((a) => a.name),
    'Start',
    'End',
    'Unplaced',
    'Quote',
    'Note',
    'Created',
    'Updated',
  ]);

  const byReadingOrder = (a: ExportAnnotation, b: ExportAnnotation) =>
    (documentOrder.get(a.documentId) ?? 0) - (documentOrder.get(b.documentId) ?? 0) ||
    a.start - b.start ||
    a.end - b.end ||
    (a.layer === b.layer ? 0 : a.layer === 'ANNOTATOR' ? -1 : 1) ||
    (index.users.get(a.annotatorId)?.name ?? '').localeCompare(index.users.get(b.annotatorId)?.name ?? '') ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  const rows = [...snapshot.annotations].sort(byReadingOrder).map((a) => {
    const document = index.documents.get(a.documentId);
    const attributeLabels = snapshot.attributes.map((attribute) => {
      const value = a.attributes[attribute.key];
      return value === undefined ? null : (attribute.options.find((o) => o.value === value)?.label ?? value);
    });
    return [
      a.documentId,
      document?.title,
      document?.author,
      document?.authorAffiliation,
      document?.outlet,
      document?.publishedOn,
      document?.sourceUrl,
      a.id,
      a.layer === 'CONSENSUS' ? 'consensus' : 'annotator',
      index.users.get(a.annotatorId)?.name,
      paths.get(a.categoryId),
      ...attributeLabels,
      a.start,
      a.end,
      a.orphaned ? 'yes' : null,
      a.quote,
      a.note === '' ? null : a.note,
      a.createdAt,
      a.updatedAt,
    ];
  });

  const lines = [headers, ...rows].map((cells) => cells.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
