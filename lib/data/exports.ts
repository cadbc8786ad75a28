import 'server-only';
import { randomUUID } from 'node:crypto';
import { plural, quote } from '@/lib/activity';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { fromQdc, fromQdpx, fromW3C, ImportError, exportFileName, renderExport, type RenderedFile } from '@/lib/export';
import { categoryPaths, parentsFirst } from '@/lib/export/snapshot';
import type { ExportSnapshot } from '@/lib/export/types';
import { reportFonts } from '@/lib/fonts';
import { isUuid } from '@/lib/ids';
import { Prisma } from '@/lib/generated/prisma/client';
import { describeSpan } from '@/lib/anchoring';
import { canEditCodebook } from '@/lib/permissions';
import { type ExportOptionsInput, type ImportFormat, importFormatSchema } from '@/lib/validations/export';
import { projectSlugSchema } from '@/lib/validations/project';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireProjectAccess } from './access';
import type { Actor } from './actor';
import { recordActivity } from './activity';
import { buildExportSnapshot } from './export';

export type ExportProgress = { stage: string; done: number; total: number };

export type ExportedFile = RenderedFile & { filename: string; snapshot: ExportSnapshot };

/**
 * Builds one export for the actor: the snapshot of what they may see, then the file. `onProgress`
 * hears each stage (and each article of a PDF report).
 */
export async function exportProject(
  actor: Actor,
  slug: string,
  options: ExportOptionsInput,
  baseUrl: string,
  onProgress: (p: ExportProgress) => void = () => undefined,
): Promise<ExportedFile> {
  onProgress({ stage: 'Reading the project', done: 0, total: 1 });
  const { snapshot, options: parsed } = await buildExportSnapshot(actor, slug, options, baseUrl);
  if (actor.kind === 'user') {
    snapshot.exportedBy = actor.userId;
    if (!snapshot.users.some((u) => u.id === actor.userId)) {
      const me = await getDb().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { id: true, name: true } });
      snapshot.users.push(me);
    }
  }
  if (parsed.format === 'qdc' && snapshot.categories.length === 0 && snapshot.attributes.length === 0) {
    throw new AppError('INVALID', 'This project’s codebook is empty: there is nothing to export as a .qdc codebook.');
  }
  const total = snapshot.documents.length;
  onProgress({ stage: parsed.format === 'pdf' ? 'Drawing the report' : 'Writing the file', done: 0, total: Math.max(1, total) });
  const file = await renderExport(snapshot, parsed.format, {
    fonts: reportFonts,
    onProgress: (done, all) => onProgress({ stage: 'Drawing the report', done, total: all }),
  });
  onProgress({ stage: 'Done', done: Math.max(1, total), total: Math.max(1, total) });
  return { ...file, filename: exportFileName(snapshot.project.slug, parsed.format, snapshot.exportedAt, file.extension), snapshot };
}

const keepExportsMs = 60 * 60_000;

/** Keeps a finished export for its maker to download (any app instance can serve it). */
export async function storeExport(actor: Actor, slug: string, file: ExportedFile): Promise<{ id: string; filename: string; size: number }> {
  if (actor.kind !== 'user') throw new AppError('INVALID', 'Only a signed-in user can keep an export to download.');
  const access = await requireProjectAccess(actor, { slug });
  const db = getDb();
  const now = new Date();
  await db.exportFile.deleteMany({ where: { expiresAt: { lt: now } } });
  const row = await db.exportFile.create({
    data: { projectId: access.project.id, userId: actor.userId, filename: file.filename, contentType: file.contentType, bytes: Buffer.from(file.bytes), expiresAt: new Date(now.getTime() + keepExportsMs) },
    select: { id: true },
  });
  return { id: row.id, filename: file.filename, size: file.bytes.length };
}

/** A kept export, for the user who made it only (anyone else: not found). */
export async function getStoredExport(actor: Actor, id: string): Promise<{ filename: string; contentType: string; bytes: Uint8Array }> {
  const notFound = new AppError('NOT_FOUND', 'No such export (exports are kept for an hour, for the person who made them).');
  if (actor.kind !== 'user' || !isUuid(id)) throw notFound;
  const row = await getDb().exportFile.findFirst({ where: { id, userId: actor.userId, expiresAt: { gt: new Date() } }, select: { filename: true, contentType: true, bytes: true, projectId: true } });
  if (!row) throw notFound;
  // Still a member of the project? A removed member loses the file with the project.
  const member = await getDb().membership.findUnique({ where: { projectId_userId: { projectId: row.projectId, userId: actor.userId } }, select: { role: true } });
  if (!member) throw notFound;
  return { filename: row.filename, contentType: row.contentType, bytes: new Uint8Array(row.bytes) };
}

// ─── Imports ────────────────────────────────────────────────────────────────────────────────

/** Parses an import file into a snapshot; ImportError (INVALID, 422) names what is wrong. */
function parseProjectFile(format: 'w3c' | 'qdpx', bytes: Uint8Array): ExportSnapshot {
  if (format === 'w3c') {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (error) {
      throw new ImportError(`the file is not JSON (${error instanceof Error ? error.message : String(error)}): a W3C Web Annotation export is JSON-LD.`);
    }
    return fromW3C(json);
  }
  return fromQdpx(bytes);
}

/** Checks what the database will rely on: every annotation's span and quote fit its document's text. */
function checkSnapshot(s: ExportSnapshot): void {
  const docs = new Map(s.documents.map((d) => [d.id, d]));
  const cats = new Set(s.categories.map((c) => c.id));
  const users = new Set(s.users.map((u) => u.id));
  s.annotations.forEach((a, i) => {
    const doc = docs.get(a.documentId);
    const where = `annotation ${i + 1}`;
    if (!doc) throw new ImportError(`${where}: it belongs to a document the file does not contain.`);
    if (!cats.has(a.categoryId)) throw new ImportError(`${where}: its category is not in the file's codebook.`);
    if (!users.has(a.annotatorId)) throw new ImportError(`${where}: its annotator is not among the file's users.`);
    if (!(a.start >= 0 && a.end > a.start && a.end <= doc.text.length)) throw new ImportError(`${where}: offsets ${a.start}–${a.end} do not fit its document's ${doc.text.length} characters.`);
    if (doc.text.slice(a.start, a.end) !== a.quote) throw new ImportError(`${where}: its quote does not match the document's text at ${a.start}–${a.end}.`);
  });
  if (s.documents.length === 0) throw new ImportError('the file contains no documents.');
  const hashes = new Set<string>();
  for (const d of s.documents) {
    if (hashes.has(d.contentHash)) throw new ImportError(`two documents in the file have the same text ("${d.title ?? d.sourceName ?? 'Untitled'}").`);
    hashes.add(d.contentHash);
  }
}

export type ProjectImportResult = { slug: string; name: string; documents: number; annotations: number; comments: number; memos: number; people: number };

/**
 * Loads a W3C Web Annotation export or a REFI-QDA project into a NEW project owned by the actor (or,
 * from the CLI, by `ownerEmail`), in one transaction: a bad file leaves nothing behind.
 * The people who annotated in the file become members who cannot sign in (their names keep their
 * layers apart); the owner may invite their real accounts later.
 */
export async function importProjectFile(
  actor: Actor,
  input: { format: string; bytes: Uint8Array; slug?: string; name?: string; ownerEmail?: string; fileName?: string },
): Promise<ProjectImportResult> {
  const format = parseOrThrow(importFormatSchema, input.format) as ImportFormat;
  if (format === 'qdc') throw new AppError('INVALID', 'A .qdc file is a codebook: import it into an existing project’s codebook instead.');
  const snapshot = parseProjectFile(format, input.bytes);
  checkSnapshot(snapshot);
  const db = getDb();
  let ownerId: string;
  if (actor.kind === 'user') ownerId = actor.userId;
  else {
    const owner = input.ownerEmail ? await db.user.findUnique({ where: { email: input.ownerEmail.toLowerCase() }, select: { id: true } }) : null;
    if (!owner) throw new AppError('INVALID', input.ownerEmail ? `No account for ${input.ownerEmail}; create it first with \`users add\`.` : 'Importing from the command line needs --owner <email>: the new project’s owner.');
    ownerId = owner.id;
  }
  const base = (input.slug ?? snapshot.project.slug) || 'imported-project';
  const slug = parseOrThrow(projectSlugSchema, input.slug ?? base);
  const name = (input.name ?? snapshot.project.name ?? slug).trim().slice(0, 120) || slug;
  if (await db.project.findUnique({ where: { slug }, select: { id: true } })) {
    throw new AppError('CONFLICT', `A project with the slug "${slug}" already exists; choose another slug for the import.`);
  }

  return db.$transaction(
    async (tx) => {
      const project = await tx.project.create({
        data: { slug, name, description: snapshot.project.description, memberships: { create: { userId: ownerId, role: 'OWNER' } } },
        select: { id: true },
      });
      const projectId = project.id;
      // People: one account each that cannot sign in (an unusable password hash).
      const userIds = new Map<string, string>();
      for (const u of snapshot.users) {
        const id = randomUUID();
        await tx.user.create({ data: { id, name: u.name.slice(0, 120) || 'Imported annotator', email: `imported-${id.slice(0, 13)}@parallax.invalid`, passwordHash: '!imported' } });
        await tx.membership.create({ data: { projectId, userId: id, role: 'ANNOTATOR' } });
        userIds.set(u.id, id);
      }
      // Codebook: parents before children, so each child's parent already has its new id.
      const categoryIds = new Map<string, string>();
      for (const c of parentsFirst(snapshot.categories)) {
        const id = randomUUID();
        await tx.category.create({
          data: { id, projectId, parentId: c.parentId ? categoryIds.get(c.parentId)! : null, name: c.name.slice(0, 120), description: c.description.slice(0, 2000), color: /^#[0-9a-f]{6}$/i.test(c.color) ? c.color.toLowerCase() : '#78716c', position: c.position },
        });
        categoryIds.set(c.id, id);
      }
      const optionIds = new Map<string, { attributeId: string; optionId: string }>();
      for (const [position, a] of snapshot.attributes.entries()) {
        const created = await tx.attributeDefinition.create({
          data: { projectId, key: a.key, name: a.name, description: a.description, position, options: { create: a.options.map((o, i) => ({ value: o.value, label: o.label, position: i })) } },
          select: { id: true, options: { select: { id: true, value: true } } },
        });
        for (const o of created.options) optionIds.set(`${a.key}\u0000${o.value}`, { attributeId: created.id, optionId: o.id });
      }
      const documentIds = new Map<string, string>();
      for (const [position, d] of snapshot.documents.entries()) {
        const id = randomUUID();
        await tx.document.create({
          data: {
            id, projectId, title: d.title, author: d.author, authorAffiliation: d.authorAffiliation, outlet: d.outlet,
            publishedOn: d.publishedOn ? new Date(`${d.publishedOn}T00:00:00Z`) : null, sourceUrl: d.sourceUrl, sourceName: d.sourceName,
            text: d.text, content: d.blocks as Prisma.InputJsonValue, contentHash: d.contentHash, length: d.text.length, position,
            createdById: actor.kind === 'user' ? actor.userId : null,
          },
        });
        documentIds.set(d.id, id);
      }
      const annotationIds = new Map<string, string>();
      const rows: Prisma.AnnotationCreateManyInput[] = [];
      const attributeRows: Prisma.AnnotationAttributeCreateManyInput[] = [];
      const texts = new Map(snapshot.documents.map((d) => [d.id, d.text]));
      for (const a of snapshot.annotations) {
        const id = randomUUID();
        annotationIds.set(a.id, id);
        const { prefix, suffix } = a.prefix || a.suffix ? a : describeSpan(texts.get(a.documentId)!, a.start, a.end);
        rows.push({
          id, projectId, documentId: documentIds.get(a.documentId)!, annotatorId: userIds.get(a.annotatorId)!, layer: a.layer, categoryId: categoryIds.get(a.categoryId)!,
          start: a.start, end: a.end, quote: a.quote, prefix, suffix, note: a.note.slice(0, 10_000), createdAt: new Date(a.createdAt), updatedAt: new Date(a.updatedAt),
        });
        for (const [key, value] of Object.entries(a.attributes)) {
          const target = optionIds.get(`${key}\u0000${value}`);
          if (!target) throw new ImportError(`an annotation has the value "${value}" for "${key}", which the file's codebook does not define.`);
          attributeRows.push({ annotationId: id, ...target });
        }
      }
      for (let i = 0; i < rows.length; i += 2000) await tx.annotation.createMany({ data: rows.slice(i, i + 2000) });
      for (let i = 0; i < attributeRows.length; i += 5000) await tx.annotationAttribute.createMany({ data: attributeRows.slice(i, i + 5000) });
      const comments = snapshot.comments.filter((c) => annotationIds.has(c.annotationId));
      await tx.comment.createMany({
        data: comments.map((c) => {
          const annotation = snapshot.annotations.find((a) => a.id === c.annotationId)!;
          return {
            id: randomUUID(), projectId, documentId: documentIds.get(annotation.documentId)!, annotationId: annotationIds.get(c.annotationId)!,
            authorId: userIds.get(c.authorId) ?? ownerId, body: c.body, createdAt: new Date(c.createdAt), editedAt: c.editedAt ? new Date(c.editedAt) : null,
          };
        }),
      });
      for (const m of snapshot.memos) {
        await tx.memo.create({ data: { projectId, documentId: m.documentId ? (documentIds.get(m.documentId) ?? null) : null, body: m.body, updatedById: userIds.get(m.authorId) ?? ownerId, updatedAt: new Date(m.updatedAt) } });
      }
      await recordActivity(tx, actor, projectId, {
        action: 'project.create',
        targetType: 'project',
        targetId: projectId,
        summary: `Imported the project ${quote(name, 120)} from ${input.fileName ? quote(input.fileName, 80) : format === 'w3c' ? 'a W3C Web Annotation file' : 'a REFI-QDA project'}: ${plural(snapshot.documents.length, 'document')}, ${plural(rows.length, 'annotation')}`,
        details: { format, documents: snapshot.documents.length, annotations: rows.length, comments: comments.length, memos: snapshot.memos.length },
      });
      return { slug, name, documents: snapshot.documents.length, annotations: rows.length, comments: comments.length, memos: snapshot.memos.length, people: snapshot.users.length };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/**
 * Loads a REFI-QDA codebook (.qdc) into a project's codebook, in one transaction. A code whose path
 * the codebook already has is kept as it is (not duplicated); new codes are added under their parents.
 */
export async function importCodebookFile(actor: Actor, slug: string, bytes: Uint8Array): Promise<{ added: number; existing: number; attributesAdded: number }> {
  const access = await requireProjectAccess(actor, { slug }, canEditCodebook, 'Only owners and curators can change the codebook.');
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError('the file is not UTF-8 text: a .qdc codebook is an XML file.');
  }
  const codebook = fromQdc(xml);
  const projectId = access.project.id;
  return getDb().$transaction(async (tx) => {
    const current = await tx.category.findMany({ where: { projectId }, select: { id: true, parentId: true, name: true, position: true } });
    const byPath = new Map([...categoryPaths(current)].map(([id, path]) => [path.toLowerCase(), id]));
    const fileIds = new Map<string, string>();
    let added = 0;
    let existing = 0;
    for (const c of parentsFirst(codebook.categories)) {
      const found = byPath.get(c.path.toLowerCase());
      if (found) {
        existing++;
        fileIds.set(c.id, found);
      } else {
        const parentId = c.parentId ? fileIds.get(c.parentId)! : null;
        const siblings = await tx.category.count({ where: { projectId, parentId } });
        const id = randomUUID();
        await tx.category.create({ data: { id, projectId, parentId, name: c.name.slice(0, 120), description: c.description.slice(0, 2000), color: c.color, position: siblings } });
        byPath.set(c.path.toLowerCase(), id);
        fileIds.set(c.id, id);
        added++;
      }
    }
    let attributesAdded = 0;
    for (const a of codebook.attributes) {
      if (await tx.attributeDefinition.findUnique({ where: { projectId_key: { projectId, key: a.key } }, select: { id: true } })) continue;
      const position = await tx.attributeDefinition.count({ where: { projectId } });
      await tx.attributeDefinition.create({ data: { projectId, key: a.key, name: a.name, description: a.description, position, options: { create: a.options.map((o, i) => ({ value: o.value, label: o.label, position: i })) } } });
      attributesAdded++;
    }
    await recordActivity(tx, actor, projectId, {
      action: 'codebook.category.create',
      targetType: 'category',
      summary: `Imported a REFI-QDA codebook: ${plural(added, 'category', 'categories')} added, ${existing} already present${attributesAdded ? `, ${plural(attributesAdded, 'attribute')} added` : ''}`,
      details: { added, existing, attributesAdded },
    });
    return { added, existing, attributesAdded };
  });
}
