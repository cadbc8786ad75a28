// Reads a REFI-QDA project file (.qdpx) into a snapshot: the mapping is the one qdpx.ts describes,
// read back; files from other tools are read as described there too.
import { unzipSync } from 'fflate';
import { z } from 'zod';
import { describeSpan } from '@/lib/anchoring/selectors';
import { CodePointIndex } from './code-points';
import { ImportError, importErrorFromIssues } from './errors';
import { deriveGuid, normalizeGuid } from './guid';
import { readCodes, type CodeMeaning } from './qda-codes';
import { annotationNoteGuid, consensusUserGuid, qdpxNamespace, qdpxVariables, variableGuid, type MetadataKey } from './qdpx-shared';
import { inferBlocks, sha256Hex, slugify } from './snapshot';
import type { ExportAnnotation, ExportBlock, ExportComment, ExportDocument, ExportMemo, ExportSnapshot, ExportUser } from './types';
import { parseXmlDocument } from './xml';

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
    const raw = unzipSync(bytes, {
      filter: (file) => {
        // The standard's examples write Sources/, Parallax wrote sources/: any spelling will do.
        const wanted = file.name === 'project.qde' || /^sources\//i.test(file.name);
        if (!wanted) return false;
        total += file.originalSize;
        if (file.originalSize > maxEntryBytes || total > maxTotalBytes) {
          tooLarge = file.name;
          return false;
        }
        return true;
      },
    });
    // Paths are matched without regard to case (internal:// names and folder spellings vary).
    files = Object.fromEntries(Object.entries(raw).map(([name, content]) => [name.toLowerCase(), content]));
  } catch {
    throw new ImportError('the file is not a zip archive: a .qdpx file is a zip holding project.qde and a sources/ folder');
  }
  if (tooLarge !== null) throw new ImportError(`the archive entry ${tooLarge} is too large to import (at most 64 MiB a file, 256 MiB in all)`);
  return files;
}

function internalPath(path: string): string | null {
  const match = /^internal:\/\/(.+)$/.exec(path.trim());
  return match ? `sources/${match[1]}`.toLowerCase() : null;
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
  for (const v of qdpxVariables) variableKeys.set(variableGuid(v.key), v.key);
  for (const declared of project.Variables?.Variable ?? []) {
    // Variables made elsewhere with the same names (an "Author" variable, say) fill the same fields.
    const known = qdpxVariables.find((v) => v.name.toLowerCase() === declared.name.trim().toLowerCase());
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
