import 'server-only';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { fromQdc, fromW3C, ImportError } from '@/lib/export';
import { countOf, emptySummary, type ImportSummary } from '@/lib/export/import-summary';
import { readQdpx } from '@/lib/export/qdpx-import';
import { slugify } from '@/lib/slug';
import type { ExportSnapshot } from '@/lib/export/types';
import type { Prisma } from '@/lib/generated/prisma/client';
import { memoryRelief } from '@/lib/jobs/memory';
import { appRoot, runInWorker } from '@/lib/jobs/worker';
import { canEditCodebook } from '@/lib/permissions';
import { confirmImportSchema, importKindSchema, maxUploadBytes, uploadQuerySchema, type ConfirmImport, type ConfirmImportInput, type ImportKind } from '@/lib/validations/import';
import { parseOrThrow } from '@/lib/validations/parse';
import { projectSlugSchema } from '@/lib/validations/project';
import { requireProjectAccess, requireUserId } from './access';
import { userActor, type Actor } from './actor';
import { storeCodebook, type CodebookImportResult } from './codebook-import';
import { checkDocumentText, checkSnapshot, storeProjectSnapshot, type SpilledTexts } from './import-store';
import { planForeignAnnotations, storeForeignAnnotations, type ForeignPlan } from './foreign-annotations';

// Imports, from the upload to the last row. An upload is streamed to a file (never held in memory);
// a worker thread reads it and writes the summary of what it would import; the user reviews that
// and confirms; the worker then writes it in one transaction. The CLI runs the same two steps
// in its own process (it has no requests to keep answering). Each step reports progress in the
// job's row, which only the user who uploaded the file can read.

export type ImportJobDto = {
  id: string;
  kind: ImportKind;
  fileName: string;
  size: number;
  status: 'ANALYSING' | 'READY' | 'IMPORTING' | 'DONE' | 'FAILED' | 'CANCELLED';
  stage: string;
  done: number;
  total: number;
  summary: ImportSummary | null;
  error: string | null;
  projectSlug: string | null;
  resultSlug: string | null;
  result: ImportResult | null;
  createdAt: string;
  updatedAt: string;
};

/** What an import would write, ready to be committed. */
export type PreparedImport =
  | { kind: 'qdpx' | 'w3c'; summary: ImportSummary; snapshot: ExportSnapshot; spilled?: SpilledPlan }
  | { kind: 'annotations'; summary: ImportSummary; plan: ForeignPlan }
  | { kind: 'qdc'; summary: ImportSummary; codebook: { categories: ExportSnapshot['categories']; attributes: ExportSnapshot['attributes']; categoryGroups: NonNullable<ExportSnapshot['categoryGroups']> } };

export type ImportResult = {
  slug: string;
  name: string;
  documents: number;
  annotations: number;
  comments: number;
  memos: number;
  people: number;
  /** A codebook import: categories added, already there, attributes and groups added. */
  codebook?: CodebookImportResult;
};

type Progress = (stage: string, done: number, total: number) => void;

/**
 * A plan whose documents' texts are on disk, one file each in `dir`, and empty in its snapshot: an
 * import job's worker keeps no more than one text in memory while it reads the file and while it
 * writes it. `texts[i]` is the file (`<index>.txt`) and length of the snapshot's document i.
 */
type SpilledPlan = { dir: string; texts: { index: number; length: number }[] };

const spilledFile = (dir: string, index: number) => path.join(dir, `${index}.txt`);
/** A full collection after about this many characters of text (lib/jobs/memory.ts). */
const textCharsBetweenCollections = 4_000_000;

function spilledTexts(plan: SpilledPlan): SpilledTexts {
  return {
    lengths: plan.texts.map((t) => t.length),
    read: async (position) => {
      try {
        return await readFile(spilledFile(plan.dir, plan.texts[position]!.index), 'utf8');
      } catch {
        throw new AppError('INVALID', 'This import’s reading of the file is no longer on this server (it restarted, or another instance answered). Upload the file again.');
      }
    },
  };
}

/** Passages (or comments) per record of a plan file. */
const planRecordItems = 5000;

/**
 * Writes a prepared import to `file` as length-prefixed V8-serialised records: the plan without
 * its passages and comments first, then those a few thousand at a time. One serialisation of a
 * plan of 50,000 passages was a 60 MB buffer beside the plan itself; in records, the worker holds
 * one record's bytes at a time, when it writes the plan and when it reads it back (readPlan).
 */
async function writePlan(file: string, prepared: PreparedImport): Promise<void> {
  const out = await open(file, 'w', 0o600);
  try {
    const record = async (value: unknown) => {
      const bytes = serialize(value);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length);
      await out.write(length);
      await out.write(bytes);
    };
    if (prepared.kind !== 'qdpx' && prepared.kind !== 'w3c') {
      await record(prepared);
      return;
    }
    const { annotations, comments } = prepared.snapshot;
    await record({ ...prepared, snapshot: { ...prepared.snapshot, annotations: [], comments: [] } });
    for (let i = 0; i < annotations.length; i += planRecordItems) await record({ annotations: annotations.slice(i, i + planRecordItems) });
    for (let i = 0; i < comments.length; i += planRecordItems) await record({ comments: comments.slice(i, i + planRecordItems) });
  } finally {
    await out.close();
  }
}

async function readPlan(file: string): Promise<PreparedImport> {
  const input = await open(file, 'r');
  try {
    let position = 0;
    const record = async (): Promise<unknown> => {
      const length = Buffer.alloc(4);
      const { bytesRead } = await input.read(length, 0, 4, position);
      if (bytesRead === 0) return undefined;
      const bytes = Buffer.alloc(length.readUInt32LE());
      await input.read(bytes, 0, bytes.length, position + 4);
      position += 4 + bytes.length;
      return deserialize(bytes);
    };
    const prepared = (await record()) as PreparedImport;
    if (prepared.kind !== 'qdpx' && prepared.kind !== 'w3c') return prepared;
    for (let next = await record(); next !== undefined; next = await record()) {
      const part = next as { annotations?: ExportSnapshot['annotations']; comments?: ExportSnapshot['comments'] };
      for (const a of part.annotations ?? []) prepared.snapshot.annotations.push(a);
      for (const c of part.comments ?? []) prepared.snapshot.comments.push(c);
    }
    return prepared;
  } finally {
    await input.close();
  }
}

const keepJobsMs = 24 * 60 * 60_000;
/** A job whose worker has said nothing for this long is taken to have died with its process. */
const staleAfterMs = 2 * 60_000;

export function importsDir(): string {
  return process.env.PARALLAX_IMPORTS_DIR ?? path.join(appRoot(), '.data', 'imports');
}
const uploadPath = (id: string) => path.join(importsDir(), `${id}.upload`);
const planPath = (id: string) => path.join(importsDir(), `${id}.plan`);
const textsPath = (id: string) => path.join(importsDir(), `${id}.texts`);
/** Everything a job keeps on disk. */
const removeJobFiles = (id: string) =>
  Promise.all([rm(uploadPath(id), { force: true }), rm(planPath(id), { force: true }), rm(textsPath(id), { force: true, recursive: true })]);

const jobSelect = {
  id: true, userId: true, projectId: true, kind: true, fileName: true, size: true, status: true, stage: true, done: true, total: true, summary: true,
  error: true, options: true, resultSlug: true, result: true, createdAt: true, updatedAt: true, project: { select: { slug: true } },
} as const;
type JobRow = Prisma.ImportJobGetPayload<{ select: typeof jobSelect }>;

function toDto(row: JobRow): ImportJobDto {
  return {
    id: row.id, kind: row.kind as ImportKind, fileName: row.fileName, size: row.size, status: row.status, stage: row.stage, done: row.done, total: row.total,
    summary: (row.summary as ImportSummary | null) ?? null, error: row.error, projectSlug: row.project?.slug ?? null, resultSlug: row.resultSlug, result: (row.result as ImportResult | null) ?? null,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

// ─── Reading a file (any process) ───────────────────────────────────────────────────────────

async function readJson(file: string, what: string): Promise<unknown> {
  const bytes = await readFile(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(`the file is not UTF-8 text: ${what} is JSON.`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(`the file is not JSON (${error instanceof Error ? error.message : String(error)}): ${what} is JSON.`);
  }
}

/** The summary of a snapshot that is imported as it is (a Parallax W3C export). */
function summariseSnapshot(snapshot: ExportSnapshot, format: 'w3c'): ImportSummary {
  const summary = emptySummary(format, snapshot.project.name, 'Parallax');
  const byCoder = new Map<string, number>();
  const names = new Map(snapshot.users.map((u) => [u.id, u.name]));
  for (const a of snapshot.annotations) {
    const name = `${names.get(a.annotatorId) ?? a.annotatorId}${a.layer === 'CONSENSUS' ? ' (consensus)' : ''}`;
    byCoder.set(name, (byCoder.get(name) ?? 0) + 1);
  }
  summary.counts = {
    sources: snapshot.documents.length, categories: snapshot.categories.length, attributes: snapshot.attributes.length, passages: snapshot.annotations.length,
    notes: snapshot.annotations.filter((a) => a.note !== '').length, comments: snapshot.comments.length, memos: snapshot.memos.length, people: snapshot.users.length,
    documentGroups: snapshot.documentGroups?.length ?? 0, categoryGroups: snapshot.categoryGroups?.length ?? 0, variables: 0,
  };
  summary.coders = [...byCoder].map(([name, passages]) => ({ name, passages })).sort((a, b) => b.passages - a.passages);
  const orphaned = snapshot.annotations.filter((a) => a.orphaned).length;
  summary.checks.push({ ok: true, text: `${countOf(snapshot.annotations.length - orphaned, 'passage')} verified: each TextQuoteSelector matches its document's text at its TextPositionSelector` });
  if (orphaned > 0) summary.checks.push({ ok: true, text: `${countOf(orphaned, 'passage')} come in unplaced, as they were in the exported project` });
  return summary;
}

/**
 * Reads an uploaded file into what it would import, for `actor`: the checks a file must pass
 * before anything is written, and the summary. `projectSlug` is the target of an import into an
 * existing project (annotations, qdc).
 */
export async function prepareImport(
  actor: Actor,
  input: { kind: ImportKind; file: string; projectSlug?: string | null; spillTo?: string },
  onProgress: Progress = () => undefined,
): Promise<PreparedImport> {
  const kind = parseOrThrow(importKindSchema, input.kind);
  if (kind === 'qdpx') {
    if (!input.spillTo) {
      const { snapshot, summary } = await readQdpx(input.file, { onProgress });
      checkSnapshot(snapshot);
      return { kind, summary, snapshot };
    }
    // Each text is checked against its passages and written to disk as soon as its source is read.
    const dir = input.spillTo;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const written = new Map<string, { index: number; length: number }>();
    const relief = memoryRelief(textCharsBetweenCollections);
    const { snapshot, summary } = await readQdpx(input.file, {
      onProgress,
      onDocument: async (document, annotations) => {
        checkDocumentText(document, annotations);
        const index = written.size;
        await writeFile(spilledFile(dir, index), document.text, { mode: 0o600 });
        written.set(document.id, { index, length: document.text.length });
        // The text, its raw copy and the readings of its positions are garbage now.
        relief(document.text.length);
        return true;
      },
    });
    checkSnapshot(snapshot, { textsChecked: true });
    // The files are numbered in the order the reader met the texts; the plan lists them in the snapshot's.
    return { kind, summary, snapshot, spilled: { dir, texts: snapshot.documents.map((d) => written.get(d.id)!) } };
  }
  if (kind === 'w3c') {
    onProgress('Reading the file', 0, 1);
    const json = await readJson(input.file, 'a W3C Web Annotation export');
    const isParallaxExport = json !== null && typeof json === 'object' && !Array.isArray(json) && 'parallax:documents' in json;
    if (!isParallaxExport) {
      throw new ImportError(
        'this W3C file carries no texts (only Parallax’s own exports do), so it cannot become a project by itself: open the project that holds its articles and import it there, under Import → W3C annotations onto this project’s articles.',
      );
    }
    const snapshot = fromW3C(json);
    checkSnapshot(snapshot);
    const summary = summariseSnapshot(snapshot, 'w3c');
    if (!input.spillTo) return { kind, summary, snapshot };
    const dir = input.spillTo;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const texts: SpilledPlan['texts'] = [];
    for (const [index, document] of snapshot.documents.entries()) {
      await writeFile(spilledFile(dir, index), document.text, { mode: 0o600 });
      texts.push({ index, length: document.text.length });
      document.text = '';
    }
    return { kind, summary, snapshot, spilled: { dir, texts } };
  }
  if (!input.projectSlug) throw new AppError('INVALID', `An import of ${kind === 'qdc' ? 'a codebook' : 'W3C annotations'} goes into an existing project: name it.`);
  const access = await requireProjectAccess(actor, { slug: input.projectSlug }, canEditCodebook, 'Only owners and curators can import into this project.');
  if (kind === 'annotations') {
    onProgress('Reading the file', 0, 1);
    const json = await readJson(input.file, 'a W3C Web Annotation file');
    const { plan, summary } = await planForeignAnnotations(access.project.id, access.project.name, json, onProgress);
    return { kind, summary, plan };
  }
  onProgress('Reading the codebook', 0, 1);
  const bytes = await readFile(input.file);
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError('the file is not UTF-8 text: a .qdc codebook is an XML file.');
  }
  const codebook = fromQdc(xml);
  const summary = emptySummary('qdc', access.project.name, codebook.origin);
  summary.counts.categories = codebook.categories.length;
  summary.counts.attributes = codebook.attributes.length;
  summary.counts.categoryGroups = codebook.categoryGroups.length;
  summary.notImported = codebook.notImported;
  return { kind, summary, codebook };
}

/** Writes a prepared import, in one transaction. */
export async function commitImport(
  actor: Actor,
  prepared: PreparedImport,
  input: { options: ConfirmImport; ownerEmail?: string; fileName?: string; projectSlug?: string | null },
  onProgress: Progress = () => undefined,
): Promise<ImportResult> {
  const db = getDb();
  if (prepared.kind === 'qdpx' || prepared.kind === 'w3c') {
    let ownerId: string;
    if (actor.kind === 'user') ownerId = actor.userId;
    else {
      const owner = input.ownerEmail ? await db.user.findUnique({ where: { email: input.ownerEmail.toLowerCase() }, select: { id: true } }) : null;
      if (!owner) throw new AppError('INVALID', input.ownerEmail ? `No account for ${input.ownerEmail}; create it first with \`users add\`.` : 'Importing from the command line needs --owner <email>: the new project’s owner.');
      ownerId = owner.id;
    }
    const { snapshot } = prepared;
    const slug = parseOrThrow(projectSlugSchema, input.options.slug ?? (snapshot.project.slug.length >= 3 ? snapshot.project.slug : `${snapshot.project.slug}-project`).slice(0, 64).replace(/-+$/, ''));
    const name = input.options.name ?? snapshot.project.name ?? slug;
    const stored = await db.$transaction(
      (tx) =>
        storeProjectSnapshot(
          tx,
          actor,
          { snapshot, ownerId, slug, name, format: prepared.kind, fileName: input.fileName, ...(prepared.spilled ? { texts: spilledTexts(prepared.spilled) } : {}) },
          onProgress,
        ),
      { timeout: 15 * 60_000, maxWait: 30_000 },
    );
    const { projectId: _projectId, ...result } = stored;
    return result;
  }
  if (!input.projectSlug) throw new AppError('INVALID', 'This import goes into an existing project: name it.');
  const access = await requireProjectAccess(actor, { slug: input.projectSlug }, canEditCodebook, 'Only owners and curators can import into this project.');
  if (prepared.kind === 'annotations') {
    const r = await db.$transaction((tx) => storeForeignAnnotations(tx, actor, access.project.id, prepared.plan, input.options.layer, onProgress), { timeout: 15 * 60_000, maxWait: 30_000 });
    return { slug: access.project.slug, name: access.project.name, documents: r.documents, annotations: r.annotations, comments: 0, memos: 0, people: r.newPeople };
  }
  if (prepared.kind !== 'qdc') throw new Error(`unknown import kind ${prepared.kind}`);
  const { codebook } = prepared;
  const r: CodebookImportResult = await db.$transaction((tx) => storeCodebook(tx, actor, access.project.id, codebook));
  return { slug: access.project.slug, name: access.project.name, documents: 0, annotations: 0, comments: 0, memos: 0, people: 0, codebook: r };
}

// ─── Jobs: the upload, the review, the commit ───────────────────────────────────────────────

function tooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The file is over ${maxUploadBytes / 1024 / 1024} MB, the largest an import takes.`);
}

/**
 * Streams a request body to `file`, counting bytes as they arrive: a body over `maxBytes` is cut
 * off there (a chunked body that declares no length included), and nothing of it is kept.
 */
export async function streamBodyToFile(body: ReadableStream<Uint8Array> | null, file: string, maxBytes: number): Promise<number> {
  if (!body) throw new AppError('BAD_REQUEST', 'The request needs the file as its body.');
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file, { mode: 0o600 });
  const reader = body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      // Back-pressure: wait for the disk when its buffer is full.
      if (!out.write(value)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } catch (error) {
    out.destroy();
    await rm(file, { force: true });
    throw error;
  }
  if (size === 0) {
    await rm(file, { force: true });
    throw new AppError('BAD_REQUEST', 'The request needs the file as its body (it was empty).');
  }
  return size;
}

async function sweepExpiredJobs(): Promise<void> {
  const db = getDb();
  const expired = await db.importJob.findMany({ where: { expiresAt: { lt: new Date() } }, select: { id: true } });
  if (expired.length === 0) return;
  await db.importJob.deleteMany({ where: { id: { in: expired.map((j) => j.id) } } });
  await Promise.all(expired.map((j) => removeJobFiles(j.id)));
}

/**
 * Receives an upload: checks who may import what where, streams the body to disk, and starts the
 * worker that reads it. Answers at once with the job; its summary follows in the job's row.
 */
export async function startImport(
  actor: Actor,
  input: { kind: string; fileName: string; project?: string | null; body: ReadableStream<Uint8Array> | null; declaredBytes?: number | null },
): Promise<ImportJobDto> {
  const userId = requireUserId(actor);
  const query = parseOrThrow(uploadQuerySchema, { kind: input.kind, fileName: input.fileName, project: input.project ?? undefined });
  if ((input.declaredBytes ?? 0) > maxUploadBytes) throw tooLarge();
  let projectId: string | null = null;
  if (query.kind === 'annotations' || query.kind === 'qdc') {
    if (!query.project) throw new AppError('INVALID', `project is required: ${query.kind === 'qdc' ? 'a codebook' : 'W3C annotations'} go into an existing project.`);
    const access = await requireProjectAccess(actor, { slug: query.project }, canEditCodebook, 'Only owners and curators can import into this project.');
    projectId = access.project.id;
  }
  await sweepExpiredJobs();
  const id = randomUUID();
  const size = await streamBodyToFile(input.body, uploadPath(id), maxUploadBytes);
  const row = await getDb().importJob.create({
    data: { id, userId, projectId, kind: query.kind, fileName: query.fileName, size, status: 'ANALYSING', stage: 'Waiting to read the file', expiresAt: new Date(Date.now() + keepJobsMs) },
    select: jobSelect,
  });
  void runInWorker('lib/data/import-jobs.ts', 'analyseImportJob', [id]).catch((error: unknown) => failJob(id, error));
  return toDto(row);
}

async function failJob(id: string, error: unknown): Promise<void> {
  // A worker that failed before it could clean up (it did not start, or could not load its
  // modules) leaves the upload and the reading behind: a failed job keeps nothing on disk.
  await removeJobFiles(id).catch(() => undefined);
  const known = error instanceof AppError;
  if (!known) console.error(`[parallax] import ${id} failed`, error);
  const message = known ? error.message : /out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(String(error)) ? 'The file needs more memory to read than an import may take.' : 'The import stopped on an error on the server; it has been logged.';
  await getDb().importJob.updateMany({ where: { id, status: { in: ['ANALYSING', 'IMPORTING'] } }, data: { status: 'FAILED', error: message, stage: '' } });
}

async function jobOrThrow(actor: Actor, id: string): Promise<JobRow> {
  const notFound = new AppError('NOT_FOUND', 'No such import is visible to you (imports are kept for a day, for the person who uploaded the file).');
  if (actor.kind !== 'user' || !/^[0-9a-f-]{36}$/i.test(id)) throw notFound;
  const row = await getDb().importJob.findFirst({ where: { id, userId: actor.userId }, select: jobSelect });
  if (!row) throw notFound;
  // Imports into a project need the role still: a removed member loses them with the project.
  if (row.projectId) await requireProjectAccess(actor, { id: row.projectId }).catch(() => Promise.reject(notFound));
  return row;
}

/** The job for the user who uploaded it (anyone else: not found). */
export async function getImport(actor: Actor, id: string): Promise<ImportJobDto> {
  let row = await jobOrThrow(actor, id);
  if ((row.status === 'ANALYSING' || row.status === 'IMPORTING') && Date.now() - row.updatedAt.getTime() > staleAfterMs) {
    await getDb().importJob.updateMany({ where: { id, status: row.status, updatedAt: row.updatedAt }, data: { status: 'FAILED', error: 'The import was interrupted (the server restarted while it ran). Upload the file again.', stage: '' } });
    row = await jobOrThrow(actor, id);
  }
  return toDto(row);
}

/** Confirms a reviewed import: the worker writes it. */
export async function confirmImport(actor: Actor, id: string, input: ConfirmImportInput): Promise<ImportJobDto> {
  const options = parseOrThrow(confirmImportSchema, input);
  const row = await jobOrThrow(actor, id);
  if (row.status !== 'READY') {
    throw new AppError('CONFLICT', row.status === 'ANALYSING' ? 'The file is still being read; confirm when its summary is shown.' : row.status === 'IMPORTING' ? 'This import is already running.' : `This import is ${row.status.toLowerCase()}; upload the file again to import it.`);
  }
  if (row.kind === 'annotations' && !options.layer) throw new AppError('INVALID', 'layer is required: whose layer the annotations become (an existing member, or a new imported annotator).');
  if ((row.kind === 'qdpx' || row.kind === 'w3c') && options.slug) {
    if (await getDb().project.findUnique({ where: { slug: options.slug }, select: { id: true } })) throw new AppError('CONFLICT', `A project with the slug "${options.slug}" already exists; choose another.`);
  }
  const claimed = await getDb().importJob.updateMany({ where: { id, status: 'READY' }, data: { status: 'IMPORTING', stage: 'Waiting to write', done: 0, total: 0, options: options as Prisma.InputJsonValue } });
  if (claimed.count === 0) throw new AppError('CONFLICT', 'This import was confirmed already.');
  void runInWorker('lib/data/import-jobs.ts', 'commitImportJob', [id]).catch((error: unknown) => failJob(id, error));
  return getImport(actor, id);
}

export async function cancelImport(actor: Actor, id: string): Promise<void> {
  const row = await jobOrThrow(actor, id);
  if (row.status === 'IMPORTING') throw new AppError('CONFLICT', 'This import is being written and can no longer be cancelled; it is one transaction, so it either completes or leaves nothing.');
  await getDb().importJob.updateMany({ where: { id, status: { in: ['ANALYSING', 'READY', 'FAILED'] } }, data: { status: 'CANCELLED', stage: '' } });
  await removeJobFiles(id);
}

/** Waits (without blocking) until the job leaves `statuses`, for callers that want one answer. */
export async function waitForImport(actor: Actor, id: string, statuses: ImportJobDto['status'][], timeoutMs = 30 * 60_000): Promise<ImportJobDto> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await getImport(actor, id);
    if (!statuses.includes(job.status) || Date.now() > until) return job;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

// ─── Inside the worker ──────────────────────────────────────────────────────────────────────

/** Throttled progress writes: a few a second at most, so the row is not written 50,000 times. */
function progressWriter(id: string): Progress & { flush: () => Promise<void> } {
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const write = ((stage: string, done: number, total: number) => {
    const now = Date.now();
    if (now - last < 250 && done !== total) return;
    last = now;
    pending = pending.then(() => getDb().importJob.update({ where: { id }, data: { stage, done, total } })).catch(() => undefined);
  }) as Progress & { flush: () => Promise<void> };
  write.flush = () => pending.then(() => undefined);
  return write;
}

/** Worker: reads the uploaded file and stores the summary for review. */
export async function runAnalysis(id: string): Promise<void> {
  const db = getDb();
  const job = await db.importJob.findUnique({ where: { id }, select: { userId: true, kind: true, status: true, project: { select: { slug: true } } } });
  if (!job || job.status !== 'ANALYSING') return;
  const progress = progressWriter(id);
  try {
    const prepared = await prepareImport(userActor(job.userId), { kind: job.kind as ImportKind, file: uploadPath(id), projectSlug: job.project?.slug ?? null, spillTo: textsPath(id) }, progress);
    await writePlan(planPath(id), prepared);
    await progress.flush();
    await db.importJob.updateMany({ where: { id, status: 'ANALYSING' }, data: { status: 'READY', stage: '', summary: prepared.summary as unknown as Prisma.InputJsonValue } });
  } catch (error) {
    await progress.flush();
    await failJob(id, error);
    await rm(textsPath(id), { force: true, recursive: true }).catch(() => undefined);
  } finally {
    await rm(uploadPath(id), { force: true }).catch(() => undefined);
  }
}

/** Worker: writes a confirmed import. */
export async function runCommit(id: string): Promise<void> {
  const db = getDb();
  const job = await db.importJob.findUnique({ where: { id }, select: { userId: true, status: true, options: true, fileName: true, project: { select: { slug: true } } } });
  if (!job || job.status !== 'IMPORTING') return;
  const progress = progressWriter(id);
  try {
    let prepared: PreparedImport;
    try {
      prepared = await readPlan(planPath(id));
    } catch {
      throw new AppError('INVALID', 'This import’s reading of the file is no longer on this server (it restarted, or another instance answered). Upload the file again.');
    }
    const options = parseOrThrow(confirmImportSchema, job.options ?? {});
    const result = await commitImport(userActor(job.userId), prepared, { options, fileName: job.fileName, projectSlug: job.project?.slug ?? null }, progress);
    await progress.flush();
    await db.importJob.update({ where: { id }, data: { status: 'DONE', stage: '', resultSlug: result.slug, result: result as unknown as Prisma.InputJsonValue } });
  } catch (error) {
    await progress.flush();
    await failJob(id, error);
  } finally {
    await Promise.all([rm(planPath(id), { force: true }), rm(textsPath(id), { force: true, recursive: true })]).catch(() => undefined);
  }
}

/** A free slug for the project an import makes: from the file's project name (or file name). */
export async function suggestImportSlug(actor: Actor, id: string): Promise<string> {
  const job = await getImport(actor, id);
  const base = slugify(job.summary?.projectName ?? job.fileName.replace(/\.[^.]+$/, ''), { maxLength: 56, fallback: 'imported' });
  const stem = base.length >= 3 ? base : `${base}-import`.replace(/^-/, '');
  const taken = new Set((await getDb().project.findMany({ where: { slug: { startsWith: stem } }, select: { slug: true } })).map((p) => p.slug));
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}
