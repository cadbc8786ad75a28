import 'server-only';
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { exportFileName, renderExport, type RenderedFile } from '@/lib/export';
import type { ImportSummary } from '@/lib/export/import-summary';
import type { ExportSnapshot } from '@/lib/export/types';
import { reportFonts } from '@/lib/fonts';
import { isUuid } from '@/lib/ids';
import { canEditCodebook } from '@/lib/permissions';
import { type ExportOptionsInput, type ImportFormat, importFormatSchema } from '@/lib/validations/export';
import { confirmImportSchema, type ImportKind } from '@/lib/validations/import';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireProjectAccess } from './access';
import type { Actor } from './actor';
import { storeCodebook } from './codebook-import';
import { buildExportSnapshot } from './export';
import { commitImport, importsDir, prepareImport, type ImportResult } from './imports';

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
//
// The browser and the REST API import through jobs (lib/data/imports.ts: upload, review, commit,
// in a worker). These run the same two steps at once, in the calling process: for the CLI, which
// has no requests to keep answering, and for callers that hold the file's bytes already.

export type ProjectImportResult = ImportResult;

async function withTempFile<T>(bytes: Uint8Array, use: (file: string) => Promise<T>): Promise<T> {
  await mkdir(importsDir(), { recursive: true });
  const file = path.join(importsDir(), `${randomUUID()}.inline`);
  await writeFile(file, bytes, { mode: 0o600 });
  try {
    return await use(file);
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * Loads a W3C Web Annotation export or a REFI-QDA project into a NEW project owned by the actor (or,
 * from the CLI, by `ownerEmail`), in one transaction: a bad file leaves nothing behind.
 * `dryRun` stops after reading and returns the summary only.
 */
export async function importProjectFile(
  actor: Actor,
  input: { format: string; bytes?: Uint8Array; file?: string; slug?: string; name?: string; ownerEmail?: string; fileName?: string },
): Promise<ProjectImportResult & { summary: ImportSummary }> {
  const format = parseOrThrow(importFormatSchema, input.format) as ImportFormat;
  if (format === 'qdc') throw new AppError('INVALID', 'A .qdc file is a codebook: import it into an existing project’s codebook instead.');
  const run = async (file: string) => {
    const prepared = await prepareImport(actor, { kind: format, file });
    const options = parseOrThrow(confirmImportSchema, { slug: input.slug, name: input.name });
    const result = await commitImport(actor, prepared, { options, ownerEmail: input.ownerEmail, fileName: input.fileName });
    return { ...result, summary: prepared.summary };
  };
  if (input.file) return run(input.file);
  if (!input.bytes) throw new AppError('BAD_REQUEST', 'The import needs the file.');
  return withTempFile(input.bytes, run);
}

/** What a file would import, without importing it (the CLI's --dry-run). */
export async function previewImportFile(actor: Actor, input: { kind: ImportKind; file: string; projectSlug?: string }): Promise<ImportSummary> {
  return (await prepareImport(actor, { kind: input.kind, file: input.file, projectSlug: input.projectSlug ?? null })).summary;
}

/**
 * Loads a REFI-QDA codebook (.qdc) into a project's codebook, in one transaction. A code whose path
 * the codebook already has is kept as it is (not duplicated); new codes are added under their parents.
 */
export async function importCodebookFile(actor: Actor, slug: string, bytes: Uint8Array): Promise<{ added: number; existing: number; attributesAdded: number; groupsAdded: number }> {
  await requireProjectAccess(actor, { slug }, canEditCodebook, 'Only owners and curators can change the codebook.');
  return withTempFile(bytes, async (file) => {
    const prepared = await prepareImport(actor, { kind: 'qdc', file, projectSlug: slug });
    if (prepared.kind !== 'qdc') throw new Error('unreachable');
    return getDb().$transaction(async (tx) => {
      const access = await requireProjectAccess(actor, { slug }, canEditCodebook, 'Only owners and curators can change the codebook.');
      return storeCodebook(tx, actor, access.project.id, prepared.codebook);
    });
  });
}
