// Reads a REFI-QDA project file (.qdpx) into a snapshot and a summary of what it will import.
// The mapping is the one qdpx.ts describes, read back; files from other tools are read as they
// really are, which is looser than the standard:
//
// - The archive: project.qde at its root (any case), texts under Sources/, sources/ or any other
//   spelling, named by plainTextPath as internal://<file>, as a path relative to the archive or to
//   the project's basePath, or as a file:// URL whose file name the archive holds. Entries are
//   inflated only when a source or note needs them, and counted as they inflate (archive.ts).
// - Namespaces: urn:QDA-XML:project:1.0 and the variants tools write (…:project:1:0, …:0:4), or
//   none; a codebook inside the project may declare its own.
// - Texts: UTF-8 with or without a byte-order mark, UTF-16 with one, Windows-1252 when the bytes
//   are not UTF-8 (said in the summary); CRLF and CR become LF, as Parallax stores texts. Inline
//   PlainTextContent is read as well. A source whose text is empty or only white space does not
//   come in (the summary lists it): there is nothing to code in it.
// - Positions: decided per source by qdpx-positions.ts (UTF-16 units or code points, byte-order
//   mark counted or not, CRLF as one or two) and checked against the text. A passage that does not
//   fit (its own quote says otherwise, it lies outside the text, or no reading fits its source)
//   comes in unplaced (orphaned): kept, listed in the summary and on its document for the user to
//   re-attach, never highlighted on text it does not belong to.
// - Coders: a passage belongs to the user who made its Coding (the element that carries the
//   code), else to the selection's creatingUser. A selection coded with several codes becomes one
//   annotation per code, all keeping the selection's GUID (selectionId) and their Coding's GUID.
//   A user the file names but does not declare becomes a person "Unknown coder (<guid>)", with a
//   warning.
// - Notes: a selection's Description is its annotation's note; its NoteRefs become comments on it
//   (but for Parallax's own note, recognised by its derived GUID), on each of its passages when it
//   has several. A NoteRef inside a category's Coding is a comment on that passage alone, or its
//   note when the GUID is the one qdpx.ts derives from the Coding's (codingNoteGuid): then the
//   selection's Description, which only joins such notes for other tools, is not read; notes referenced from a source
//   become that document's memo and from the project (or from nowhere) the project memo — several
//   of them are joined into one memo, each under its name, as the summary says.
// - Sets: a Set of sources is a document group, a Set of codes a category group.
// - GUIDs are kept as the file spells them: they are the snapshot's ids, stored beside Parallax's
//   own ids, and written back by the next export.
// - Every name, description and note is kept whole. A value longer than Parallax's limit
//   (lib/validations/limits.ts) refuses the file with the field and the limit. Metadata values a
//   form would refuse (a source URL that is not http(s), a date that is not a real date) do not
//   come in, and the summary lists them.
// - What Parallax has no place for (pictures, PDFs without a text representation, audio and video,
//   whole-source codings, selections with no code, cases, links, graphs, other variables, memos on
//   codes) is listed in the summary's "not imported", with counts and examples.
// Broken references (a selection past its text's end, a Coding of a code that is not in the
// codebook, a GUID used twice) are refused with an ImportError naming the element.
import { z } from 'zod';
import { realDateTime as realDateTimeOf } from '@/lib/validations/dates';
import { describeSpan } from '@/lib/anchoring/selectors';
import { limits, type LimitedField } from '@/lib/validations/limits';
import { openArchive, type Archive, type ArchiveLimits } from './archive';
import { ImportError, importErrorFromIssues } from './errors';
import { deriveGuid, normalizeGuid } from './guid';
import { countOf, emptySummary, NotImportedList, type ImportSummary, type SourcePositions } from './import-summary';
import { checkImportLength, readCodes, type CodeMeaning } from './qda-codes';
import { decidePositions, namesAreQuotes, placeReadings, type PositionDecision, type SelectionPosition } from './qdpx-positions';
import { annotationNoteGuid, codingNoteGuid, consensusUserGuid, qdpxVariables, variableGuid, type MetadataKey } from './qdpx-shared';
import { parseUnplacedNote } from './qdpx-unplaced';
import { CodePointIndex } from './code-points';
import { inferBlocks, sha256Hex } from './snapshot';
import { slugify } from '@/lib/slug';
import type { ExportAnnotation, ExportBlock, ExportComment, ExportDocument, ExportGroup, ExportMemo, ExportSnapshot, ExportUser } from './types';
import { parseXmlPieces, readSetAside, type ParsedElement } from './xml';
import { detach, detachStrings } from './detach';

export type ImportPlan = { snapshot: ExportSnapshot; summary: ImportSummary };

export type QdpxReadOptions = {
  limits?: ArchiveLimits;
  /** Hears each stage, and each source as it is read. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /**
   * Called once a source's text and all its passages are read, before the next source is opened.
   * A caller that keeps texts elsewhere (an import job keeps them on disk, lib/data/imports.ts)
   * checks the passages against the text and stores it here, and answers true: the snapshot then
   * holds that document with an empty text, so the texts of a 50 MB project are never all in
   * memory at once. Answering false keeps the text in the snapshot.
   */
  onDocument?: (document: ExportDocument, annotations: readonly ExportAnnotation[]) => Promise<boolean>;
};

const epoch = '1970-01-01T00:00:00.000Z';
/** At most this many flagged passages are listed one by one in the summary (all are counted). */
const maxListedFlags = 300;

const repeated = new Set([
  'User', 'Code', 'Variable', 'Case', 'TextSource', 'PictureSource', 'PDFSource', 'AudioSource', 'VideoSource',
  'PlainTextSelection', 'PictureSelection', 'PDFSelection', 'AudioSelection', 'VideoSelection', 'Transcript',
  'Coding', 'NoteRef', 'VariableValue', 'Note', 'Set', 'MemberCode', 'MemberSource', 'MemberNote', 'Link', 'Graph',
]);

const integer = z.string().regex(/^\s*[+-]?\d+\s*$/, 'expected a whole number');
const refSchema = z.object({ targetGUID: z.string() });
const codingSchema = z.object({
  guid: z.string().optional(),
  creatingUser: z.string().optional(),
  creationDateTime: z.string().optional(),
  CodeRef: refSchema,
  NoteRef: z.array(refSchema).optional(),
});
const selectionSchema = z.object({
  guid: z.string(),
  name: z.string().optional(),
  startPosition: integer,
  endPosition: integer,
  creatingUser: z.string().optional(),
  creationDateTime: z.string().optional(),
  modifiedDateTime: z.string().optional(),
  Description: z.string().optional(),
  Coding: z.array(codingSchema).optional(),
  NoteRef: z.array(refSchema).optional(),
});
const variableValueSchema = z.object({
  VariableRef: refSchema,
  TextValue: z.string().optional(),
  DateValue: z.string().optional(),
  DateTimeValue: z.string().optional(),
  IntegerValue: z.string().optional(),
  FloatValue: z.string().optional(),
  BooleanValue: z.string().optional(),
});
const textSourceSchema = z.object({
  guid: z.string(),
  name: z.string().optional(),
  plainTextPath: z.string().optional(),
  richTextPath: z.string().optional(),
  creationDateTime: z.string().optional(),
  Description: z.string().optional(),
  PlainTextContent: z.string().optional(),
  PlainTextSelection: z.array(selectionSchema).optional(),
  Coding: z.array(z.unknown()).optional(),
  NoteRef: z.array(refSchema).optional(),
  VariableValue: z.array(variableValueSchema).optional(),
});
const otherSourceSchema = z
  .object({
    guid: z.string(),
    name: z.string().optional(),
    Representation: textSourceSchema.optional(),
    PictureSelection: z.array(z.unknown()).optional(),
    PDFSelection: z.array(z.unknown()).optional(),
    AudioSelection: z.array(z.unknown()).optional(),
    VideoSelection: z.array(z.unknown()).optional(),
    Transcript: z.array(z.unknown()).optional(),
  })
  .passthrough();
const noteSchema = z.object({
  guid: z.string(),
  name: z.string().optional(),
  plainTextPath: z.string().optional(),
  richTextPath: z.string().optional(),
  creatingUser: z.string().optional(),
  creationDateTime: z.string().optional(),
  modifiedDateTime: z.string().optional(),
  PlainTextContent: z.string().optional(),
});
// A set's member names its element in targetGUID; ATLAS.ti 23.4 writes guid="…" instead (seen in
// its codebook files, tests/fixtures/interop), so either is read.
const memberSchema = z
  .object({ targetGUID: z.string().optional(), guid: z.string().optional() })
  .refine((m) => m.targetGUID !== undefined || m.guid !== undefined, { message: 'targetGUID is missing', path: ['targetGUID'] })
  .transform((m) => ({ targetGUID: (m.targetGUID ?? m.guid)! }));
const setSchema = z.object({
  guid: z.string(),
  name: z.string(),
  Description: z.string().optional(),
  MemberCode: z.array(memberSchema).optional(),
  MemberSource: z.array(memberSchema).optional(),
  MemberNote: z.array(memberSchema).optional(),
});
const listOf = <T extends z.ZodTypeAny>(key: string, item: T) => z.object({ [key]: z.array(item).optional() } as Record<string, z.ZodOptional<z.ZodArray<T>>>).optional();
const projectSchema = z.object({
  name: z.string(),
  origin: z.string().optional(),
  basePath: z.string().optional(),
  creatingUserGUID: z.string().optional(),
  creationDateTime: z.string().optional(),
  modifiedDateTime: z.string().optional(),
  Users: z.object({ User: z.array(z.object({ guid: z.string(), name: z.string().optional(), id: z.string().optional() })).optional() }).optional(),
  CodeBook: z.object({ Codes: z.object({ Code: z.array(z.unknown()).optional() }).optional() }).optional(),
  Variables: z.object({ Variable: z.array(z.object({ guid: z.string(), name: z.string(), typeOfVariable: z.string().optional() })).optional() }).optional(),
  Cases: listOf('Case', z.unknown()),
  Sources: z
    .object({
      // Each text source is checked when it is read (readProject), so that its checked copy and
      // the parser's tree of it are never both whole in memory for every source at once.
      TextSource: z.array(z.unknown()).optional(),
      PictureSource: z.array(otherSourceSchema).optional(),
      PDFSource: z.array(otherSourceSchema).optional(),
      AudioSource: z.array(otherSourceSchema).optional(),
      VideoSource: z.array(otherSourceSchema).optional(),
    })
    .optional(),
  Notes: z.object({ Note: z.array(noteSchema).optional() }).optional(),
  Links: listOf('Link', z.unknown()),
  Sets: z.object({ Set: z.array(setSchema).optional() }).optional(),
  Graphs: listOf('Graph', z.unknown()),
  Description: z.string().optional(),
  NoteRef: z.array(refSchema).optional(),
});

type TextSourceInput = z.infer<typeof textSourceSchema>;
type NoteInput = z.infer<typeof noteSchema>;

const projectNamespace = /^urn:QDA-XML:project:\d+[.:]\d+$/i;

// ─── Text files ─────────────────────────────────────────────────────────────────────────────

type DecodedText = { raw: string; hadBom: boolean; encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252' };

function decodeText(bytes: Uint8Array): DecodedText {
  const decode = (label: string, offset: number) => new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(offset));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { raw: decode('utf-16le', 2), hadBom: true, encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { raw: decode('utf-16be', 2), hadBom: true, encoding: 'UTF-16BE' };
  const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { raw: decode('utf-8', hadBom ? 3 : 0), hadBom, encoding: 'UTF-8' };
  } catch {
    // Not UTF-8: older Windows tools wrote their code page. Every byte decodes in Windows-1252.
    return { raw: new TextDecoder('windows-1252').decode(bytes), hadBom: false, encoding: 'Windows-1252' };
  }
}

/** project.qde was taken for UTF-8 and is not: it is read again as Windows-1252, as decodeText does. */
class NotUtf8 extends Error {}

/**
 * An entry's text decoded piece by piece as it is inflated, read as decodeText reads it whole:
 * a byte-order mark names UTF-16 or UTF-8 (and is dropped); otherwise UTF-8, unless `windows1252`
 * (the caller's second try after a NotUtf8).
 */
async function* decodePieces(bytes: AsyncIterable<Uint8Array>, windows1252: boolean): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let head = new Uint8Array(0);
  const decode = (piece: Uint8Array, more: boolean): string => {
    try {
      return decoder!.decode(piece, { stream: more });
    } catch {
      if (decoder!.encoding === 'utf-8') throw new NotUtf8();
      throw new ImportError('project.qde is not readable text in the encoding its byte-order mark names');
    }
  };
  const start = (): Uint8Array => {
    let offset = 0;
    let label = 'utf-8';
    if (windows1252) label = 'windows-1252';
    else if (head[0] === 0xff && head[1] === 0xfe) [label, offset] = ['utf-16le', 2];
    else if (head[0] === 0xfe && head[1] === 0xff) [label, offset] = ['utf-16be', 2];
    else if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) offset = 3;
    decoder = new TextDecoder(label, { fatal: label !== 'windows-1252', ignoreBOM: true });
    return head.subarray(offset);
  };
  for await (const chunk of bytes) {
    if (decoder === null) {
      // The first three bytes decide the encoding.
      const joined = new Uint8Array(head.length + chunk.length);
      joined.set(head);
      joined.set(chunk, head.length);
      head = joined;
      if (head.length < 3) continue;
      const text = decode(start(), true);
      head = new Uint8Array(0);
      if (text !== '') yield text;
      continue;
    }
    const text = decode(chunk, true);
    if (text !== '') yield text;
  }
  const rest = decoder === null ? decode(start(), false) : decode(new Uint8Array(0), false);
  if (rest !== '') yield rest;
}

// ─── Small helpers ──────────────────────────────────────────────────────────────────────────

/** A GUID as the file spells it (trimmed), and its normalised form for lookups. */
function guidOrThrow(value: string, what: string): { id: string; key: string } {
  const key = normalizeGuid(value);
  if (key === null) throw new ImportError(`${what} has the GUID "${value}", which is not a GUID`);
  return { id: value.trim(), key };
}

/** An ISO date-time when `value` is a real one PostgreSQL can store, else null. */
// A project's tens of thousands of passages share a few thousand timestamps, and checking one
// takes microseconds: each is checked once. The cache is emptied before it grows large, and after
// each file (readQdpx): its keys are cut from the file's XML and would keep all of it in memory.
const checkedDates = new Map<string, string | null>();
function realDateTime(value: string | undefined): string | null {
  if (value === undefined) return null;
  let checked = checkedDates.get(value);
  if (checked === undefined) {
    if (checkedDates.size >= 10_000) checkedDates.clear();
    checked = realDateTimeOf(value);
    checkedDates.set(value, checked);
  }
  return checked;
}

/** The forms' limit for `field` (one rule for every reader: qda-codes.ts). */
function checkLength(value: string, field: LimitedField, what: string): string {
  return checkImportLength(value, field, what);
}

function clip(value: string, max = 60): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

// ─── The archive ────────────────────────────────────────────────────────────────────────────

type ArchiveIndex = {
  archive: Archive | null;
  /** Entry names by lower-cased path, and by lower-cased file name (for external paths). */
  byPath: Map<string, string>;
  byFileName: Map<string, string[]>;
};

function indexArchive(archive: Archive): ArchiveIndex {
  const byPath = new Map<string, string>();
  const byFileName = new Map<string, string[]>();
  for (const entry of archive.entries) {
    const lower = entry.name.toLowerCase();
    byPath.set(lower, entry.name);
    const file = lower.slice(lower.lastIndexOf('/') + 1);
    byFileName.set(file, [...(byFileName.get(file) ?? []), entry.name]);
  }
  return { archive, byPath, byFileName };
}

/**
 * The archive entry a path names: internal://x.txt is Sources/x.txt (any spelling of the folder,
 * or the archive's root); a relative path is relative to the archive (or to basePath); a file://
 * URL or an absolute path names a file outside the archive, found only if the archive holds one
 * file of that name. Null when the archive has nothing for it; `external` says it pointed outside.
 */
function resolvePath(index: ArchiveIndex, path: string, basePath: string | undefined): { entry: string | null; external: boolean } {
  const trimmed = path.trim();
  const internal = /^internal:\/\/(.+)$/i.exec(trimmed);
  if (internal) {
    const name = internal[1]!.replace(/^\/+/, '').toLowerCase();
    for (const candidate of [`sources/${name}`, name]) {
      const found = index.byPath.get(candidate);
      if (found) return { entry: found, external: false };
    }
    const inAnyFolder = index.byFileName.get(name.slice(name.lastIndexOf('/') + 1)) ?? [];
    return { entry: inAnyFolder.length === 1 ? inAnyFolder[0]! : null, external: false };
  }
  let decoded = trimmed;
  if (/^file:/i.test(trimmed)) {
    try {
      decoded = decodeURIComponent(new URL(trimmed).pathname);
    } catch {
      decoded = trimmed.replace(/^file:\/*/i, '/');
    }
  }
  const normal = decoded.replace(/\\/g, '/');
  const absolute = /^(\/|[a-z]:\/)/i.test(normal);
  if (!absolute) {
    const relative = normal.replace(/^\.\//, '').toLowerCase();
    const base = (basePath ?? '').replace(/\\/g, '/').replace(/\/+$/, '').toLowerCase();
    for (const candidate of [relative, `sources/${relative}`, ...(base && !/^(\/|[a-z]:\/)/i.test(base) ? [`${base}/${relative}`] : [])]) {
      const found = index.byPath.get(candidate);
      if (found) return { entry: found, external: false };
    }
  }
  const file = normal.slice(normal.lastIndexOf('/') + 1).toLowerCase();
  const matches = index.byFileName.get(file) ?? [];
  return { entry: matches.length === 1 ? matches[0]! : null, external: absolute || /^file:/i.test(trimmed) };
}

// ─── Reading ────────────────────────────────────────────────────────────────────────────────

/** Reads a .qdpx (a path on disk, or its bytes) into what it would import. */
export async function readQdpx(source: string | Uint8Array, options: QdpxReadOptions = {}): Promise<ImportPlan> {
  const progress = options.onProgress ?? (() => undefined);
  progress('Opening the archive', 0, 1);
  const archive = await openArchive(source, options.limits);
  try {
    const index = indexArchive(archive);
    const qdeNames = archive.entries.map((e) => e.name).filter((name) => /\.qde$/i.test(name));
    const qdeName = qdeNames.find((name) => name.toLowerCase() === 'project.qde') ?? (qdeNames.length === 1 ? qdeNames[0] : undefined);
    if (qdeName === undefined) {
      throw new ImportError(
        qdeNames.length > 1
          ? `the archive holds several .qde files (${qdeNames.slice(0, 3).join(', ')}) and none is project.qde: it is not one REFI-QDA project`
          : 'the archive has no project.qde: it is not a REFI-QDA project (.qdpx)',
      );
    }
    progress('Reading project.qde', 0, 1);
    // Notes' text files are kept once read (a note may be referred to from several places); a
    // source's text is read once, and not kept past its source.
    const files = new Map<string, DecodedText>();
    const needed = new Set<string>();
    // project.qde is read twice, each time decoded as it is inflated (never whole in memory): once
    // for everything but the text sources, then for each text source in turn (readProject). A
    // file that is not UTF-8 is found in the first reading, before any source is handed over.
    const projectFiles: ProjectFiles = {
      resolve: (path, basePath) => {
        const found = resolvePath(index, path, basePath);
        if (found.entry) needed.add(found.entry);
        return found;
      },
      load: async (entry, keep = true) => {
        const cached = files.get(entry);
        if (cached) return cached;
        const text = decodeText(await archive.read(entry));
        if (keep) files.set(entry, text);
        return text;
      },
      onDocument: options.onDocument,
      otherEntries: () => archive.entries.filter((e) => !needed.has(e.name) && e.name !== qdeName && !/^sources\/?$/i.test(e.name)).map((e) => e.name),
      progress,
    };
    // A reading left unfinished (a refusal, or sources past the last one needed) is ended, so its
    // inflating stream and the archive's file are let go of.
    const readings: AsyncGenerator<string>[] = [];
    const reading = (windows1252: boolean) => () => {
      const pieces = decodePieces(archive.stream(qdeName), windows1252);
      readings.push(pieces);
      return pieces;
    };
    try {
      return await readProject(reading(false), projectFiles);
    } catch (error) {
      if (!(error instanceof NotUtf8)) throw error;
      // Not UTF-8: older Windows tools wrote their code page. Every byte decodes in Windows-1252.
      return await readProject(reading(true), projectFiles);
    } finally {
      for (const pieces of readings) await pieces.return(undefined).catch(() => undefined);
    }
  } finally {
    archive.close();
    checkedDates.clear();
  }
}

/** A .qdpx's snapshot alone (tests and the CLI's round trips); the summary is dropped. */
export async function fromQdpx(source: string | Uint8Array): Promise<ExportSnapshot> {
  return (await readQdpx(source)).snapshot;
}

type ProjectFiles = {
  resolve: (path: string, basePath: string | undefined) => { entry: string | null; external: boolean };
  /** An entry's text; `keep: false` for one read once (a source's text), which is not cached. */
  load: (entry: string, keep?: boolean) => Promise<DecodedText>;
  onDocument: QdpxReadOptions['onDocument'];
  /** Entries no source or note used, read once every source has been. */
  otherEntries: () => string[];
  progress: (stage: string, done: number, total: number) => void;
};

async function readProject(xml: () => AsyncIterable<string>, files: ProjectFiles): Promise<ImportPlan> {
  // The XML, and the parser's tree, are let go of as soon as the next step has its own copy: for a
  // project of 50,000 passages they are a few hundred megabytes that nothing reads again.
  // The text sources (all their passages: most of the file) are set aside in this first reading,
  // and read one at a time by the loop below (xml.ts).
  const expectation = { root: 'Project', namespace: projectNamespace, namespaceLabel: '"urn:QDA-XML:project:1.0"', what: 'project.qde', arrays: repeated, namespaceOptional: true, setAside: ['Sources', 'TextSource'] } as const;
  let root: ParsedElement | null = await parseXmlPieces(xml(), expectation);
  const setAsideSources = readSetAside(xml(), expectation);
  const parsed = projectSchema.safeParse(root);
  if (!parsed.success) throw importErrorFromIssues('project.qde: Project', parsed.error.issues, root);
  root = null;
  const project = parsed.data;
  // Detached (detach.ts): values that live through the whole reading can end up as constants in
  // the optimized code of this function, and a view into the XML there kept all of it in memory
  // after the import (found in a heap snapshot of the import worker).
  const origin = project.origin?.trim() ? detach(project.origin.trim()) : null;
  const exportedAt = realDateTime(project.creationDateTime) ?? realDateTime(project.modifiedDateTime) ?? epoch;
  const projectName = detach(checkLength(project.name.trim() || 'Imported project', 'projectName', 'the project’s name'));
  const summary = emptySummary('qdpx', projectName, origin);
  const notImported = new NotImportedList();
  const warn = (text: string) => summary.warnings.push(text);

  // ── People. Consensus users (Parallax's own export) stand for a curator: their GUID derives from the curator's.
  const users: ExportUser[] = [];
  const userByKey = new Map<string, ExportUser>();
  const rawUsers = project.Users?.User ?? [];
  const declaredKeys = new Set<string>();
  for (const user of rawUsers) {
    const { key } = guidOrThrow(user.guid, `project.qde: the user "${user.name ?? user.guid}"`);
    if (declaredKeys.has(key)) throw new ImportError(`project.qde: the user GUID ${user.guid} appears twice`);
    declaredKeys.add(key);
  }
  const curatorOf = new Map<string, string>();
  for (const key of declaredKeys) curatorOf.set(consensusUserGuid(key), key);
  for (const user of rawUsers) {
    const { id, key } = guidOrThrow(user.guid, 'a user');
    if (curatorOf.has(key)) continue;
    const name = checkLength((user.name ?? '').trim() || (user.id ?? '').trim() || 'Unnamed user', 'personName', `the name of the user ${user.guid}`);
    const entry: ExportUser = { id, name };
    if (user.id !== undefined && user.id.includes('@')) entry.email = user.id.trim();
    users.push(entry);
    userByKey.set(key, entry);
  }
  const unknownUsers = new Map<string, ExportUser>();
  const exportedByKey = project.creatingUserGUID === undefined ? null : normalizeGuid(project.creatingUserGUID);
  const exportedBy = exportedByKey !== null ? userByKey.get(exportedByKey) : undefined;

  /** The layer and user of a creatingUser GUID; `fallback` when the file names none. */
  const resolveUser = (guid: string | undefined, fallback?: { layer: ExportAnnotation['layer']; userId: string }): { layer: ExportAnnotation['layer']; userId: string } => {
    if (guid === undefined || guid.trim() === '') {
      if (fallback) return fallback;
      const someone = exportedBy ?? users[0];
      if (someone) return { layer: 'ANNOTATOR', userId: someone.id };
      return resolveUser(deriveGuid(`unknown-user:${projectName}`));
    }
    const key = normalizeGuid(guid);
    if (key === null) throw new ImportError(`project.qde names the user "${guid}", which is not a GUID`);
    const curator = curatorOf.get(key);
    if (curator !== undefined) return { layer: 'CONSENSUS', userId: userByKey.get(curator)!.id };
    const known = userByKey.get(key);
    if (known) return { layer: 'ANNOTATOR', userId: known.id };
    let unknown = unknownUsers.get(key);
    if (!unknown) {
      unknown = { id: guid.trim(), name: `Unknown coder (${guid.trim()})` };
      unknownUsers.set(key, unknown);
      userByKey.set(key, unknown);
      users.push(unknown);
      warn(`The file names the user ${guid.trim()} without declaring them among its users; their work comes in as “${unknown.name}”.`);
    }
    return { layer: 'ANNOTATOR', userId: unknown.id };
  };

  // ── Codebook.
  // readCodes checks the codes' names and descriptions against the forms' limits.
  const { categories, attributes, codes } = readCodes(project.CodeBook?.Codes?.Code ?? [], 'project.qde', { keepGuidSpelling: true });
  const codeByKey = new Map<string, CodeMeaning>();
  for (const [guid, meaning] of codes) codeByKey.set(normalizeGuid(guid) ?? guid, meaning);
  const codeNotes = countCodeNotes(project.CodeBook?.Codes?.Code ?? []);
  if (codeNotes > 0) notImported.add('memos on codes', 'Parallax keeps no memos on categories; the codes’ descriptions come in', undefined, codeNotes);

  // ── Variables that fill document fields; the others are listed.
  const variableKeys = new Map<string, MetadataKey>();
  for (const v of qdpxVariables) variableKeys.set(variableGuid(v.key), v.key);
  const otherVariables = new Map<string, string>();
  for (const declared of project.Variables?.Variable ?? []) {
    const known = qdpxVariables.find((v) => v.name.toLowerCase() === declared.name.trim().toLowerCase());
    const key = normalizeGuid(declared.guid);
    if (key === null) continue;
    if (known && !variableKeys.has(key)) variableKeys.set(key, known.key);
    else if (!known && !variableKeys.has(key)) otherVariables.set(key, declared.name);
  }

  // ── Notes.
  const notes = new Map<string, { id: string; note: NoteInput }>();
  for (const note of project.Notes?.Note ?? []) {
    const { id, key } = guidOrThrow(note.guid, `project.qde: the note "${note.name ?? note.guid}"`);
    if (notes.has(key)) throw new ImportError(`project.qde: the note GUID ${note.guid} is used twice`);
    notes.set(key, { id, note });
  }
  const usedNotes = new Set<string>();
  const noteOrThrow = (guid: string, where: string): { id: string; key: string; note: NoteInput } => {
    const key = normalizeGuid(guid);
    const found = key === null ? undefined : notes.get(key);
    if (key === null || !found) throw new ImportError(`${where} refers to the note ${guid}, which is not among the project's <Notes>`);
    usedNotes.add(key);
    return { ...found, key };
  };
  const noteBody = async (note: NoteInput, where: string): Promise<string> => {
    let body = '';
    if (note.PlainTextContent !== undefined) body = note.PlainTextContent;
    else if (note.plainTextPath !== undefined) {
      const found = files.resolve(note.plainTextPath, project.basePath);
      if (found.entry) body = (await files.load(found.entry)).raw.replace(/\r\n?/g, '\n');
      else notImported.add('note texts', 'the text file the note names is not in the archive', note.name ?? note.guid);
    } else if (note.richTextPath !== undefined) {
      notImported.add('note texts', 'only a rich-text (.docx) version of the note is in the file; Parallax reads plain text', note.name ?? note.guid);
    }
    return body;
  };

  const documents: ExportDocument[] = [];
  const annotations: ExportAnnotation[] = [];
  /** What was detached (detach.ts) when its source was let go of. */
  const detached = new WeakSet<object>();
  const comments: ExportComment[] = [];
  const memoParts = new Map<string | null, { id: string; name: string; body: string; authorId: string; updatedAt: string }[]>();
  const documentKeys = new Map<string, string>();
  const annotationIds = new Set<string>();
  const coderCounts = new Map<string, number>();
  let verifiedTotal = 0;
  let flaggedTotal = 0;
  let passagesTotal = 0;
  let codedSelections = 0;
  let variablesTotal = 0;

  const addMemoPart = async (documentId: string | null, ref: { id: string; note: NoteInput }, where: string) => {
    const body = checkLength(await noteBody(ref.note, where), 'memo', `the note "${clip(ref.note.name ?? ref.id)}"`);
    const parts = memoParts.get(documentId) ?? [];
    parts.push({
      id: ref.id,
      name: ref.note.name?.trim() ?? '',
      body,
      authorId: resolveUser(ref.note.creatingUser).userId,
      updatedAt: realDateTime(ref.note.modifiedDateTime) ?? realDateTime(ref.note.creationDateTime) ?? exportedAt,
    });
    memoParts.set(documentId, parts);
  };

  // A text source is a closure that reads it from the XML and checks it (textSourceSchema) when the
  // loop below reaches it; the loop lets go of it when it is done.
  const rawTextSources: unknown[] = project.Sources?.TextSource ?? [];
  const attributeOf = (raw: unknown, name: string) => (raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[name] : undefined);
  const textSources: { take: () => TextSourceInput | Promise<TextSourceInput>; kind: string; richText: boolean; plainText: boolean }[] = rawTextSources.map((raw, i) => ({
    kind: 'text',
    richText: typeof attributeOf(raw, 'richTextPath') === 'string',
    plainText: typeof attributeOf(raw, 'plainTextPath') === 'string',
    take: async () => {
      // The source's element, read whole now (the tree holds its attributes only).
      const next = await setAsideSources.next();
      const node: unknown = next.done ? rawTextSources[i] : next.value;
      rawTextSources[i] = undefined;
      const checked = textSourceSchema.safeParse(node);
      if (!checked.success) {
        const issues = checked.error.issues.map((issue) => ({ ...issue, path: ['Sources', 'TextSource', i, ...issue.path] }));
        throw importErrorFromIssues('project.qde: Project', issues, { Sources: { TextSource: Object.assign([], { [i]: node }) } });
      }
      return checked.data;
    },
  }));
  for (const [kind, list, selectionKey] of [
    ['picture', project.Sources?.PictureSource, 'PictureSelection'],
    ['PDF', project.Sources?.PDFSource, 'PDFSelection'],
    ['audio', project.Sources?.AudioSource, 'AudioSelection'],
    ['video', project.Sources?.VideoSource, 'VideoSelection'],
  ] as const) {
    for (const other of list ?? []) {
      const selections = ((other as Record<string, unknown>)[selectionKey] as unknown[] | undefined)?.length ?? 0;
      if (kind === 'PDF' && other.Representation) {
        // A PDF with a text representation: its text and the passages coded on it come in.
        const representation: TextSourceInput = { ...other.Representation, guid: other.Representation.guid ?? other.guid, name: other.Representation.name ?? other.name };
        textSources.push({ take: () => representation, kind: 'PDF text', richText: representation.richTextPath !== undefined, plainText: representation.plainTextPath !== undefined });
        if (selections > 0) notImported.add('passages coded on PDF pages', 'Parallax codes text; the passages coded on the PDF’s text representation come in', other.name ?? other.guid, selections);
      } else {
        notImported.add(`${kind} sources`, kind === 'PDF' ? 'the file holds no text representation of the PDF; Parallax codes text' : 'Parallax codes text', other.name ?? other.guid);
        if (selections > 0) notImported.add(`passages coded on ${kind} sources`, 'their source does not come in', other.name ?? other.guid, selections);
      }
    }
  }

  let sourceIndex = 0;
  for (const { take, kind } of textSources) {
    const source = await take();
    sourceIndex++;
    files.progress('Reading sources', sourceIndex - 1, textSources.length);
    const label = source.name?.trim() || `source ${sourceIndex}`;
    const where = `source "${clip(label)}"`;
    const { id, key } = guidOrThrow(source.guid, where);
    if (documentKeys.has(key)) throw new ImportError(`${where}: the GUID ${source.guid} is used by two sources`);

    // Its text.
    let decoded: DecodedText | null = null;
    if (source.plainTextPath !== undefined) {
      const found = files.resolve(source.plainTextPath, project.basePath);
      if (found.entry) decoded = await files.load(found.entry, false);
      else if (source.PlainTextContent === undefined) {
        const selections = source.PlainTextSelection?.length ?? 0;
        notImported.add(
          'sources',
          found.external ? `their text is outside the archive (${clip(source.plainTextPath, 80)}); export the project again with its sources inside` : `their text ${clip(source.plainTextPath, 80)} is missing from the archive`,
          label,
        );
        if (selections > 0) notImported.add('passages', 'their source’s text is not in the file', label, selections);
        continue;
      }
    }
    if (decoded === null && source.PlainTextContent !== undefined) decoded = { raw: source.PlainTextContent, hadBom: false, encoding: 'UTF-8' };
    if (decoded === null) {
      notImported.add('sources', source.richTextPath ? 'only a rich-text (.docx) version of the text is in the file; Parallax reads plain text' : 'they have neither a plain text file nor inline text', label);
      continue;
    }
    if (decoded.raw.trim() === '') {
      // Nothing to code, and Parallax keeps one copy of a text per project: two such sources (NVivo
      // for Mac 15 writes a lone line end for every source whose text it did not export) would
      // refuse the whole file.
      const selections = source.PlainTextSelection?.length ?? 0;
      notImported.add('sources with no text', 'their plain text is empty or only white space (NVivo for Mac writes that for a source whose text it did not export); there is nothing in them to code', label);
      if (selections > 0) notImported.add('passages', 'their source’s text is empty', label, selections);
      continue;
    }
    if (decoded.encoding === 'Windows-1252') warn(`${where}: its text is not UTF-8 and was read as Windows-1252; check its accented letters.`);
    documentKeys.set(key, id);
    if ((source.Coding?.length ?? 0) > 0) notImported.add('codings of whole sources', 'Parallax annotations are passages; code a passage of the text instead', label, source.Coding!.length);

    // Positions.
    const rawSelections = source.PlainTextSelection ?? [];
    const positions: SelectionPosition[] = rawSelections.map((s) => ({ start: Number(s.startPosition), end: Number(s.endPosition), quote: null }));
    for (const [i, s] of rawSelections.entries()) {
      if (positions[i]!.start < 0 || positions[i]!.end < positions[i]!.start) {
        throw new ImportError(`${where}: the selection "${clip(s.name || s.guid)}" runs from ${s.startPosition} to ${s.endPosition}, which is no passage`);
      }
    }
    const placements = placeReadings(decoded, positions);
    let decision = decidePositions({ source: decoded, selections: positions, origin, placements });
    // Selection names are quotes in some tools (ATLAS.ti and QualCoder name a selection by its
    // text) and labels in others: they count as evidence only when most of them match.
    if (namesAreQuotes(placements, rawSelections.map((s) => s.name))) {
      decision = decidePositions({ source: decoded, selections: rawSelections.map((s, i) => ({ ...positions[i]!, quote: s.name?.trim() || null })), origin, placements });
    }
    const text = decision.text;
    const points = new CodePointIndex(text);
    let verified = 0;
    let flagged = 0;

    // Metadata.
    const metadata = new Map<MetadataKey, string>();
    for (const value of source.VariableValue ?? []) {
      const variableKey = normalizeGuid(value.VariableRef.targetGUID);
      const metaKey = variableKey === null ? undefined : variableKeys.get(variableKey);
      const content = value.TextValue ?? value.DateValue ?? value.DateTimeValue ?? value.IntegerValue ?? value.FloatValue ?? value.BooleanValue;
      if (content === undefined) continue;
      if (metaKey === undefined) {
        const name = variableKey === null ? value.VariableRef.targetGUID : (otherVariables.get(variableKey) ?? value.VariableRef.targetGUID);
        notImported.add(`values of the variable “${clip(name, 40)}”`, 'Parallax keeps only title, author, affiliation, outlet, date and source URL as document fields', label);
        continue;
      }
      metadata.set(metaKey, content);
    }
    const isParallaxSource = metadata.has('contentHash');
    const field = (key: MetadataKey): string | null => {
      const value = metadata.get(key)?.trim();
      return value === undefined || value === '' ? null : value;
    };
    const checkedField = (key: 'title' | 'author' | 'authorAffiliation' | 'outlet', limit: LimitedField, name: string): string | null => {
      const value = field(key);
      return value === null ? null : checkLength(value, limit, `${where}: its ${name}`);
    };
    let publishedOn = field('publishedOn');
    if (publishedOn !== null) {
      const day = publishedOn.slice(0, 10);
      if (/^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day)) publishedOn = day;
      else {
        notImported.add('publication dates', 'they are not real dates (yyyy-mm-dd)', `${label}: “${clip(publishedOn, 30)}”`);
        publishedOn = null;
      }
    }
    let sourceUrl = field('sourceUrl');
    if (sourceUrl !== null && !(/^https?:\/\/\S+$/i.test(sourceUrl) && sourceUrl.length <= limits.sourceUrl && isHttpUrl(sourceUrl))) {
      notImported.add('source URLs', 'only http:// and https:// addresses are kept', `${label}: “${clip(sourceUrl, 40)}”`);
      sourceUrl = null;
    }
    const document: ExportDocument = {
      id,
      title: checkedField('title', 'documentTitle', 'title') ?? (isParallaxSource ? null : label.length <= limits.documentTitle ? label : checkLength(label, 'documentTitle', `${where}: its name`)),
      author: checkedField('author', 'documentAuthor', 'author'),
      authorAffiliation: checkedField('authorAffiliation', 'documentAffiliation', 'author’s affiliation'),
      outlet: checkedField('outlet', 'documentOutlet', 'outlet'),
      publishedOn,
      sourceUrl,
      sourceName: field('sourceName'),
      text,
      blocks: metadata.has('blocks') ? parseBlocks(metadata.get('blocks') ?? '', points, where) : inferBlocks(text),
      contentHash: sha256Hex(text),
      createdAt: realDateTime(source.creationDateTime) ?? exportedAt,
    };
    variablesTotal += (['title', 'author', 'authorAffiliation', 'outlet', 'publishedOn', 'sourceUrl'] as const).filter((k) => metadata.has(k) && document[k] !== null).length;
    if (isParallaxSource && field('contentHash') !== document.contentHash && !decoded.raw.includes('\r')) {
      warn(`${where}: its text does not match the SHA-256 its file records; it was changed after the export.`);
    }
    documents.push(document);
    const firstAnnotation = annotations.length;
    const firstComment = comments.length;

    // Passages.
    for (const [i, selection] of rawSelections.entries()) {
      const selectionWhere = `${where}: selection "${clip(selection.name || selection.guid)}"`;
      const { id: selectionId } = guidOrThrow(selection.guid, selectionWhere);
      const codings = selection.Coding ?? [];
      const categoryCodings: { categoryId: string; codingId: string | undefined; creator: string | undefined; createdAt: string | undefined; noteRefs: { targetGUID: string }[]; values: Record<string, string> }[] = [];
      const values: Record<string, string> = {};
      // NoteRefs of the selection (and of codings that carry no category) belong to every passage
      // of the selection; those inside a category's Coding to that passage alone.
      const noteRefs = [...(selection.NoteRef ?? [])];
      for (const coding of codings) {
        const target = normalizeGuid(coding.CodeRef.targetGUID);
        const meaning = target === null ? undefined : codeByKey.get(target);
        if (!meaning) throw new ImportError(`${selectionWhere} is coded with the code ${coding.CodeRef.targetGUID}, which is not in the codebook`);
        if (meaning.kind === 'category') {
          const same = categoryCodings.find((c) => c.categoryId === meaning.categoryId);
          if (same) same.noteRefs.push(...(coding.NoteRef ?? []));
          else categoryCodings.push({ categoryId: meaning.categoryId, codingId: coding.guid?.trim(), creator: coding.creatingUser, createdAt: coding.creationDateTime, noteRefs: [...(coding.NoteRef ?? [])], values: {} });
          continue;
        }
        noteRefs.push(...(coding.NoteRef ?? []));
        if (meaning.kind === 'attribute') {
          notImported.add('codings with an attribute’s own code', 'an attribute is coded through one of its options', selection.name || selection.guid);
          continue;
        }
        // An attribute's option is coded after the category coding it qualifies (qdpx.ts writes them
        // so; only Parallax's files have attribute codes): before any category, it qualifies all.
        const owner = categoryCodings.at(-1)?.values ?? values;
        if (owner[meaning.attributeKey] === undefined) owner[meaning.attributeKey] = meaning.value;
      }
      if (categoryCodings.length === 0) {
        notImported.add('selections with no code', 'a Parallax annotation has a category', selection.name || clip(positionsLabel(decision, i, text)));
        continue;
      }

      codedSelections++;
      const placed = decision.placed[i] ?? null;
      const problem = decision.problems[i] ?? (decision.fits ? null : `no way of counting positions fits this source’s passages (best: ${decision.label})`);
      const orphaned = problem !== null;
      const anchor = placed ? describeSpan(text, placed.start, placed.end) : { start: 0, end: 0, quote: selection.name?.trim() ?? '', prefix: '', suffix: '' };
      if (orphaned && selection.name && selection.name.trim().length >= 4) anchor.quote = selection.name.trim();
      if (!orphaned && (decision.checks[i] === 'quote' || decision.checks[i] === 'boundaries')) verified++;

      // A selection Parallax wrote for several annotations keeps each note in its annotation's
      // Coding (codingNoteGuid); its Description then only joins them for other tools.
      const codingNoteKey = (coding: (typeof categoryCodings)[number]) => (coding.codingId ? codingNoteGuid(coding.codingId) : null);
      const notesInCodings = categoryCodings.some((c) => c.noteRefs.some((ref) => normalizeGuid(ref.targetGUID) === codingNoteKey(c)));
      let note = notesInCodings ? '' : checkLength((selection.Description ?? '').replace(/\r\n?/g, '\n'), 'note', `${selectionWhere}: its description`);
      const commentNotes: { id: string; key: string; note: NoteInput }[] = [];
      for (const ref of noteRefs) {
        const found = noteOrThrow(ref.targetGUID, selectionWhere);
        if (found.key === annotationNoteGuid(normalizeGuid(selectionId) ?? selectionId)) {
          // Parallax's own note, also written as the Description: the note is the same text.
          if (note === '') note = checkLength(await noteBody(found.note, selectionWhere), 'note', `${selectionWhere}: its note`);
        } else commentNotes.push(found);
      }

      const selectionCreated = realDateTime(selection.creationDateTime);
      const takenCommentIds = new Set<string>();
      for (const [n, coding] of categoryCodings.entries()) {
        const creator = resolveUser(coding.creator ?? selection.creatingUser);
        let ownNote = note;
        const ownComments: { id: string; key: string; note: NoteInput }[] = [];
        for (const ref of coding.noteRefs) {
          const found = noteOrThrow(ref.targetGUID, selectionWhere);
          if (found.key === codingNoteKey(coding)) ownNote = checkLength(await noteBody(found.note, selectionWhere), 'note', `${selectionWhere}: its note`);
          else ownComments.push(found);
        }
        const annotationId = n === 0 ? selectionId : deriveGuid(`selection-category:${normalizeGuid(selectionId)}:${coding.categoryId}`);
        if (annotationIds.has(annotationId)) throw new ImportError(`${selectionWhere}: the GUID ${selection.guid} is used by two selections`);
        annotationIds.add(annotationId);
        const createdAt = realDateTime(coding.createdAt) ?? selectionCreated ?? document.createdAt;
        const annotation: ExportAnnotation = {
          id: annotationId,
          documentId: id,
          layer: creator.layer,
          annotatorId: creator.userId,
          categoryId: coding.categoryId,
          start: anchor.start,
          end: anchor.end,
          quote: anchor.quote,
          prefix: anchor.prefix,
          suffix: anchor.suffix,
          note: ownNote,
          attributes: { ...values, ...coding.values },
          createdAt,
          updatedAt: realDateTime(selection.modifiedDateTime) ?? createdAt,
          selectionId,
        };
        if (coding.codingId) annotation.codingId = coding.codingId;
        if (orphaned) annotation.orphaned = true;
        annotations.push(annotation);
        passagesTotal++;
        const coderName = users.find((u) => u.id === creator.userId)?.name ?? creator.userId;
        coderCounts.set(creator.layer === 'CONSENSUS' ? `${coderName} (consensus)` : coderName, (coderCounts.get(creator.layer === 'CONSENSUS' ? `${coderName} (consensus)` : coderName) ?? 0) + 1);
        for (const [k, ref] of [...commentNotes.map((c) => [0, c] as const), ...ownComments.map((c) => [1, c] as const)]) {
          // A selection's comment is copied to each of its passages; a coding's comment is its passage's own.
          const copy = k === 0 ? n > 0 : takenCommentIds.has(ref.key);
          const commentId = copy ? deriveGuid(`comment-copy:${ref.key}:${annotationId}`) : ref.id;
          takenCommentIds.add(ref.key);
          const author = resolveUser(ref.note.creatingUser, creator);
          comments.push({
            id: commentId,
            annotationId,
            authorId: author.userId,
            body: checkLength(await noteBody(ref.note, selectionWhere), 'comment', `the note "${clip(ref.note.name ?? ref.id)}"`),
            createdAt: realDateTime(ref.note.creationDateTime) ?? createdAt,
            editedAt: realDateTime(ref.note.modifiedDateTime),
          });
        }
      }
      if (orphaned) {
        flagged++;
        if (summary.flagged.length < maxListedFlags) summary.flagged.push({ source: label, passage: clip(anchor.quote || `${selection.startPosition}–${selection.endPosition}`), reason: problem! });
      }
    }

    // Unplaced passages a Parallax export kept as notes on their source; the other notes are memos.
    for (const ref of source.NoteRef ?? []) {
      const found = noteOrThrow(ref.targetGUID, where);
      const unplaced = found.note.PlainTextContent === undefined ? null : parseUnplacedNote(found.note.PlainTextContent);
      if (unplaced) {
        const creator = resolveUser(unplaced.annotatorId, undefined);
        const categoryKnown = codeByKey.get(normalizeGuid(unplaced.categoryId) ?? unplaced.categoryId);
        if (!categoryKnown || categoryKnown.kind !== 'category') throw new ImportError(`${where}: the unplaced passage "${clip(found.note.name ?? found.id)}" names the category ${unplaced.categoryId}, which is not in the codebook`);
        if (annotationIds.has(found.id)) throw new ImportError(`${where}: the GUID ${found.id} is used by two annotations`);
        annotationIds.add(found.id);
        annotations.push({
          id: found.id,
          documentId: id,
          layer: unplaced.layer === 'consensus' ? 'CONSENSUS' : creator.layer,
          annotatorId: creator.userId,
          categoryId: categoryKnown.categoryId,
          start: Math.min(unplaced.start ?? 0, text.length),
          end: Math.min(unplaced.end ?? 0, text.length),
          quote: unplaced.quote,
          prefix: unplaced.prefix ?? '',
          suffix: unplaced.suffix ?? '',
          note: unplaced.note,
          attributes: unplaced.attributes,
          createdAt: realDateTime(unplaced.createdAt) ?? document.createdAt,
          updatedAt: realDateTime(unplaced.updatedAt) ?? realDateTime(unplaced.createdAt) ?? document.createdAt,
          orphaned: true,
          ...(unplaced.selectionId ? { selectionId: unplaced.selectionId } : {}),
          ...(unplaced.codingId ? { codingId: unplaced.codingId } : {}),
        });
        passagesTotal++;
        codedSelections++;
        flagged++;
        if (summary.flagged.length < maxListedFlags) summary.flagged.push({ source: label, passage: clip(unplaced.quote), reason: 'it was unplaced (orphaned) in the project it was exported from' });
        continue;
      }
      await addMemoPart(id, found, where);
    }

    if (files.onDocument && (await files.onDocument(document, annotations.slice(firstAnnotation)))) {
      // Let go of the text: nothing kept may be a view into it (detach.ts), nor into the XML.
      document.text = '';
      for (let n = firstAnnotation; n < annotations.length; n++) detached.add(detachStrings(annotations[n]!));
      for (let n = firstComment; n < comments.length; n++) detached.add(detachStrings(comments[n]!));
      detached.add(detachStrings(document));
    }

    const positionsEntry: SourcePositions = { source: label, reading: decision.label, decidedBy: decision.decidedBy, passages: rawSelections.length, verified, flagged, fits: decision.fits };
    if (kind !== 'text') positionsEntry.source = `${label} (${kind})`;
    summary.positions.push(positionsEntry);
    verifiedTotal += verified;
    flaggedTotal += flagged;
    if (!decision.fits) {
      warn(`${where}: no way of counting positions fits its ${countOf(rawSelections.length, 'passage')} (the best, ${decision.label}, leaves most of them cutting words); they come in unplaced, to be re-attached by hand.`);
    }
    // Its selections are read: their part of the parsed file (most of it) need not stay in memory.
    delete source.PlainTextSelection;
  }
  files.progress('Reading sources', textSources.length, textSources.length);

  // ── Memos: the project's own, and notes referenced from nowhere.
  for (const ref of project.NoteRef ?? []) await addMemoPart(null, noteOrThrow(ref.targetGUID, 'the project'), 'the project');
  for (const [key, { id, note }] of notes) {
    if (usedNotes.has(key) || setNoteKeys(project).has(key)) continue;
    usedNotes.add(key);
    await addMemoPart(null, { id, note }, `the note "${clip(note.name ?? id)}"`);
  }
  const memos: ExportMemo[] = [];
  for (const [documentId, parts] of memoParts) {
    const first = parts[0]!;
    const body =
      parts.length === 1
        ? first.body
        : parts.map((p) => `${p.name !== '' ? `${p.name}\n\n` : ''}${p.body}`).join('\n\n———\n\n');
    checkLength(body, 'memo', documentId === null ? 'the project memo' : 'a document memo');
    memos.push({ id: first.id, documentId, body, authorId: first.authorId, updatedAt: parts.map((p) => p.updatedAt).sort().at(-1)! });
    if (parts.length > 1) {
      const target = documentId === null ? 'the project memo' : `the memo of “${clip(documents.find((d) => d.id === documentId)?.title ?? 'a document', 40)}”`;
      warn(`${countOf(parts.length, 'note')} become ${target}, one after another under their names (Parallax keeps one memo per document and one for the project).`);
    }
  }

  // ── Sets.
  const documentGroups: ExportGroup[] = [];
  const categoryGroups: ExportGroup[] = [];
  const categoryByKey = new Map(categories.map((c) => [normalizeGuid(c.id) ?? c.id, c.id]));
  for (const set of project.Sets?.Set ?? []) {
    const { id } = guidOrThrow(set.guid, `the set "${set.name}"`);
    const name = checkLength(set.name.trim() || 'Unnamed set', 'groupName', `the set "${clip(set.name)}"’s name`);
    const description = checkLength(set.Description ?? '', 'groupDescription', `the description of the set "${clip(set.name)}"`);
    const sourceMembers = (set.MemberSource ?? []).map((m) => documentKeys.get(normalizeGuid(m.targetGUID) ?? '')).filter((d): d is string => d !== undefined);
    const missingSources = (set.MemberSource?.length ?? 0) - sourceMembers.length;
    const codeMembers = (set.MemberCode ?? []).map((m) => categoryByKey.get(normalizeGuid(m.targetGUID) ?? '')).filter((c): c is string => c !== undefined);
    const missingCodes = (set.MemberCode?.length ?? 0) - codeMembers.length;
    if (missingSources > 0) notImported.add('set members', 'their source does not come in (see above) or is not in the file', name, missingSources);
    if (missingCodes > 0) notImported.add('set members', 'they are not categories of the codebook (an attribute’s code, or a code not in the file)', name, missingCodes);
    if ((set.MemberNote?.length ?? 0) > 0) notImported.add('notes in sets', 'Parallax groups documents and categories, not notes', name, set.MemberNote!.length);
    if ((set.MemberSource?.length ?? 0) > 0 || codeMembers.length === 0) documentGroups.push({ id, name, description, memberIds: unique(sourceMembers) });
    if (codeMembers.length > 0) categoryGroups.push({ id: (set.MemberSource?.length ?? 0) > 0 ? deriveGuid(`set-codes:${normalizeGuid(id)}`) : id, name, description, memberIds: unique(codeMembers) });
  }

  // ── What else the file holds.
  const cases = project.Cases?.Case?.length ?? 0;
  if (cases > 0) notImported.add('cases', 'Parallax has no cases; document groups come closest', undefined, cases);
  const links = project.Links?.Link?.length ?? 0;
  if (links > 0) notImported.add('links', 'Parallax does not link passages yet', undefined, links);
  const graphs = project.Graphs?.Graph?.length ?? 0;
  if (graphs > 0) notImported.add('graphs (networks)', 'Parallax has no network views', undefined, graphs);
  const extras = files.otherEntries().filter((name) => !/\.(docx?|rtf)$/i.test(name) || !textSources.some((t) => t.richText));
  if (extras.length > 0) notImported.add('other files in the archive', 'no source or note refers to them as plain text (rich-text copies, media, attachments)', extras[0], extras.length);
  const richCopies = textSources.filter((t) => t.richText && t.plainText).length;
  if (richCopies > 0) notImported.add('rich-text copies of sources', 'Parallax reads each source’s plain text; the formatting of the .docx copies is not kept', undefined, richCopies);
  if (project.Description !== undefined) checkLength(project.Description, 'projectDescription', 'the project’s description');

  // ── The summary.
  summary.counts = {
    sources: documents.length,
    categories: categories.length,
    attributes: attributes.length,
    passages: passagesTotal,
    notes: annotations.filter((a) => a.note !== '').length,
    comments: comments.length,
    memos: memos.length,
    people: users.length,
    documentGroups: documentGroups.length,
    categoryGroups: categoryGroups.length,
    variables: variablesTotal,
  };
  summary.coders = [...coderCounts].map(([name, passages]) => ({ name, passages })).sort((a, b) => b.passages - a.passages);
  const selectionCount = summary.positions.reduce((n, p) => n + p.passages, 0);
  if (selectionCount > 0) {
    const loose = codedSelections - verifiedTotal - flaggedTotal;
    summary.checks.push({
      ok: flaggedTotal === 0,
      text:
        `${verifiedTotal.toLocaleString('en')} of ${countOf(codedSelections, 'coded passage')} verified against their text (their own quote matches, or both ends fall on word boundaries)` +
        (loose > 0 ? `; ${loose.toLocaleString('en')} more start or end inside a word, as a coder's selection sometimes does, and come in where the file puts them` : '') +
        (flaggedTotal > 0 ? `; ${flaggedTotal.toLocaleString('en')} come in unplaced, for review` : ''),
    });
    const readings = [...new Set(summary.positions.filter((p) => p.passages > 0).map((p) => p.reading))];
    summary.checks.push({ ok: summary.positions.every((p) => p.fits), text: `Positions read as ${readings.join('; ')}${origin ? ` (the file was written by ${origin})` : ''}` });
  }
  summary.notImported = notImported.list();

  // What is kept shares no memory with the XML, which can then go (detach.ts). What was detached
  // as its source was let go of is not copied again: for 50,000 passages that second copy was
  // about 100 MB of heap at the end of the reading.
  const detachNew = <T extends object>(list: T[]) => {
    for (const item of list) if (!detached.has(item)) detachStrings(item);
    return list;
  };
  const plan: ImportPlan = detachStrings({
    snapshot: {
      exportedAt,
      baseUrl: '',
      ...(exportedBy !== undefined ? { exportedBy: exportedBy.id } : {}),
      project: { id: '', slug: slugify(projectName, { fallback: 'imported' }), name: projectName, description: project.Description ?? '' },
      users,
      categories,
      attributes,
      documents: [],
      annotations: [],
      comments: [],
      memos,
      documentGroups,
      categoryGroups,
    },
    summary,
  });
  plan.snapshot.documents = detachNew(documents);
  plan.snapshot.annotations = detachNew(annotations);
  plan.snapshot.comments = detachNew(comments);
  return plan;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}


function positionsLabel(decision: PositionDecision, i: number, text: string): string {
  const placed = decision.placed[i];
  return placed ? text.slice(placed.start, placed.end) : `selection ${i + 1}`;
}

function countCodeNotes(codes: readonly unknown[]): number {
  let n = 0;
  const visit = (code: unknown) => {
    if (code === null || typeof code !== 'object') return;
    const c = code as { NoteRef?: unknown[]; Code?: unknown[] };
    n += c.NoteRef?.length ?? 0;
    for (const child of c.Code ?? []) visit(child);
  };
  for (const code of codes) visit(code);
  return n;
}

function setNoteKeys(project: z.infer<typeof projectSchema>): Set<string> {
  const keys = new Set<string>();
  for (const set of project.Sets?.Set ?? []) for (const m of set.MemberNote ?? []) keys.add(normalizeGuid(m.targetGUID) ?? m.targetGUID);
  return keys;
}

function parseBlocks(value: string, points: CodePointIndex, where: string): ExportBlock[] {
  if (value.trim() === '') return [];
  return value.split('\n').map((line, i) => {
    const match = /^(h[23]?|p) (\d+)-(\d+)$/.exec(line.trim());
    if (!match) throw new ImportError(`${where}: line ${i + 1} of the block structure, "${line}", is not like "p 36-210"`);
    const [, kind, from, to] = match;
    const start = Number(from);
    const end = Number(to);
    if (start > end || end > points.pointLength) {
      throw new ImportError(`${where}: block ${i + 1} (${start}-${end}) is outside the text (${points.pointLength} characters)`);
    }
    const block: ExportBlock = { type: kind === 'p' ? 'paragraph' : 'heading', start: points.toUnits(start), end: points.toUnits(end) };
    if (kind === 'h2') block.level = 2;
    if (kind === 'h3') block.level = 3;
    return block;
  });
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
