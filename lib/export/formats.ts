// The registry of file formats: every fact about a format that more than one place needs, in one
// entry. The export page (its choices and their notes), the export options' validation, the file's
// name, type and extension (render.ts), the import kinds and how a file name suggests one, and the
// command line's help all read it. Client-safe: metadata only; the writers are in render.ts, keyed
// by the same ids, and the readers in lib/data/imports.ts, keyed by the import kinds below.
//
// Adding a format: an entry here, its writer in render.ts (the compiler asks for it: render.ts maps
// every id), and its tests; a format that also imports names its import kinds.

export type FormatInfo = {
  /** What the export page's list calls it. */
  label: string;
  /** One or two sentences under the choice: what the file holds and who reads it. */
  note: string;
  contentType: string;
  extension: string;
  /** The word in the file's name ("pak-afghan-talks-2025-report-2026-11-28.pdf"). */
  fileKind: string;
  /** A report (reads the report model) rather than a data file. */
  report: boolean;
  /** For a format that imports: the file names an upload has (the server checks the content), and the file picker's filter. */
  upload?: { names: RegExp; accept: string };
};

export const fileFormats = {
  html: {
    label: 'Annotated report (HTML)',
    note: 'One page to read in a browser or print: title page, codebook, framing matrix and profiles, agreement, memos, then each article with its passages highlighted and their tags, notes and comments.',
    contentType: 'text/html; charset=utf-8', extension: 'html', fileKind: 'report', report: true,
  },
  pdf: {
    label: 'Annotated report (PDF)',
    note: 'The same report as a PDF, with its fonts embedded and real, selectable text.',
    contentType: 'application/pdf', extension: 'pdf', fileKind: 'report', report: true,
  },
  csv: {
    label: 'Spreadsheet (CSV, one row per annotation)',
    note: 'For spreadsheets and statistics: article, annotator, layer, category, attribute values, offsets, quote, note, times. UTF-8 with a byte-order mark, so Excel reads it right.',
    contentType: 'text/csv; charset=utf-8', extension: 'csv', fileKind: 'annotations', report: false,
  },
  w3c: {
    label: 'W3C Web Annotation (JSON-LD)',
    note: 'Web Annotation Data Model (JSON-LD): every annotation with quote and position selectors, as a paged collection; the texts travel with it, so it imports back into Parallax.',
    contentType: 'application/ld+json; charset=utf-8', extension: 'jsonld', fileKind: 'annotations-w3c', report: false, upload: { names: /\.(jsonld|json)$/i, accept: '.jsonld,.json' },
  },
  qdpx: {
    label: 'REFI-QDA project (.qdpx: ATLAS.ti, MAXQDA, NVivo, QualCoder)',
    note: 'REFI-QDA exchange (QDA-XML 1.0), opened by ATLAS.ti, MAXQDA, NVivo and QualCoder: users, codebook, texts, coded selections and notes.',
    contentType: 'application/zip', extension: 'qdpx', fileKind: 'project', report: false, upload: { names: /\.qdpx$/i, accept: '.qdpx' },
  },
  qdc: {
    label: 'REFI-QDA codebook (.qdc)',
    note: 'The codebook alone (REFI-QDA), for another project or another tool.',
    contentType: 'application/xml; charset=utf-8', extension: 'qdc', fileKind: 'codebook', report: false, upload: { names: /\.(qdc|xml)$/i, accept: '.qdc,.xml' },
  },
} as const satisfies Record<string, FormatInfo>;

export type FormatId = keyof typeof fileFormats;
export const formatIds = Object.keys(fileFormats) as FormatId[];

/**
 * What an upload can become: the format it is read as, and where it goes. qdpx: a REFI-QDA project,
 * into a new project. w3c: a Parallax W3C export, into a new project. annotations: W3C annotations
 * made by other tools (Recogito, Hypothesis…), onto the articles of an existing project. qdc: a
 * REFI-QDA codebook, into an existing project's codebook.
 */
export const importKindInfo = {
  qdpx: { format: 'qdpx', into: 'new-project', label: 'REFI-QDA project (.qdpx)' },
  w3c: { format: 'w3c', into: 'new-project', label: 'Parallax W3C Web Annotation export' },
  annotations: { format: 'w3c', into: 'existing-project', label: 'W3C annotations onto this project’s articles' },
  qdc: { format: 'qdc', into: 'existing-project', label: 'REFI-QDA codebook (.qdc)' },
} as const satisfies Record<string, { format: FormatId; into: 'new-project' | 'existing-project'; label: string }>;

export type ImportKindId = keyof typeof importKindInfo;
export const importKindIds = Object.keys(importKindInfo) as ImportKindId[];

/** The file picker's filter and the name patterns for an upload of these import kinds (the first that matches a name is taken). */
export function uploadChoices(kinds: readonly ImportKindId[]): { accept: string; choices: { kind: ImportKindId; matches: RegExp }[] } {
  const uploads = kinds.map((kind) => ({ kind, upload: (fileFormats[importKindInfo[kind].format] as FormatInfo).upload! }));
  return { accept: [...new Set(uploads.flatMap((u) => u.upload.accept.split(',')))].join(','), choices: uploads.map((u) => ({ kind: u.kind, matches: u.upload.names })) };
}
