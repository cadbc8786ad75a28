import 'server-only';
import { sha256Hex } from '@/lib/export/snapshot';
import { documentLabel, documentsImportedSummary, plural, quote } from '@/lib/activity';
import { getDb } from '@/lib/db';
import { isUuid } from '@/lib/ids';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { DocumentProgress } from '@/lib/generated/prisma/enums';
import { canEditDocuments, canImportDocuments, canSeeAllLayers } from '@/lib/permissions';
import { importFile, importPastedText, toCanonical, type ArticleMetadata, type CleanDocument, type ContentRange } from '@/lib/corpus';
import { reanchor } from '@/lib/anchoring';
import {
  documentMetadataSchema,
  importedDocumentSchema,
  importDocumentsSchema,
  pasteSchema,
  type DocumentMetadataInput,
  type ImportedDocumentInput,
} from '@/lib/validations/document';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireProjectAccess } from './access';
import type { Actor } from './actor';
import { recordActivity } from './activity';
import { visibleAnnotationsWhere } from './visibility';

export type DocumentBlock = ContentRange;

export type DocumentSummary = {
  id: string;
  title: string | null;
  /** The first words of the text, shown marked as a label where no title is stated. */
  label: string | null;
  sourceName: string | null;
  author: string | null;
  outlet: string | null;
  publishedOn: string | null;
  length: number;
  annotationCount: number;
  myStatus: DocumentProgress;
  /** Every annotator's progress, for owners and curators (who coordinate the work); else empty. */
  progress: { userId: string; name: string; status: DocumentProgress }[];
};

export type DocumentDetail = ArticleMetadata & {
  id: string;
  projectId: string;
  label: string | null;
  sourceName: string | null;
  text: string;
  blocks: DocumentBlock[];
  contentHash: string;
  length: number;
  createdAt: Date;
  updatedAt: Date;
};

function toIsoDate(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}


/** The corpus of a project with counts of the annotations the actor may see. */
export async function listDocuments(actor: Actor, projectSlug: string): Promise<DocumentSummary[]> {
  const access = await requireProjectAccess(actor, { slug: projectSlug });
  const db = getDb();
  const seesTeam = actor.kind === 'system' || canSeeAllLayers(access.role);
  const [docs, counts, statuses, annotators, teamStatuses] = await Promise.all([
    db.document.findMany({
      where: { projectId: access.project.id },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      select: { id: true, title: true, label: true, sourceName: true, author: true, outlet: true, publishedOn: true, length: true },
    }),
    db.annotation.groupBy({ by: ['documentId'], where: visibleAnnotationsWhere(actor, access), _count: { _all: true } }),
    actor.kind === 'user'
      ? db.documentStatus.findMany({ where: { projectId: access.project.id, userId: actor.userId }, select: { documentId: true, status: true } })
      : Promise.resolve([]),
    seesTeam
      ? db.membership.findMany({ where: { projectId: access.project.id, role: 'ANNOTATOR' }, select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: 'asc' } } })
      : Promise.resolve([]),
    seesTeam ? db.documentStatus.findMany({ where: { projectId: access.project.id }, select: { documentId: true, userId: true, status: true } }) : Promise.resolve([]),
  ]);
  const countBy = new Map(counts.map((c) => [c.documentId, c._count._all]));
  const statusBy = new Map(statuses.map((s) => [s.documentId, s.status]));
  const teamBy = new Map(teamStatuses.map((s) => [`${s.documentId}:${s.userId}`, s.status]));
  return docs.map((d) => ({
    ...d,
    publishedOn: toIsoDate(d.publishedOn),
    annotationCount: countBy.get(d.id) ?? 0,
    myStatus: statusBy.get(d.id) ?? 'NOT_STARTED',
    progress: annotators.map(({ user }) => ({ userId: user.id, name: user.name, status: teamBy.get(`${d.id}:${user.id}`) ?? 'NOT_STARTED' })),
  }));
}

/**
 * One document with its text. NOT_FOUND when it does not exist, is not in `projectSlug` (when
 * given), or belongs to a project the actor is not a member of — the same answer for all three.
 */
export async function getDocument(actor: Actor, documentId: string, projectSlug?: string): Promise<DocumentDetail> {
  const notFound = new AppError('NOT_FOUND', 'No such document is visible to you.');
  if (!isUuid(documentId)) throw notFound;
  const db = getDb();
  const doc = await db.document.findUnique({
    where: { id: documentId },
    select: {
      id: true, projectId: true, title: true, author: true, authorAffiliation: true, outlet: true, publishedOn: true,
      sourceUrl: true, sourceName: true, label: true, text: true, content: true, contentHash: true, length: true, createdAt: true,
      updatedAt: true, project: { select: { slug: true } },
    },
  });
  if (!doc || (projectSlug !== undefined && doc.project.slug !== projectSlug)) throw notFound;
  try {
    await requireProjectAccess(actor, { id: doc.projectId });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound;
    throw error;
  }
  const { project: _project, content, publishedOn, ...rest } = doc;
  return { ...rest, publishedOn: toIsoDate(publishedOn), blocks: content as DocumentBlock[] };
}

// ─── Import ─────────────────────────────────────────────────────────────────────────────────

export type ImportPreview = {
  sourceName: string;
  ok: true;
  document: Omit<CleanDocument, 'text'> & { length: number };
} | { sourceName: string; ok: false; error: string };

function toPreview(sourceName: string, clean: CleanDocument): ImportPreview {
  const { text, ...rest } = clean;
  return { sourceName, ok: true, document: { ...rest, length: text.length } };
}

function previewError(sourceName: string, error: unknown): ImportPreview {
  // A file the importer refused (lib/corpus: an AppError) is that file's error in the preview.
  if (error instanceof AppError) return { sourceName, ok: false, error: error.message };
  throw error;
}

/**
 * Cleans uploaded files and pasted text for the user to review; stores nothing. Each input gets
 * its own verdict so that one bad file does not hide the others.
 */
export async function previewImport(
  actor: Actor,
  projectSlug: string,
  input: { files: { name: string; bytes: Uint8Array }[]; pasted?: { text: string; format: string; name?: string } },
): Promise<ImportPreview[]> {
  await requireProjectAccess(actor, { slug: projectSlug }, canImportDocuments, 'Only owners and curators can import documents.');
  const previews: ImportPreview[] = [];
  for (const file of input.files) {
    try {
      previews.push(toPreview(file.name, importFile(file)));
    } catch (error) {
      previews.push(previewError(file.name, error));
    }
  }
  if (input.pasted && input.pasted.text.trim() !== '') {
    const pasted = parseOrThrow(pasteSchema, input.pasted);
    const name = pasted.name || 'Pasted text';
    try {
      previews.push(toPreview(name, importPastedText(pasted.text, pasted.format)));
    } catch (error) {
      previews.push(previewError(name, error));
    }
  }
  if (previews.length === 0) throw new AppError('INVALID', 'Choose a file or paste some text to import.');
  return previews;
}

/**
 * Stores reviewed documents, all or none: one transaction, so a failure (a duplicate text, a
 * database error) leaves the corpus as it was.
 */
export async function importDocuments(
  actor: Actor,
  projectSlug: string,
  input: { documents: ImportedDocumentInput[] },
): Promise<{ id: string; title: string | null }[]> {
  const { project } = await requireProjectAccess(actor, { slug: projectSlug }, canImportDocuments, 'Only owners and curators can import documents.');
  const { documents } = parseOrThrow(importDocumentsSchema, input);
  const prepared = documents.map((d) => {
    const { text, content } = toCanonical(d.blocks);
    return { meta: d, text, content, contentHash: sha256Hex(text) };
  });
  const label = (d: { title: string | null; sourceName: string | null }) => d.title ?? d.sourceName ?? 'Untitled';
  const seen = new Map<string, string>();
  for (const p of prepared) {
    const earlier = seen.get(p.contentHash);
    if (earlier) throw new AppError('CONFLICT', `"${label(p.meta)}" has the same text as "${earlier}" in this import; remove one.`);
    seen.set(p.contentHash, label(p.meta));
  }
  const db = getDb();
  return db.$transaction(async (tx) => {
    const existing = await tx.document.findMany({
      where: { projectId: project.id, contentHash: { in: prepared.map((p) => p.contentHash) } },
      select: { title: true, sourceName: true, contentHash: true },
    });
    if (existing.length > 0) {
      const dupes = prepared
        .filter((p) => existing.some((e) => e.contentHash === p.contentHash))
        .map((p) => {
          const twin = existing.find((e) => e.contentHash === p.contentHash);
          return `"${label(p.meta)}" (already in the project as "${twin ? label(twin) : ''}")`;
        });
      throw new AppError('CONFLICT', `Already imported: ${dupes.join(', ')}. Nothing was imported.`);
    }
    const last = await tx.document.aggregate({ where: { projectId: project.id }, _max: { position: true } });
    let position = (last._max.position ?? -1) + 1;
    const created: { id: string; title: string | null }[] = [];
    for (const p of prepared) {
      const doc = await tx.document.create({
        data: {
          projectId: project.id,
          title: p.meta.title,
          author: p.meta.author,
          authorAffiliation: p.meta.authorAffiliation,
          outlet: p.meta.outlet,
          publishedOn: p.meta.publishedOn ? new Date(`${p.meta.publishedOn}T00:00:00Z`) : null,
          sourceUrl: p.meta.sourceUrl,
          sourceName: p.meta.sourceName,
          text: p.text,
          content: p.content as Prisma.InputJsonValue,
          contentHash: p.contentHash,
          length: p.text.length,
          position: position++,
          createdById: actor.kind === 'user' ? actor.userId : null,
        },
        select: { id: true, title: true },
      });
      created.push(doc);
    }
    await tx.project.update({ where: { id: project.id }, data: { updatedAt: new Date() } });
    // One event for the whole import, however many documents: the log is read by people.
    const single = created.length === 1 ? created[0] : undefined;
    await recordActivity(tx, actor, project.id, {
      action: 'document.import',
      targetType: 'document',
      targetId: single?.id ?? null,
      documentId: single?.id ?? null,
      summary: documentsImportedSummary(created.map((d) => d.title)),
      details: { count: created.length, documentIds: created.slice(0, 100).map((d) => d.id) },
    });
    return created;
  });
}

/** Edits a document's metadata (never its text: offsets of annotations point into that). */
export async function updateDocumentMetadata(
  actor: Actor,
  documentId: string,
  input: DocumentMetadataInput,
): Promise<DocumentDetail> {
  const doc = await getDocument(actor, documentId);
  await requireProjectAccess(actor, { id: doc.projectId }, canEditDocuments, 'Only owners and curators can edit document details.');
  const data = parseOrThrow(documentMetadataSchema, input);
  const labels = { title: 'title', author: 'author', authorAffiliation: 'affiliation', outlet: 'outlet', publishedOn: 'date', sourceUrl: 'source URL' } as const;
  const changed = (Object.keys(labels) as (keyof typeof labels)[]).filter((k) => (data[k] ?? null) !== (doc[k] ?? null));
  await getDb().$transaction(async (tx) => {
    await tx.document.update({
      where: { id: doc.id },
      data: { ...data, publishedOn: data.publishedOn ? new Date(`${data.publishedOn}T00:00:00Z`) : null },
    });
    // Saving the form unchanged is not worth a line in the log.
    if (changed.length === 0) return;
    const renamed = changed.includes('title') ? ` (now ${quote(documentLabel(data.title), 80)})` : '';
    await recordActivity(tx, actor, doc.projectId, {
      action: 'document.update',
      targetType: 'document',
      targetId: doc.id,
      documentId: doc.id,
      summary: `Edited ${changed.map((k) => labels[k]).join(', ')} of ${quote(documentLabel(doc.title), 80)}${renamed}`,
    });
  });
  return getDocument(actor, documentId);
}

// ─── Text corrections ───────────────────────────────────────────────────────────────────────

export type CorrectionReport = { unchanged: boolean; exact: number; moved: number; fuzzy: number; orphaned: number };

/**
 * Replaces a document's text with a corrected version and re-anchors every annotation on it
 * (lib/anchoring: exact near the old place, then elsewhere, then fuzzy). What cannot be placed is
 * marked orphaned and kept for the user to re-attach, never dropped. One transaction: the text and
 * every annotation change together or not at all.
 */
export async function correctDocumentText(actor: Actor, documentId: string, input: { blocks: unknown }): Promise<CorrectionReport> {
  const doc = await getDocument(actor, documentId);
  const { project } = await requireProjectAccess(actor, { id: doc.projectId }, canEditDocuments, 'Only owners and curators can correct a document’s text.');
  const { blocks } = parseOrThrow(importedDocumentSchema.pick({ blocks: true }), input);
  const { text, content } = toCanonical(blocks);
  const contentHash = sha256Hex(text);
  if (contentHash === doc.contentHash) return { unchanged: true, exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
  const db = getDb();
  return db.$transaction(
    async (tx) => {
      const twin = await tx.document.findFirst({ where: { projectId: project.id, contentHash, id: { not: doc.id } }, select: { title: true, sourceName: true } });
      if (twin) throw new AppError('CONFLICT', `Another document in this project already has exactly this text ("${twin.title ?? twin.sourceName ?? 'Untitled'}").`);
      // Locked, so a concurrent annotation write waits for the new offsets instead of racing them.
      const current = await tx.$queryRaw<{ text: string }[]>`SELECT "text" FROM "Document" WHERE "id" = ${doc.id}::uuid FOR UPDATE`;
      const oldText = current[0]?.text ?? doc.text;
      const annotations = await tx.annotation.findMany({
        where: { documentId: doc.id },
        select: { id: true, start: true, end: true, quote: true, prefix: true, suffix: true },
      });
      const results = reanchor(oldText, text, annotations);
      const report: CorrectionReport = { unchanged: false, exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
      const placed = { id: [] as string[], start: [] as number[], end: [] as number[], quote: [] as string[], prefix: [] as string[], suffix: [] as string[] };
      const orphaned: string[] = [];
      for (const r of results) {
        report[r.status]++;
        if (r.status === 'orphaned') {
          orphaned.push(r.id);
          continue;
        }
        placed.id.push(r.id);
        placed.start.push(r.start);
        placed.end.push(r.end);
        placed.quote.push(r.quote);
        placed.prefix.push(r.prefix);
        placed.suffix.push(r.suffix);
      }
      // One statement for all placed annotations: a document can carry thousands.
      if (placed.id.length > 0) {
        await tx.$executeRaw`
          UPDATE "Annotation" AS a
          SET "start" = v.s, "end" = v.e, "quote" = v.q, "prefix" = v.p, "suffix" = v.x, "orphaned" = false,
              "version" = a."version" + 1, "updatedAt" = now()
          FROM unnest(${placed.id}::uuid[], ${placed.start}::int[], ${placed.end}::int[], ${placed.quote}::text[], ${placed.prefix}::text[], ${placed.suffix}::text[])
            AS v(id, s, e, q, p, x)
          WHERE a."id" = v.id`;
      }
      if (orphaned.length > 0) {
        await tx.annotation.updateMany({ where: { id: { in: orphaned } }, data: { orphaned: true, version: { increment: 1 } } });
      }
      await tx.document.update({
        where: { id: doc.id },
        data: { text, content: content as Prisma.InputJsonValue, contentHash, length: text.length },
      });
      // One event for the correction, not one per re-anchored annotation.
      const total = results.length;
      const placedCount = total - report.orphaned;
      const outcome =
        total === 0
          ? 'no annotations to re-anchor'
          : `${plural(placedCount, 'annotation')} re-anchored (${report.exact} exact, ${report.moved} moved, ${report.fuzzy} fuzzy), ${report.orphaned} orphaned`;
      await recordActivity(tx, actor, project.id, {
        action: 'document.correct',
        targetType: 'document',
        targetId: doc.id,
        documentId: doc.id,
        summary: `Corrected the text of ${quote(documentLabel(doc.title), 80)}: ${outcome}`,
        details: { ...report, oldLength: oldText.length, newLength: text.length },
      });
      return report;
    },
    { timeout: 60_000 },
  );
}
