// A project as a REFI-QDA project file (.qdpx): a zip holding `project.qde` (QDA-XML 1.0,
// namespace urn:QDA-XML:project:1.0, checked against Project-mrt2019.xsd) and one UTF-8 plain-text
// file per document, `sources/<guid>.txt`, named in the XML as plainTextPath="internal://<guid>.txt".
//
// Mapping (what QDA-XML has a place for goes there; the rest is written so other tools show it
// sensibly and fromQdpx reads it back):
//
// - Ids: Parallax ids are UUIDs and become the GUIDs as they are (lower case, which GUIDType
//   allows). Elements with no Parallax id get name-based GUIDs (guid.ts), recomputed on import.
// - Users/User: guid = user id, name, id = e-mail when known (QDA-XML's "id" is the login name).
// - Layers: an annotator's annotation is a PlainTextSelection created by that user. The consensus
//   layer has no counterpart in QDA-XML (Sets cannot hold selections), so each curator also appears
//   as a second user, "Consensus (curated by <name>)", whose GUID is derived from the curator's id;
//   consensus selections are created by that user. Other tools then show the consensus as one more
//   coder, which is what it is for agreement work; fromQdpx recognises the derived GUID and gives
//   the annotation back to the curator in the CONSENSUS layer.
// - Codebook: categories and attributes as described in qda-codes.ts (attribute options are child
//   codes of a non-codable "Attribute: <name>" code; an attribute value is one more Coding of the
//   selection).
// - Sources/TextSource: guid = document id, name = title (or file name), creationDateTime =
//   createdAt, a readable Description of the metadata, and the metadata itself as VariableValues
//   of project Variables (Title, Author, Author affiliation, Outlet, Published on (a Date), Source
//   URL, Source file, Content SHA-256, Parallax block structure). Only non-null values are written,
//   so null stays null. The block structure is one line per block: `h2 0-34`, `h3 …`, `h …`
//   (heading without level), `p 36-210` (paragraph), offsets in characters like the selections.
// - PlainTextSelection: guid = annotation id, name = the start of the quote, start/endPosition,
//   creatingUser, creationDateTime = createdAt, modifiedDateTime = updatedAt; a Coding with the
//   category's code, then one per attribute value; NoteRefs to its note and its comments.
// - Positions: QDA-XML counts characters (Unicode code points) of the plain text; Parallax counts
//   UTF-16 code units. Both directions convert (code-points.ts), so an emoji is one character in
//   the file. Prefix and suffix are not stored: the importer recomputes them from the text with
//   lib/anchoring's describeSpan, as Parallax does when an annotation is made.
// - Notes/Note (PlainTextContent inline): an annotation's note (GUID derived from the annotation
//   id, so it is told apart from comments), each comment (guid = comment id, creatingUser = author,
//   creationDateTime = createdAt, modifiedDateTime = editedAt when edited), each memo (guid = memo
//   id, modifiedDateTime = updatedAt). A document memo is a NoteRef of its TextSource, a project
//   memo a NoteRef of the Project.
// - Project: name, origin "Parallax", creationDateTime = exportedAt, creatingUserGUID = exportedBy
//   (when given), Description = the project's description.
// - Not carried: the project's id and slug and the app's baseUrl (an import makes a new project;
//   fromQdpx returns an empty id and baseUrl and a slug of the name), and category positions other
//   than their order (they come back as 0, 1, 2 … among siblings).
//
// Files from other tools import too: a selection coded with several categories becomes one
// annotation per category, a selection with no category (QDA tools allow bare quotations) is
// skipped because a Parallax annotation needs one, notes on a selection become comments, notes
// referenced from nowhere become project memos, and a text without block structure gets one
// paragraph per line. What cannot be imported faithfully is refused with an ImportError naming it.
import { unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { describeSpan } from '@/lib/anchoring/selectors';
import { CodePointIndex } from './code-points';
import { ImportError, importErrorFromIssues } from './errors';
import { deriveGuid, normalizeGuid } from './guid';
import { readCodes, renderCodes, type CodeMeaning } from './qda-codes';
import { documentName, indexSnapshot, inferBlocks, sha256Hex, slugify } from './snapshot';
import type {
  ExportAnnotation,
  ExportBlock,
  ExportComment,
  ExportDocument,
  ExportMemo,
  ExportSnapshot,
  ExportUser,
} from './types';
import { element, parseXmlDocument, renderXml, textElement, type XmlNode } from './xml';

export const qdpxNamespace = 'urn:QDA-XML:project:1.0';
const schemaLocation = `${qdpxNamespace} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd`;

type MetadataKey = 'title' | 'author' | 'authorAffiliation' | 'outlet' | 'publishedOn' | 'sourceUrl' | 'sourceName' | 'contentHash' | 'blocks';

const variables: { key: MetadataKey; name: string; type: 'Text' | 'Date'; description: string }[] = [
  { key: 'title', name: 'Title', type: 'Text', description: 'The title the source states.' },
  { key: 'author', name: 'Author', type: 'Text', description: 'The author the source names.' },
  { key: 'authorAffiliation', name: 'Author affiliation', type: 'Text', description: 'The author’s affiliation as the source gives it.' },
  { key: 'outlet', name: 'Outlet', type: 'Text', description: 'The publication the source appeared in.' },
  { key: 'publishedOn', name: 'Published on', type: 'Date', description: 'The publication date.' },
  { key: 'sourceUrl', name: 'Source URL', type: 'Text', description: 'Where the source was published.' },
  { key: 'sourceName', name: 'Source file', type: 'Text', description: 'The file the text was imported from.' },
  { key: 'contentHash', name: 'Content SHA-256', type: 'Text', description: 'SHA-256 of the plain text (UTF-8), hex.' },
  {
    key: 'blocks',
    name: 'Parallax block structure',
    type: 'Text',
    description: 'Headings and paragraphs of the text, one per line: "h2 0-34" (heading level 2), "p 36-210" (paragraph); character offsets, end exclusive.',
  },
];
const variableGuid = (key: MetadataKey) => deriveGuid(`variable:${key}`);
const consensusUserGuid = (curatorId: string) => deriveGuid(`consensus-user:${curatorId}`);
const annotationNoteGuid = (annotationId: string) => deriveGuid(`annotation-note:${annotationId}`);
const codingGuid = (annotationId: string, codeGuid: string) => deriveGuid(`coding:${annotationId}:${codeGuid}`);

/** A selection's name: the start of its quote on one line, as QDA tools name quotations. */
function selectionName(quote: string): string {
  const line = quote.replace(/\s+/g, ' ').trim();
  const characters = [...line];
  return characters.length <= 80 ? line : `${characters.slice(0, 79).join('')}…`;
}

function formatBlocks(blocks: readonly ExportBlock[], points: CodePointIndex): string {
  return blocks
    .map((b) => `${b.type === 'paragraph' ? 'p' : `h${b.level ?? ''}`} ${points.toPoints(b.start)}-${points.toPoints(b.end)}`)
    .join('\n');
}

function sourceDescription(document: ExportDocument): string | null {
  const lines = [
    document.author !== null && `Author: ${document.author}${document.authorAffiliation !== null ? ` (${document.authorAffiliation})` : ''}`,
    document.author === null && document.authorAffiliation !== null && `Author affiliation: ${document.authorAffiliation}`,
    document.outlet !== null && `Outlet: ${document.outlet}`,
    document.publishedOn !== null && `Published: ${document.publishedOn}`,
    document.sourceUrl !== null && `URL: ${document.sourceUrl}`,
  ].filter((line): line is string => typeof line === 'string');
  return lines.length === 0 ? null : lines.join('\n');
}

function noteElement(
  guid: string,
  name: string,
  body: string,
  dates: { creatingUser: string; creationDateTime?: string | null; modifiedDateTime?: string | null },
): XmlNode {
  return element(
    'Note',
    {
      guid,
      name,
      creatingUser: dates.creatingUser,
      creationDateTime: dates.creationDateTime,
      modifyingUser: dates.modifiedDateTime ? dates.creatingUser : null,
      modifiedDateTime: dates.modifiedDateTime,
    },
    [textElement('PlainTextContent', body)],
  );
}

function buildProjectXml(snapshot: ExportSnapshot): string {
  const index = indexSnapshot(snapshot);
  const userName = (id: string) => index.users.get(id)?.name ?? id;
  const annotationsByDocument = new Map<string, ExportAnnotation[]>();
  for (const a of snapshot.annotations) {
    const list = annotationsByDocument.get(a.documentId);
    if (list) list.push(a);
    else annotationsByDocument.set(a.documentId, [a]);
  }
  const ordered = snapshot.documents.flatMap((d) => annotationsByDocument.get(d.id) ?? []);
  const commentsByAnnotation = new Map<string, ExportComment[]>();
  for (const c of snapshot.comments) {
    const list = commentsByAnnotation.get(c.annotationId);
    if (list) list.push(c);
    else commentsByAnnotation.set(c.annotationId, [c]);
  }
  const optionIds = new Map(snapshot.attributes.map((a) => [a.key, new Map(a.options.map((o) => [o.value, o.id]))]));
  const curators = new Set(snapshot.annotations.filter((a) => a.layer === 'CONSENSUS').map((a) => a.annotatorId));
  const creatorGuid = (a: ExportAnnotation) => (a.layer === 'CONSENSUS' ? consensusUserGuid(a.annotatorId) : a.annotatorId);

  const users = [
    ...snapshot.users.map((u) => element('User', { guid: u.id, name: u.name, id: u.email })),
    ...snapshot.users
      .filter((u) => curators.has(u.id))
      .map((u) => element('User', { guid: consensusUserGuid(u.id), name: `Consensus (curated by ${u.name})` })),
  ];

  const usedVariables = new Set<MetadataKey>();
  const sources = snapshot.documents.map((document, documentIndex) => {
    const points = new CodePointIndex(document.text);
    const selections = (annotationsByDocument.get(document.id) ?? []).map((a) => {
      const creator = creatorGuid(a);
      const codes = [
        a.categoryId,
        ...snapshot.attributes.flatMap((attribute) => {
          const value = a.attributes[attribute.key];
          const optionId = value === undefined ? undefined : optionIds.get(attribute.key)?.get(value);
          return optionId === undefined ? [] : [optionId];
        }),
      ];
      const notes = [...(a.note !== '' ? [annotationNoteGuid(a.id)] : []), ...(commentsByAnnotation.get(a.id) ?? []).map((c) => c.id)];
      return element(
        'PlainTextSelection',
        {
          guid: a.id,
          name: selectionName(a.quote),
          startPosition: points.toPoints(a.start),
          endPosition: points.toPoints(a.end),
          creatingUser: creator,
          creationDateTime: a.createdAt,
          modifiedDateTime: a.updatedAt,
        },
        [
          ...codes.map((code) =>
            element('Coding', { guid: codingGuid(a.id, code), creatingUser: creator, creationDateTime: a.createdAt }, [
              element('CodeRef', { targetGUID: code }),
            ]),
          ),
          ...notes.map((guid) => element('NoteRef', { targetGUID: guid })),
        ],
      );
    });
    const values: Record<MetadataKey, string | null> = {
      title: document.title,
      author: document.author,
      authorAffiliation: document.authorAffiliation,
      outlet: document.outlet,
      publishedOn: document.publishedOn,
      sourceUrl: document.sourceUrl,
      sourceName: document.sourceName,
      contentHash: document.contentHash,
      blocks: formatBlocks(document.blocks, points),
    };
    const variableValues = variables.flatMap(({ key, type }) => {
      const value = values[key];
      if (value === null) return [];
      usedVariables.add(key);
      return [
        element('VariableValue', {}, [
          element('VariableRef', { targetGUID: variableGuid(key) }),
          textElement(type === 'Date' ? 'DateValue' : 'TextValue', value),
        ]),
      ];
    });
    const description = sourceDescription(document);
    return element(
      'TextSource',
      {
        guid: document.id,
        name: documentName(document, documentIndex),
        plainTextPath: `internal://${document.id}.txt`,
        creationDateTime: document.createdAt,
      },
      [
        description !== null && textElement('Description', description),
        ...selections,
        ...snapshot.memos.filter((m) => m.documentId === document.id).map((m) => element('NoteRef', { targetGUID: m.id })),
        ...variableValues,
      ],
    );
  });

  const documentNames = new Map(snapshot.documents.map((d, i) => [d.id, documentName(d, i)]));
  const notes = [
    ...ordered.flatMap((a) => [
      ...(a.note !== ''
        ? [
            noteElement(annotationNoteGuid(a.id), `Note on “${selectionName(a.quote)}”`, a.note, {
              creatingUser: a.annotatorId,
              creationDateTime: a.createdAt,
              modifiedDateTime: a.updatedAt,
            }),
          ]
        : []),
      ...(commentsByAnnotation.get(a.id) ?? []).map((c) =>
        noteElement(c.id, `Comment by ${userName(c.authorId)}`, c.body, {
          creatingUser: c.authorId,
          creationDateTime: c.createdAt,
          modifiedDateTime: c.editedAt,
        }),
      ),
    ]),
    ...snapshot.memos.map((m) =>
      noteElement(m.id, m.documentId === null ? 'Project memo' : `Memo on ${documentNames.get(m.documentId) ?? 'a document'}`, m.body, {
        creatingUser: m.authorId,
        modifiedDateTime: m.updatedAt,
      }),
    ),
  ];

  const codes = renderCodes(snapshot.categories, snapshot.attributes);
  const usedVariableList = variables.filter((v) => usedVariables.has(v.key));
  const root = element(
    'Project',
    {
      xmlns: qdpxNamespace,
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': schemaLocation,
      name: snapshot.project.name,
      origin: 'Parallax',
      creatingUserGUID: snapshot.exportedBy,
      creationDateTime: snapshot.exportedAt,
    },
    [
      users.length > 0 && element('Users', {}, users),
      codes.length > 0 && element('CodeBook', {}, [element('Codes', {}, codes)]),
      usedVariableList.length > 0 &&
        element(
          'Variables',
          {},
          usedVariableList.map((v) =>
            element('Variable', { guid: variableGuid(v.key), name: v.name, typeOfVariable: v.type }, [textElement('Description', v.description)]),
          ),
        ),
      sources.length > 0 && element('Sources', {}, sources),
      notes.length > 0 && element('Notes', {}, notes),
      snapshot.project.description !== '' && textElement('Description', snapshot.project.description),
      ...snapshot.memos.filter((m) => m.documentId === null).map((m) => element('NoteRef', { targetGUID: m.id })),
    ],
  );
  return renderXml(root);
}

/** Zip entries get the export time (DOS times start in 1980), so the same snapshot gives the same bytes. */
function zipTime(exportedAt: string): Date {
  const time = Date.parse(exportedAt);
  const earliest = Date.UTC(1980, 0, 2);
  return new Date(Number.isNaN(time) || time < earliest ? earliest : time);
}

export function toQdpx(snapshot: ExportSnapshot): Uint8Array {
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = { 'project.qde': encoder.encode(buildProjectXml(snapshot)) };
  for (const document of snapshot.documents) files[`sources/${document.id}.txt`] = encoder.encode(document.text);
  return zipSync(files, { level: 6, mtime: zipTime(snapshot.exportedAt) });
}

// ─── Import ──────────────────────────────────────────────────────────────────────────────────

const maxEntryBytes = 64 * 1024 * 1024;
const maxTotalBytes = 256 * 1024 * 1024;
const epoch = '1970-01-01T00:00:00.000Z';

const repeated = new Set([
  'User',
  'Code',
  'Variable',
  'Case',
  'TextSource',
  'PictureSource',
  'PDFSource',
  'AudioSource',
  'VideoSource',
  'PlainTextSelection',
  'Coding',
  'NoteRef',
  'VariableValue',
  'Note',
  'Set',
  'MemberCode',
  'MemberSource',
  'MemberNote',
  'Link',
  'Graph',
]);

const integer = z.string().regex(/^\s*[+-]?\d+\s*$/, 'expected a whole number');
const refSchema = z.object({ targetGUID: z.string() });
const codingSchema = z.object({
  guid: z.string(),
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
  creationDateTime: z.string().optional(),
  PlainTextContent: z.string().optional(),
  PlainTextSelection: z.array(selectionSchema).optional(),
  Coding: z.array(z.unknown()).optional(),
  NoteRef: z.array(refSchema).optional(),
  VariableValue: z.array(variableValueSchema).optional(),
});
const noteSchema = z.object({
  guid: z.string(),
  name: z.string().optional(),
  plainTextPath: z.string().optional(),
  creatingUser: z.string().optional(),
  creationDateTime: z.string().optional(),
  modifiedDateTime: z.string().optional(),
  PlainTextContent: z.string().optional(),
});
const projectSchema = z.object({
  name: z.string(),
  creatingUserGUID: z.string().optional(),
  creationDateTime: z.string().optional(),
  modifiedDateTime: z.string().optional(),
  Users: z.object({ User: z.array(z.object({ guid: z.string(), name: z.string().optional(), id: z.string().optional() })) }).optional(),
  CodeBook: z.object({ Codes: z.object({ Code: z.array(z.unknown()) }) }).optional(),
  Variables: z.object({ Variable: z.array(z.object({ guid: z.string(), name: z.string() })) }).optional(),
  Sources: z
    .object({
      TextSource: z.array(textSourceSchema).optional(),
      PictureSource: z.array(z.unknown()).optional(),
      PDFSource: z.array(z.unknown()).optional(),
      AudioSource: z.array(z.unknown()).optional(),
      VideoSource: z.array(z.unknown()).optional(),
    })
    .optional(),
  Notes: z.object({ Note: z.array(noteSchema) }).optional(),
  Description: z.string().optional(),
  NoteRef: z.array(refSchema).optional(),
});

type TextSourceInput = z.infer<typeof textSourceSchema>;
type NoteInput = z.infer<typeof noteSchema>;

function decodeText(bytes: Uint8Array, what: string): string {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(`${what} is not UTF-8 text`);
  }
}

function unzipQdpx(bytes: Uint8Array): Record<string, Uint8Array> {
  let tooLarge: string | null = null;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        const wanted = file.name === 'project.qde' || file.name.startsWith('sources/');
        if (!wanted) return false;
        total += file.originalSize;
        if (file.originalSize > maxEntryBytes || total > maxTotalBytes) {
          tooLarge = file.name;
          return false;
        }
        return true;
      },
    });
  } catch {
    throw new ImportError('the file is not a zip archive: a .qdpx file is a zip holding project.qde and a sources/ folder');
  }
  if (tooLarge !== null) throw new ImportError(`the archive entry ${tooLarge} is too large to import (at most 64 MiB a file, 256 MiB in all)`);
  return files;
}

function internalPath(path: string): string | null {
  const match = /^internal:\/\/(.+)$/.exec(path.trim());
  return match ? `sources/${match[1]}` : null;
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

/**
 * Reads a .qdpx file into a snapshot. Throws ImportError for anything that is not a readable
 * REFI-QDA project: not a zip, no project.qde, XML that is not well-formed or not QDA-XML, and
 * references that point nowhere (a selection past its text's end, a CodeRef to an unknown code, …).
 */
export function fromQdpx(bytes: Uint8Array): ExportSnapshot {
  const files = unzipQdpx(bytes);
  const qde = files['project.qde'];
  if (!qde) throw new ImportError('the archive has no project.qde: it is not a REFI-QDA project (.qdpx)');
  const root = parseXmlDocument(decodeText(qde, 'project.qde'), { root: 'Project', namespace: qdpxNamespace, what: 'project.qde', arrays: repeated });
  const parsed = projectSchema.safeParse(root);
  if (!parsed.success) throw importErrorFromIssues('project.qde: Project', parsed.error.issues, root);
  const project = parsed.data;
  const exportedAt = project.creationDateTime ?? project.modifiedDateTime ?? epoch;

  const otherSources = (['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource'] as const).filter((kind) => (project.Sources?.[kind]?.length ?? 0) > 0);
  if (otherSources.length > 0) {
    throw new ImportError(`project.qde holds ${otherSources.join(', ')} sources; Parallax imports text sources only: remove them in the other tool first`);
  }

  // Users, and the consensus users that stand for a curator (their GUID derives from the curator's).
  const users: ExportUser[] = [];
  const userIds = new Set<string>();
  const rawUsers = project.Users?.User ?? [];
  for (const user of rawUsers) {
    const id = normalizeGuid(user.guid);
    if (id === null) throw new ImportError(`project.qde: the user "${user.name ?? user.guid}" has the GUID "${user.guid}", which is not a GUID`);
    if (userIds.has(id)) throw new ImportError(`project.qde: the user GUID ${id} appears twice`);
    userIds.add(id);
  }
  const curatorOf = new Map<string, string>();
  for (const id of userIds) curatorOf.set(consensusUserGuid(id), id);
  for (const user of rawUsers) {
    const id = normalizeGuid(user.guid)!;
    if (curatorOf.has(id)) continue;
    const entry: ExportUser = { id, name: user.name ?? user.id ?? 'Unnamed user' };
    if (user.id !== undefined && user.id.includes('@')) entry.email = user.id;
    users.push(entry);
  }
  const realUserIds = new Set(users.map((u) => u.id));
  const exportedByGuid = project.creatingUserGUID === undefined ? null : normalizeGuid(project.creatingUserGUID);
  const exportedBy = exportedByGuid !== null && realUserIds.has(exportedByGuid) ? exportedByGuid : undefined;

  /** The layer and Parallax user of a creatingUser GUID; `fallback` when the file names none. */
  const resolveUser = (guid: string | undefined, where: string, fallback?: { layer: ExportAnnotation['layer']; userId: string }) => {
    if (guid === undefined) {
      if (fallback) return fallback;
      const someone = exportedBy ?? users[0]?.id;
      if (someone === undefined) throw new ImportError(`${where} names no user, and the project has none`);
      return { layer: 'ANNOTATOR' as const, userId: someone };
    }
    const id = normalizeGuid(guid);
    const curator = id === null ? undefined : curatorOf.get(id);
    if (curator !== undefined) return { layer: 'CONSENSUS' as const, userId: curator };
    if (id === null || !realUserIds.has(id)) throw new ImportError(`${where} was made by the user ${guid}, who is not among the project's <Users>`);
    return { layer: 'ANNOTATOR' as const, userId: id };
  };

  const { categories, attributes, codes } = readCodes(project.CodeBook?.Codes.Code ?? [], 'project.qde');

  const variableKeys = new Map<string, MetadataKey>();
  for (const v of variables) variableKeys.set(variableGuid(v.key), v.key);
  for (const declared of project.Variables?.Variable ?? []) {
    // Variables made elsewhere with the same names (an "Author" variable, say) fill the same fields.
    const known = variables.find((v) => v.name.toLowerCase() === declared.name.trim().toLowerCase());
    const guid = normalizeGuid(declared.guid);
    if (known && guid !== null && !variableKeys.has(guid)) variableKeys.set(guid, known.key);
  }

  const notes = new Map<string, NoteInput>();
  for (const note of project.Notes?.Note ?? []) {
    const id = normalizeGuid(note.guid);
    if (id === null) throw new ImportError(`project.qde: the note "${note.name ?? note.guid}" has the GUID "${note.guid}", which is not a GUID`);
    notes.set(id, note);
  }
  const usedNotes = new Set<string>();
  const noteOrThrow = (guid: string, where: string): { id: string; note: NoteInput } => {
    const id = normalizeGuid(guid);
    const note = id === null ? undefined : notes.get(id);
    if (id === null || !note) throw new ImportError(`${where} refers to the note ${guid}, which is not among the project's <Notes>`);
    usedNotes.add(id);
    return { id, note };
  };
  const noteBody = (note: NoteInput, where: string): string => {
    if (note.PlainTextContent !== undefined) return note.PlainTextContent;
    const path = note.plainTextPath === undefined ? null : internalPath(note.plainTextPath);
    const file = path === null ? undefined : files[path];
    if (!file) return '';
    return decodeText(file, `${where}'s text ${path}`);
  };

  const documents: ExportDocument[] = [];
  const annotations: ExportAnnotation[] = [];
  const comments: ExportComment[] = [];
  const memos: ExportMemo[] = [];
  const documentIds = new Set<string>();
  const annotationIds = new Set<string>();

  const readSource = (source: TextSourceInput, sourceIndex: number) => {
    const label = source.name ?? `source ${sourceIndex + 1}`;
    const where = `source "${label}"`;
    const id = normalizeGuid(source.guid);
    if (id === null) throw new ImportError(`${where} has the GUID "${source.guid}", which is not a GUID`);
    if (documentIds.has(id)) throw new ImportError(`${where}: the GUID ${id} is used by two sources`);
    documentIds.add(id);

    let text: string;
    if (source.plainTextPath !== undefined) {
      const path = internalPath(source.plainTextPath);
      if (path === null) throw new ImportError(`${where}: its text "${source.plainTextPath}" is outside the archive; only internal:// texts can be imported`);
      const file = files[path];
      if (!file) throw new ImportError(`${where}: its text ${path} is missing from the archive`);
      text = decodeText(file, path);
    } else if (source.PlainTextContent !== undefined) {
      text = source.PlainTextContent;
    } else {
      throw new ImportError(`${where} has neither a plainTextPath nor a PlainTextContent`);
    }
    if ((source.Coding?.length ?? 0) > 0) {
      throw new ImportError(`${where} is coded as a whole; Parallax annotations are passages: code a selection of the text instead`);
    }
    const points = new CodePointIndex(text);

    const metadata = new Map<MetadataKey, string>();
    for (const value of source.VariableValue ?? []) {
      const guid = normalizeGuid(value.VariableRef.targetGUID);
      const key = guid === null ? undefined : variableKeys.get(guid);
      const content = value.TextValue ?? value.DateValue ?? value.DateTimeValue ?? value.IntegerValue ?? value.FloatValue ?? value.BooleanValue;
      if (key !== undefined && content !== undefined) metadata.set(key, key === 'publishedOn' ? content.trim().slice(0, 10) : content);
    }
    // A Parallax export always writes the hash; a source without it came from another tool, whose
    // name for the source is the best title there is.
    const isParallaxSource = metadata.has('contentHash');
    const document: ExportDocument = {
      id,
      title: metadata.get('title') ?? (isParallaxSource ? null : (source.name ?? null)),
      author: metadata.get('author') ?? null,
      authorAffiliation: metadata.get('authorAffiliation') ?? null,
      outlet: metadata.get('outlet') ?? null,
      publishedOn: metadata.get('publishedOn') ?? null,
      sourceUrl: metadata.get('sourceUrl') ?? null,
      sourceName: metadata.get('sourceName') ?? null,
      text,
      blocks: metadata.has('blocks') ? parseBlocks(metadata.get('blocks') ?? '', points, where) : inferBlocks(text),
      contentHash: metadata.get('contentHash') ?? sha256Hex(text),
      createdAt: source.creationDateTime ?? exportedAt,
    };
    documents.push(document);

    for (const selection of source.PlainTextSelection ?? []) {
      const selectionId = normalizeGuid(selection.guid);
      const selectionWhere = `${where}: selection "${selection.name ?? selection.guid}"`;
      if (selectionId === null) throw new ImportError(`${selectionWhere} has the GUID "${selection.guid}", which is not a GUID`);
      const start = Number(selection.startPosition);
      const end = Number(selection.endPosition);
      if (start < 0) throw new ImportError(`${selectionWhere} starts at ${start}, before the start of the text`);
      if (end > points.pointLength) {
        throw new ImportError(`${selectionWhere} ends at ${end}, past the end of its text (${points.pointLength} characters)`);
      }
      if (end <= start) throw new ImportError(`${selectionWhere} ends (${end}) where or before it starts (${start}): it selects no text`);
      const creator = resolveUser(selection.creatingUser ?? selection.Coding?.[0]?.creatingUser, selectionWhere);
      const createdAt = selection.creationDateTime ?? selection.Coding?.[0]?.creationDateTime ?? document.createdAt;

      const categoryIds: string[] = [];
      const values: Record<string, string> = {};
      const noteRefs = [...(selection.NoteRef ?? [])];
      for (const coding of selection.Coding ?? []) {
        noteRefs.push(...(coding.NoteRef ?? []));
        const target = normalizeGuid(coding.CodeRef.targetGUID);
        const meaning: CodeMeaning | undefined = target === null ? undefined : codes.get(target);
        if (!meaning) throw new ImportError(`${selectionWhere} is coded with the code ${coding.CodeRef.targetGUID}, which is not in the codebook`);
        if (meaning.kind === 'attribute') {
          const attribute = attributes.find((a) => a.key === meaning.attributeKey);
          throw new ImportError(`${selectionWhere} is coded with the attribute "${attribute?.name ?? meaning.attributeKey}" itself; code it with one of its options`);
        }
        if (meaning.kind === 'category') categoryIds.push(meaning.categoryId);
        else if (values[meaning.attributeKey] === undefined) values[meaning.attributeKey] = meaning.value;
      }
      if (categoryIds.length === 0) continue;

      let note = '';
      const commentNotes: { id: string; note: NoteInput }[] = [];
      for (const ref of noteRefs) {
        const found = noteOrThrow(ref.targetGUID, selectionWhere);
        if (found.id === annotationNoteGuid(selectionId)) note = noteBody(found.note, selectionWhere);
        else commentNotes.push(found);
      }

      const anchor = describeSpan(text, points.toUnits(start), points.toUnits(end));
      unique(categoryIds).forEach((categoryId, i) => {
        const annotationId = i === 0 ? selectionId : deriveGuid(`selection-category:${selectionId}:${categoryId}`);
        if (annotationIds.has(annotationId)) throw new ImportError(`${selectionWhere}: the GUID ${annotationId} is used by two selections`);
        annotationIds.add(annotationId);
        annotations.push({
          id: annotationId,
          documentId: id,
          layer: creator.layer,
          annotatorId: creator.userId,
          categoryId,
          start: anchor.start,
          end: anchor.end,
          quote: anchor.quote,
          prefix: anchor.prefix,
          suffix: anchor.suffix,
          note,
          attributes: { ...values },
          createdAt,
          updatedAt: selection.modifiedDateTime ?? createdAt,
        });
        for (const { id: noteId, note: commentNote } of commentNotes) {
          const commentId = i === 0 ? noteId : deriveGuid(`comment-copy:${noteId}:${annotationId}`);
          const author = resolveUser(commentNote.creatingUser, `the note "${commentNote.name ?? noteId}"`, creator);
          comments.push({
            id: commentId,
            annotationId,
            authorId: author.userId,
            body: noteBody(commentNote, `the note "${commentNote.name ?? noteId}"`),
            createdAt: commentNote.creationDateTime ?? createdAt,
            editedAt: commentNote.modifiedDateTime ?? null,
          });
        }
      });
    }

    for (const ref of source.NoteRef ?? []) {
      const { id: memoId, note } = noteOrThrow(ref.targetGUID, where);
      memos.push(memoFromNote(memoId, note, id));
    }
  };

  const memoFromNote = (memoId: string, note: NoteInput, documentId: string | null): ExportMemo => {
    const where = `the note "${note.name ?? memoId}"`;
    return {
      id: memoId,
      documentId,
      body: noteBody(note, where),
      authorId: resolveUser(note.creatingUser, where).userId,
      updatedAt: note.modifiedDateTime ?? note.creationDateTime ?? exportedAt,
    };
  };

  (project.Sources?.TextSource ?? []).forEach(readSource);

  // Memos come out in the order of <Notes>, so a re-export writes the same file (comments already
  // do: they are read selection by selection, the order their notes were written in).
  const noteOrder = new Map([...notes.keys()].map((id, i) => [id, i]));
  const byNoteOrder = (a: { id: string }, b: { id: string }) => (noteOrder.get(a.id) ?? 0) - (noteOrder.get(b.id) ?? 0);
  const projectMemos = (project.NoteRef ?? []).map((ref) => {
    const { id: memoId, note } = noteOrThrow(ref.targetGUID, 'the project');
    return memoFromNote(memoId, note, null);
  });
  const looseMemos = [...notes.entries()].filter(([id]) => !usedNotes.has(id)).map(([id, note]) => memoFromNote(id, note, null));

  return {
    exportedAt,
    baseUrl: '',
    ...(exportedBy !== undefined ? { exportedBy } : {}),
    project: { id: '', slug: slugify(project.name), name: project.name, description: project.Description ?? '' },
    users,
    categories,
    attributes,
    documents,
    annotations,
    comments,
    memos: [...memos, ...projectMemos, ...looseMemos].sort(byNoteOrder),
  };
}
