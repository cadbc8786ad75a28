import 'server-only';
import { randomUUID } from 'node:crypto';
import { plural, quote } from '@/lib/activity';
import { describeSpan } from '@/lib/anchoring';
import { AppError } from '@/lib/errors';
import { ImportError } from '@/lib/export/errors';
import { parentsFirst } from '@/lib/export/snapshot';
import type { ExportSnapshot } from '@/lib/export/types';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from './actor';
import { findUnstorable } from '@/lib/validations/storable';
import { recordActivity } from './activity';
import { memoryRelief } from '@/lib/jobs/memory';
import { forgetStatementArguments } from '@/lib/db';

// Writing an imported snapshot (lib/export's importers) into a new project, inside the caller's
// transaction: one transaction for the whole file, so a file that fails half-way leaves nothing.
// Rows are written in batches (one INSERT per few thousand rows) and every lookup is a Map, so a
// file of 50,000 passages and as many comments costs a few dozen statements, not 100,000.
//
// The three bulk tables (documents, passages, comments) are written with INSERT … SELECT FROM
// unnest(column arrays): one parameter per column whatever the batch size. Prisma's createMany
// compiles every row of a batch into its query plan (in its WebAssembly query compiler) and then
// interprets that plan row by row; for 50,000 passages that took about 40 s of CPU and most of
// the worker's memory (issue 14's benchmark, scripts/bench/import.ts), against about 1 s here.

export type StoredProject = { projectId: string; slug: string; name: string; documents: number; annotations: number; comments: number; memos: number; people: number };

type Progress = (stage: string, done: number, total: number) => void;

const batchRows = 2000;
/** Rows per unnest INSERT: each column is one array parameter, so the statement stays small. */
const bulkRows = 5000;
/** Documents per INSERT are bounded by their text, so one statement carries at most about this much. */
const documentBatchChars = 2_000_000;

/** A timestamp as PostgreSQL reads it for a TIMESTAMP(3) column holding UTC (as Prisma writes them). */
function isoOrThrow(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new ImportError(`the date "${value}" is not a date.`);
  return date.toISOString();
}

type DocumentRow = {
  id: string; title: string | null; author: string | null; authorAffiliation: string | null; outlet: string | null; publishedOn: string | null;
  sourceUrl: string | null; sourceName: string | null; text: string; content: string; contentHash: string; length: number; position: number; externalId: string;
};
type AnnotationRow = {
  id: string; documentId: string; annotatorId: string; layer: 'ANNOTATOR' | 'CONSENSUS'; categoryId: string; start: number; end: number; quote: string;
  prefix: string; suffix: string; note: string; orphaned: boolean; createdAt: string; updatedAt: string; externalId: string; externalCodingId: string | null;
};
type CommentRow = { id: string; documentId: string; annotationId: string; authorId: string; body: string; createdAt: string; editedAt: string | null; externalId: string };

const column = <T, K extends keyof T>(rows: readonly T[], key: K): T[K][] => rows.map((r) => r[key]);

/** Consecutive runs of rows whose texts add up to at most `maxChars` (a longer text goes alone). */
function byLength<T extends { length: number }>(rows: readonly T[], maxChars: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const row of rows) {
    if (current.length > 0 && chars + row.length > maxChars) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(row);
    chars += row.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** A bulk statement, whose column arrays Prisma's debug history must not keep (lib/db.ts). */
async function bulk(statement: Promise<number>): Promise<number> {
  try {
    return await statement;
  } finally {
    forgetStatementArguments();
  }
}

function insertDocuments(tx: Prisma.TransactionClient, projectId: string, createdById: string | null, rows: DocumentRow[]): Promise<number> {
  return bulk(tx.$executeRaw`
    INSERT INTO "Document" ("id", "projectId", "title", "author", "authorAffiliation", "outlet", "publishedOn", "sourceUrl", "text", "content",
      "contentHash", "length", "sourceName", "position", "createdById", "externalId", "createdAt", "updatedAt")
    SELECT d.id, ${projectId}::uuid, d.title, d.author, d.affiliation, d.outlet, d.published::date, d.url, d.body, d.content::jsonb,
      d.hash, d.chars, d.source, d.pos, ${createdById}::uuid, d.external, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
    FROM unnest(${column(rows, 'id')}::uuid[], ${column(rows, 'title')}::text[], ${column(rows, 'author')}::text[], ${column(rows, 'authorAffiliation')}::text[],
      ${column(rows, 'outlet')}::text[], ${column(rows, 'publishedOn')}::text[], ${column(rows, 'sourceUrl')}::text[], ${column(rows, 'text')}::text[],
      ${column(rows, 'content')}::text[], ${column(rows, 'contentHash')}::text[], ${column(rows, 'length')}::int[], ${column(rows, 'sourceName')}::text[],
      ${column(rows, 'position')}::int[], ${column(rows, 'externalId')}::text[])
      AS d(id, title, author, affiliation, outlet, published, url, body, content, hash, chars, source, pos, external)`);
}

function insertAnnotations(tx: Prisma.TransactionClient, projectId: string, rows: AnnotationRow[]): Promise<number> {
  return bulk(tx.$executeRaw`
    INSERT INTO "Annotation" ("id", "projectId", "documentId", "annotatorId", "layer", "categoryId", "start", "end", "quote", "prefix", "suffix",
      "note", "orphaned", "createdAt", "updatedAt", "externalId", "externalCodingId")
    SELECT a.id, ${projectId}::uuid, a.document, a.annotator, a.layer::"Layer", a.category, a.from_, a.to_, a.quote, a.prefix, a.suffix,
      a.note, a.orphaned, a.created::timestamp(3), a.updated::timestamp(3), a.external, a.coding
    FROM unnest(${column(rows, 'id')}::uuid[], ${column(rows, 'documentId')}::uuid[], ${column(rows, 'annotatorId')}::uuid[], ${column(rows, 'layer')}::text[],
      ${column(rows, 'categoryId')}::uuid[], ${column(rows, 'start')}::int[], ${column(rows, 'end')}::int[], ${column(rows, 'quote')}::text[],
      ${column(rows, 'prefix')}::text[], ${column(rows, 'suffix')}::text[], ${column(rows, 'note')}::text[], ${column(rows, 'orphaned')}::boolean[],
      ${column(rows, 'createdAt')}::text[], ${column(rows, 'updatedAt')}::text[], ${column(rows, 'externalId')}::text[], ${column(rows, 'externalCodingId')}::text[])
      AS a(id, document, annotator, layer, category, from_, to_, quote, prefix, suffix, note, orphaned, created, updated, external, coding)`);
}

function insertComments(tx: Prisma.TransactionClient, projectId: string, rows: CommentRow[]): Promise<number> {
  return bulk(tx.$executeRaw`
    INSERT INTO "Comment" ("id", "projectId", "documentId", "annotationId", "authorId", "body", "mentions", "createdAt", "updatedAt", "editedAt", "externalId")
    SELECT c.id, ${projectId}::uuid, c.document, c.annotation, c.author, c.body, '{}'::uuid[], c.created::timestamp(3), c.created::timestamp(3),
      c.edited::timestamp(3), c.external
    FROM unnest(${column(rows, 'id')}::uuid[], ${column(rows, 'documentId')}::uuid[], ${column(rows, 'annotationId')}::uuid[], ${column(rows, 'authorId')}::uuid[],
      ${column(rows, 'body')}::text[], ${column(rows, 'createdAt')}::text[], ${column(rows, 'editedAt')}::text[], ${column(rows, 'externalId')}::text[])
      AS c(id, document, annotation, author, body, created, edited, external)`);
}

async function inBatches<T>(rows: readonly T[], size: number, write: (batch: T[]) => Promise<unknown>, onBatch?: (done: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await write(rows.slice(i, i + size));
    onBatch?.(Math.min(rows.length, i + size));
  }
}

/** "annotations.3.note" as a reader says it: "annotation 4's note" (with the article's title for a text). */
function describeSnapshotPath(s: ExportSnapshot, path: string): string {
  const [list, index, ...rest] = path.split('.');
  const i = Number(index);
  if (list === 'documents' && Number.isInteger(i)) return `article “${s.documents[i]?.title ?? s.documents[i]?.sourceName ?? i + 1}”${rest.length ? ` (${rest.join('.')})` : ''}`;
  if (list && Number.isInteger(i)) return `${list.replace(/s$/, '')} ${i + 1}${rest.length ? ` (${rest.join('.')})` : ''}`;
  return path;
}

function unstorableError(s: ExportSnapshot, path: string, problem: string): ImportError {
  return new ImportError(`the file's ${describeSnapshotPath(s, path)}: the text ${problem}; fix it in the other tool and export again.`);
}

/** A passage's span against its document's text: what the database relies on. */
function checkSpan(text: string, a: ExportSnapshot['annotations'][number], where: string): void {
  if (a.orphaned) {
    // An unplaced (orphaned) annotation keeps its last quote and need not fit.
    if (!(a.start >= 0 && a.end >= a.start && a.end <= text.length)) throw new ImportError(`${where}: offsets ${a.start}–${a.end} do not fit its document's ${text.length} characters.`);
    return;
  }
  if (!(a.start >= 0 && a.end > a.start && a.end <= text.length)) throw new ImportError(`${where}: offsets ${a.start}–${a.end} do not fit its document's ${text.length} characters.`);
  if (text.slice(a.start, a.end) !== a.quote) throw new ImportError(`${where}: its quote does not match the document's text at ${a.start}–${a.end}.`);
}

/**
 * One document's share of checkSnapshot, for a reader that lets go of each text once it is read
 * (lib/data/imports.ts): the text can be stored, and its passages' spans and quotes fit it.
 */
export function checkDocumentText(document: ExportSnapshot['documents'][number], annotations: readonly ExportSnapshot['annotations'][number][]): void {
  const label = `article “${document.title ?? document.sourceName ?? 'Untitled'}”`;
  const unstorable = findUnstorable(document.text);
  if (unstorable) throw new ImportError(`the file's ${label} (text): the text ${unstorable.problem}; fix it in the other tool and export again.`);
  annotations.forEach((a, i) => checkSpan(document.text, a, `${label}, passage ${i + 1}`));
}

/**
 * Checks what the database will rely on: every placed annotation's span and quote fit its
 * document's text, and every reference resolves. With `textsChecked`, the documents' texts have
 * been let go of, each after checkDocumentText, and only the references are checked here.
 */
export function checkSnapshot(s: ExportSnapshot, options: { textsChecked?: boolean } = {}): void {
  // Before anything else: text the database cannot hold (a NUL in a source text or a note) is
  // named here, at review, rather than failing the write after confirmation.
  const unstorable = findUnstorable(s);
  if (unstorable) throw unstorableError(s, unstorable.path, unstorable.problem);
  const docs = new Map(s.documents.map((d) => [d.id, d]));
  const cats = new Set(s.categories.map((c) => c.id));
  const users = new Set(s.users.map((u) => u.id));
  s.annotations.forEach((a, i) => {
    const doc = docs.get(a.documentId);
    const where = `annotation ${i + 1}`;
    if (!doc) throw new ImportError(`${where}: it belongs to a document the file does not contain.`);
    if (!cats.has(a.categoryId)) throw new ImportError(`${where}: its category is not in the file's codebook.`);
    if (!users.has(a.annotatorId)) throw new ImportError(`${where}: its annotator is not among the file's users.`);
    if (!options.textsChecked) checkSpan(doc.text, a, where);
  });
  const hashes = new Map<string, string>();
  for (const d of s.documents) {
    const other = hashes.get(d.contentHash);
    if (other !== undefined) throw new ImportError(`two documents in the file have the same text (“${other}” and “${d.title ?? d.sourceName ?? 'Untitled'}”); Parallax keeps one copy of a text per project: remove one in the other tool first.`);
    hashes.set(d.contentHash, d.title ?? d.sourceName ?? 'Untitled');
  }
}

/**
 * Where a snapshot's texts are when the snapshot itself holds them empty (an import job's plan
 * keeps them on disk): each document's length, and a way to read its text when it is written.
 */
export type SpilledTexts = { lengths: readonly number[]; read: (index: number) => Promise<string> };

/**
 * Stores `snapshot` as a new project owned by `ownerId`. The people who coded in the file become
 * members who cannot sign in (an unusable password hash), so their layers stay apart; the owner may
 * invite their real accounts later. Ids are new; the file's own GUIDs are kept as externalId.
 */
export async function storeProjectSnapshot(
  tx: Prisma.TransactionClient,
  actor: Actor,
  input: { snapshot: ExportSnapshot; ownerId: string; slug: string; name: string; format: string; fileName?: string; texts?: SpilledTexts },
  onProgress: Progress = () => undefined,
): Promise<StoredProject> {
  const { snapshot, ownerId, slug, name } = input;
  // The project is new: no one can be listening for its changes until this commits, so the
  // per-row change notices are skipped (migration 20261203091000_quiet_bulk_writes).
  await tx.$executeRaw`SELECT set_config('parallax.quiet', 'on', true)`;
  if (await tx.project.findUnique({ where: { slug }, select: { id: true } })) {
    throw new AppError('CONFLICT', `A project with the slug "${slug}" already exists; choose another slug for the import.`);
  }
  const project = await tx.project.create({
    data: { slug, name, description: snapshot.project.description, question: snapshot.project.question ?? '', memberships: { create: { userId: ownerId, role: 'OWNER' } } },
    select: { id: true },
  });
  const projectId = project.id;

  onProgress('Adding people', 0, snapshot.users.length);
  const userIds = new Map<string, string>();
  const users = snapshot.users.map((u) => {
    const id = randomUUID();
    userIds.set(u.id, id);
    return { id, name: u.name || 'Imported annotator', email: `imported-${id.slice(0, 13)}@parallax.invalid`, passwordHash: '!imported', externalId: u.id };
  });
  if (users.length > 0) {
    await tx.user.createMany({ data: users });
    await tx.membership.createMany({ data: users.map((u) => ({ projectId, userId: u.id, role: 'ANNOTATOR' as const })) });
  }

  onProgress('Writing the codebook', 0, snapshot.categories.length);
  const categoryIds = new Map<string, string>();
  const categoryRows = parentsFirst(snapshot.categories).map((c) => {
    const id = randomUUID();
    categoryIds.set(c.id, id);
    return {
      id, projectId, parentId: c.parentId ? categoryIds.get(c.parentId)! : null, name: c.name, description: c.description,
      color: /^#[0-9a-f]{6}$/i.test(c.color) ? c.color.toLowerCase() : '#78716c', position: c.position, externalId: c.id,
    };
  });
  // Parents come first, and each batch is one statement, so every parent exists when its child is inserted.
  await inBatches(categoryRows, batchRows, (batch) => tx.category.createMany({ data: batch }));
  const optionIds = new Map<string, { attributeId: string; optionId: string }>();
  for (const [position, a] of snapshot.attributes.entries()) {
    const attributeId = randomUUID();
    await tx.attributeDefinition.create({ data: { id: attributeId, projectId, key: a.key, name: a.name, description: a.description, position, externalId: a.id } });
    const options = a.options.map((o, i) => ({ id: randomUUID(), attributeId, value: o.value, label: o.label, position: i, externalId: o.id }));
    if (options.length > 0) await tx.attributeOption.createMany({ data: options });
    for (const o of options) optionIds.set(`${a.key}\u0000${o.value}`, { attributeId, optionId: o.id });
  }

  onProgress('Writing documents', 0, snapshot.documents.length);
  const documentIds = new Map<string, string>();
  const textLength = (index: number) => input.texts?.lengths[index] ?? snapshot.documents[index]!.text.length;
  const textOf = async (index: number) => (input.texts ? input.texts.read(index) : snapshot.documents[index]!.text);
  const documentRows: DocumentRow[] = snapshot.documents.map((d, position) => {
    const id = randomUUID();
    documentIds.set(d.id, id);
    return {
      id, title: d.title, author: d.author, authorAffiliation: d.authorAffiliation, outlet: d.outlet, publishedOn: d.publishedOn, sourceUrl: d.sourceUrl,
      // A spilled text is read when its batch is written, and let go of after.
      sourceName: d.sourceName, text: '', content: JSON.stringify(d.blocks), contentHash: d.contentHash, length: textLength(position), position, externalId: d.id,
    };
  });
  const createdById = actor.kind === 'user' ? actor.userId : null;
  let documentsDone = 0;
  // Each batch's texts are copied on their way to PostgreSQL; the copies are collected as they go
  // (lib/jobs/memory.ts), so that writing 50 MB of text does not leave hundreds of MB of garbage.
  const textRelief = memoryRelief(12_000_000);
  for (const batch of byLength(documentRows, documentBatchChars)) {
    const withTexts = await Promise.all(batch.map(async (row) => ({ ...row, text: await textOf(row.position) })));
    await insertDocuments(tx, projectId, createdById, withTexts);
    textRelief(withTexts.reduce((n, row) => n + row.length, 0));
    onProgress('Writing documents', (documentsDone += batch.length), documentRows.length);
  }

  // The text of a passage's document, for the few passages a file gives without their context.
  const documentIndex = new Map(snapshot.documents.map((d, i) => [d.id, i]));
  let cachedText: { index: number; text: string } | null = null;
  const textFor = async (documentId: string): Promise<string> => {
    const index = documentIndex.get(documentId)!;
    if (cachedText?.index !== index) cachedText = { index, text: await textOf(index) };
    return cachedText.text;
  };
  const annotationIds = new Map<string, string>();
  const annotationDocuments = new Map<string, string>();
  const attributeRows: Prisma.AnnotationAttributeCreateManyInput[] = [];
  // The rows are made and written a batch at a time: 50,000 rows made first were a second copy of
  // the plan's passages (about 100 MB) for as long as the writing took.
  const rowRelief = memoryRelief(20_000);
  let batch: AnnotationRow[] = [];
  let written = 0;
  const writeBatch = async () => {
    if (batch.length === 0) return;
    await insertAnnotations(tx, projectId, batch);
    written += batch.length;
    rowRelief(batch.length);
    batch = [];
    onProgress('Writing passages', written, snapshot.annotations.length);
  };
  for (const a of snapshot.annotations) {
    const id = randomUUID();
    annotationIds.set(a.id, id);
    annotationDocuments.set(a.id, documentIds.get(a.documentId)!);
    const { prefix, suffix } = a.prefix || a.suffix || a.orphaned ? a : describeSpan(await textFor(a.documentId), a.start, a.end);
    batch.push({
      id, documentId: documentIds.get(a.documentId)!, annotatorId: userIds.get(a.annotatorId)!, layer: a.layer, categoryId: categoryIds.get(a.categoryId)!,
      start: a.start, end: a.end, quote: a.quote, prefix, suffix, note: a.note, orphaned: a.orphaned === true,
      createdAt: isoOrThrow(a.createdAt), updatedAt: isoOrThrow(a.updatedAt), externalId: a.selectionId ?? a.id, externalCodingId: a.codingId ?? null,
    });
    for (const [key, value] of Object.entries(a.attributes)) {
      const target = optionIds.get(`${key}\u0000${value}`);
      if (!target) throw new ImportError(`an annotation has the value "${value}" for "${key}", which the file's codebook does not define.`);
      attributeRows.push({ annotationId: id, ...target });
    }
    if (batch.length === bulkRows) await writeBatch();
  }
  await writeBatch();
  await inBatches(attributeRows, 5000, (batch) => tx.annotationAttribute.createMany({ data: batch }));

  const comments = snapshot.comments.filter((c) => annotationIds.has(c.annotationId));
  const commentRows: CommentRow[] = comments.map((c) => ({
    id: randomUUID(), documentId: annotationDocuments.get(c.annotationId)!, annotationId: annotationIds.get(c.annotationId)!,
    authorId: userIds.get(c.authorId) ?? ownerId, body: c.body, createdAt: isoOrThrow(c.createdAt), editedAt: c.editedAt ? isoOrThrow(c.editedAt) : null, externalId: c.id,
  }));
  await inBatches(commentRows, bulkRows, (batch) => insertComments(tx, projectId, batch), (done) => onProgress('Writing comments', done, commentRows.length));

  for (const m of snapshot.memos) {
    await tx.memo.create({
      data: { projectId, documentId: m.documentId ? (documentIds.get(m.documentId) ?? null) : null, body: m.body, updatedById: userIds.get(m.authorId) ?? ownerId, updatedAt: new Date(m.updatedAt), externalId: m.id },
    });
  }

  for (const [position, g] of (snapshot.documentGroups ?? []).entries()) {
    const group = await tx.documentGroup.create({ data: { projectId, name: g.name, description: g.description, position, externalId: g.id }, select: { id: true } });
    const members = [...new Set(g.memberIds.map((id) => documentIds.get(id)).filter((id): id is string => id !== undefined))];
    if (members.length > 0) await tx.documentGroupMember.createMany({ data: members.map((documentId) => ({ groupId: group.id, documentId })) });
  }
  for (const [position, g] of (snapshot.categoryGroups ?? []).entries()) {
    const group = await tx.categoryGroup.create({ data: { projectId, name: g.name, description: g.description, position, externalId: g.id }, select: { id: true } });
    const members = [...new Set(g.memberIds.map((id) => categoryIds.get(id)).filter((id): id is string => id !== undefined))];
    if (members.length > 0) await tx.categoryGroupMember.createMany({ data: members.map((categoryId) => ({ groupId: group.id, categoryId })) });
  }

  await recordActivity(tx, actor, projectId, {
    action: 'project.create',
    targetType: 'project',
    targetId: projectId,
    summary: `Imported the project ${quote(name, 120)} from ${input.fileName ? quote(input.fileName, 80) : input.format === 'w3c' ? 'a W3C Web Annotation file' : 'a REFI-QDA project'}: ${plural(snapshot.documents.length, 'document')}, ${plural(written, 'annotation')}`,
    details: { format: input.format, documents: snapshot.documents.length, annotations: written, comments: commentRows.length, memos: snapshot.memos.length },
  });
  return { projectId, slug, name, documents: snapshot.documents.length, annotations: written, comments: commentRows.length, memos: snapshot.memos.length, people: snapshot.users.length };
}
