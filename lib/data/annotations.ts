import 'server-only';
import { encodeAnnotations, type CompactAnnotations } from '@/lib/annotations/compact';
import { describeSpan, validateSpan } from '@/lib/anchoring';
import { randomUUID } from 'node:crypto';
import { flattenCategoryTree } from '@/lib/codebook/tree';
import { getDb } from '@/lib/db';
import { isUuid } from '@/lib/ids';
import { AppError, ConflictError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Layer, Role } from '@/lib/generated/prisma/enums';
import { annotationChangedSummary, annotationCreatedSummary, quote } from '@/lib/activity';
import { canAnnotate } from '@/lib/permissions';
import {
  annotationLayerSchema,
  createAnnotationSchema,
  updateAnnotationSchema,
  type AnnotationLayerInput,
  type CreateAnnotationInput,
  type UpdateAnnotationInput,
} from '@/lib/validations/annotation';
import { parseOrThrow } from '@/lib/validations/parse';
import { accessOr, requireProjectAccess, requireUserId, type ProjectAccess } from './access';
import type { Actor } from './actor';
import { recordActivity } from './activity';
import { visibleAnnotationsWhere } from './visibility';

/** One annotation as pages, client components and the REST API see it: plain and serializable. */
export type AnnotationDto = {
  id: string;
  documentId: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  categoryId: string;
  categoryName: string;
  /** Names from the codebook root down, e.g. "Security / TTP sanctuary". */
  categoryPath?: string;
  color: string;
  annotatorId: string;
  annotatorName: string;
  layer: Layer;
  note: string;
  /** Attribute key → option value, e.g. { "blame-target": "pakistan" }. */
  attributes: Record<string, string>;
  version: number;
  orphaned: boolean;
  createdAt: string;
  updatedAt: string;
};

const documentNotFound = () => new AppError('NOT_FOUND', 'No such document is visible to you.');
const annotationNotFound = () => new AppError('NOT_FOUND', 'No such annotation is visible to you.');

/**
 * The document's project access for the actor, or NOT_FOUND (missing, malformed id, or another
 * project: one answer for all three). For the annotation and document-status modules.
 */
export async function requireDocumentAccess(
  actor: Actor,
  documentId: string,
  allowed?: (role: Role) => boolean,
  deniedMessage?: string,
): Promise<{ access: ProjectAccess; documentId: string }> {
  if (!isUuid(documentId)) throw documentNotFound();
  const doc = await getDb().document.findUnique({ where: { id: documentId }, select: { id: true, projectId: true } });
  if (!doc) throw documentNotFound();
  const access = await accessOr(requireProjectAccess(actor, { id: doc.projectId }, allowed, deniedMessage), documentNotFound);
  return { access, documentId: doc.id };
}

// ─── Reading ────────────────────────────────────────────────────────────────────────────────

// Annotations are read as plain columns; names, colours, paths and attribute keys come from small
// per-project lookups joined in memory. Measured on 10,000 annotations of one document, Prisma's
// nested relation selects cost about 1.5 times the CPU of this, for nothing a codebook-sized map
// does not give. Five queries, run in parallel, whatever the number of annotations.
const annotationSelect = {
  id: true,
  documentId: true,
  start: true,
  end: true,
  quote: true,
  prefix: true,
  suffix: true,
  categoryId: true,
  annotatorId: true,
  layer: true,
  note: true,
  version: true,
  orphaned: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.AnnotationSelect;

type AnnotationRow = Prisma.AnnotationGetPayload<{ select: typeof annotationSelect }>;

type Lookups = {
  categories: Map<string, { name: string; color: string; path: string }>;
  annotatorNames: Map<string, string>;
  /** annotation id → attribute key → option value */
  attributes: Map<string, Record<string, string>>;
};

// Text order; ties broken by the longer span first (it encloses the shorter), then by age.
const textOrder: Prisma.AnnotationOrderByWithRelationInput[] = [{ start: 'asc' }, { end: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }];

/** The annotations matching `where` (already scoped to the project) as DTOs, in text order. */
async function readAnnotations(projectId: string, where: Prisma.AnnotationWhereInput): Promise<AnnotationDto[]> {
  const db = getDb();
  const [rows, attributeRows, categories, definitions, annotators] = await Promise.all([
    db.annotation.findMany({ where, orderBy: textOrder, select: annotationSelect }),
    db.annotationAttribute.findMany({ where: { annotation: where }, select: { annotationId: true, attributeId: true, optionId: true } }),
    db.category.findMany({ where: { projectId }, select: { id: true, parentId: true, name: true, color: true, position: true } }),
    db.attributeDefinition.findMany({ where: { projectId }, select: { id: true, key: true, options: { select: { id: true, value: true } } } }),
    db.user.findMany({ where: { annotations: { some: where } }, select: { id: true, name: true } }),
  ]);
  const keyOf = new Map(definitions.map((d) => [d.id, d.key]));
  const valueOf = new Map(definitions.flatMap((d) => d.options.map((o) => [o.id, o.value] as const)));
  const attributes = new Map<string, Record<string, string>>();
  for (const a of attributeRows) {
    const key = keyOf.get(a.attributeId);
    const value = valueOf.get(a.optionId);
    if (key === undefined || value === undefined) continue;
    const record = attributes.get(a.annotationId) ?? {};
    record[key] = value;
    attributes.set(a.annotationId, record);
  }
  const lookups: Lookups = {
    categories: new Map(flattenCategoryTree(categories).map((c) => [c.id, { name: c.name, color: c.color, path: c.path }])),
    annotatorNames: new Map(annotators.map((u) => [u.id, u.name])),
    attributes,
  };
  return rows.map((row) => toDto(row, lookups));
}

function toDto(row: AnnotationRow, lookups: Lookups): AnnotationDto {
  const category = lookups.categories.get(row.categoryId);
  return {
    id: row.id,
    documentId: row.documentId,
    start: row.start,
    end: row.end,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    categoryId: row.categoryId,
    // The foreign key guarantees the category exists; the fallbacks only satisfy the type.
    categoryName: category?.name ?? '',
    categoryPath: category?.path ?? '',
    color: category?.color ?? '#78716c',
    annotatorId: row.annotatorId,
    annotatorName: lookups.annotatorNames.get(row.annotatorId) ?? '',
    layer: row.layer,
    note: row.note,
    attributes: lookups.attributes.get(row.id) ?? {},
    version: row.version,
    orphaned: row.orphaned,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One annotation by id, deleted or not, for answers to writes; the caller has checked access. */
async function readAnnotationDto(projectId: string, annotationId: string): Promise<AnnotationDto & { deleted: boolean }> {
  const [[dto], row] = await Promise.all([
    readAnnotations(projectId, { projectId, id: annotationId }),
    getDb().annotation.findUnique({ where: { id: annotationId }, select: { deletedAt: true } }),
  ]);
  if (!dto || !row) throw annotationNotFound();
  return { ...dto, deleted: row.deletedAt !== null };
}

async function readCurrent(projectId: string, annotationId: string): Promise<AnnotationDto> {
  const { deleted: _deleted, ...dto } = await readAnnotationDto(projectId, annotationId);
  return dto;
}

/**
 * The annotations of one document the actor may see, in text order.
 * - mine: the actor's own annotator layer;
 * - all: every annotator layer the visibility rule lets the actor see (in blind coding, an
 *   annotator who has not finished the document sees only their own);
 * - consensus: the project's consensus layer, under the same rule.
 */
export async function listAnnotations(
  actor: Actor,
  documentId: string,
  options: { layer: AnnotationLayerInput } = { layer: 'mine' },
): Promise<AnnotationDto[]> {
  const layer = parseOrThrow(annotationLayerSchema, options.layer);
  const { access } = await requireDocumentAccess(actor, documentId);
  const scope: Prisma.AnnotationWhereInput =
    layer === 'mine'
      ? { documentId, layer: 'ANNOTATOR', annotatorId: requireUserId(actor) }
      : { documentId, layer: layer === 'all' ? 'ANNOTATOR' : 'CONSENSUS' };
  return readAnnotations(access.project.id, { AND: [visibleAnnotationsWhere(actor, access), scope] });
}

// ─── Checking input against the document and the codebook ───────────────────────────────────

/** What is wrong with a span of `text` (lib/anchoring's messages, all of them), or null when sound. */
function spanProblem(text: string, span: { start: number; end: number; quote: string }): string | null {
  const result = validateSpan(text, span);
  return result.ok ? null : result.problems.join(' ');
}

/** Up to 32 characters either side: what re-anchoring uses to find the passage again. */
function spanContext(text: string, start: number, end: number): { prefix: string; suffix: string } {
  const { prefix, suffix } = describeSpan(text, start, end);
  return { prefix, suffix };
}

type CodebookIndex = {
  categoryIds: Set<string>;
  /** Name, colour and path of each category, to answer a write without reading it back. */
  categories: Map<string, { name: string; color: string; path: string }>;
  attributes: Map<string, { id: string; options: { id: string; value: string }[] }>;
};

async function loadCodebookIndex(projectId: string): Promise<CodebookIndex> {
  const db = getDb();
  const [categories, attributes] = await Promise.all([
    db.category.findMany({ where: { projectId }, select: { id: true, parentId: true, name: true, color: true, position: true } }),
    db.attributeDefinition.findMany({
      where: { projectId },
      orderBy: { position: 'asc' },
      select: { id: true, key: true, options: { orderBy: { position: 'asc' }, select: { id: true, value: true } } },
    }),
  ]);
  return {
    categoryIds: new Set(categories.map((c) => c.id)),
    categories: new Map(flattenCategoryTree(categories).map((c) => [c.id, { name: c.name, color: c.color, path: c.path }])),
    attributes: new Map(attributes.map((a) => [a.key, a])),
  };
}

function categoryProblem(codebook: CodebookIndex, categoryId: string): string | null {
  return codebook.categoryIds.has(categoryId) ? null : `unknown category ${categoryId} (not in this project's codebook).`;
}

type ResolvedAttribute = { attributeId: string; optionId: string };

/** Attribute key/value pairs as row ids, and a message per pair the codebook does not define. */
function resolveAttributes(codebook: CodebookIndex, input: Record<string, string>): { resolved: ResolvedAttribute[]; problems: string[] } {
  const resolved: ResolvedAttribute[] = [];
  const problems: string[] = [];
  const keys = [...codebook.attributes.keys()];
  for (const [key, value] of Object.entries(input)) {
    const attribute = codebook.attributes.get(key);
    if (!attribute) {
      problems.push(`unknown attribute "${key}" (this project's attributes: ${keys.length > 0 ? keys.join(', ') : 'none'}).`);
      continue;
    }
    const option = attribute.options.find((o) => o.value === value);
    if (!option) {
      problems.push(`${key}: "${value}" is not one of ${attribute.options.map((o) => o.value).join(', ')}.`);
      continue;
    }
    resolved.push({ attributeId: attribute.id, optionId: option.id });
  }
  return { resolved, problems };
}

function throwIfProblems(problems: (string | null)[]): void {
  const found = problems.filter((p): p is string => p !== null);
  if (found.length > 0) throw new AppError('INVALID', found.join(' '));
}

const sameAttributes = (a: ResolvedAttribute[], b: ResolvedAttribute[]) => {
  const key = (list: ResolvedAttribute[]) => list.map((r) => `${r.attributeId}=${r.optionId}`).sort().join('&');
  return key(a) === key(b);
};

// ─── Writing ────────────────────────────────────────────────────────────────────────────────

type CreateContext = {
  projectId: string;
  text: string;
  /** For the activity log's summary. */
  title: string | null;
  role: Role | null;
  userName: string | null;
  codebook: CodebookIndex;
};

/**
 * Everything a create checks, in one round trip: the document's text and project, the actor's
 * role there, their name, and the project's codebook. One SQL statement instead of eight ORM
 * queries is most of what keeps a tag's write under 30 ms.
 */
async function loadCreateContext(documentId: string, userId: string | null): Promise<CreateContext | null> {
  type Row = {
    projectId: string;
    text: string;
    title: string | null;
    role: Role | null;
    userName: string | null;
    categories: { id: string; parentId: string | null; name: string; color: string; position: number }[] | null;
    attributes: { id: string; key: string; options: { id: string; value: string }[] | null }[] | null;
  };
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT d."projectId"::text AS "projectId", d."text", d."title",
      (SELECT m."role"::text FROM "Membership" m WHERE m."projectId" = d."projectId" AND m."userId" = ${userId}::uuid) AS "role",
      (SELECT u."name" FROM "User" u WHERE u."id" = ${userId}::uuid) AS "userName",
      (SELECT json_agg(json_build_object('id', c."id", 'parentId', c."parentId", 'name', c."name", 'color', c."color", 'position', c."position"))
         FROM "Category" c WHERE c."projectId" = d."projectId") AS "categories",
      (SELECT json_agg(json_build_object('id', a."id", 'key', a."key", 'options',
           (SELECT json_agg(json_build_object('id', o."id", 'value', o."value") ORDER BY o."position") FROM "AttributeOption" o WHERE o."attributeId" = a."id"))
         ORDER BY a."position")
         FROM "AttributeDefinition" a WHERE a."projectId" = d."projectId") AS "attributes"
    FROM "Document" d WHERE d."id" = ${documentId}::uuid`;
  const row = rows[0];
  if (!row) return null;
  const categories = row.categories ?? [];
  return {
    projectId: row.projectId,
    text: row.text,
    title: row.title,
    role: row.role,
    userName: row.userName,
    codebook: {
      categoryIds: new Set(categories.map((c) => c.id)),
      categories: new Map(flattenCategoryTree(categories).map((c) => [c.id, { name: c.name, color: c.color, path: c.path }])),
      attributes: new Map((row.attributes ?? []).map((a) => [a.key, { id: a.id, options: a.options ?? [] }])),
    },
  };
}

/** A unique-key violation, however the driver adapter reports it (typed, or from raw SQL). */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return error.code === 'P2002' || (error.code === 'P2010' && /23505|duplicate key/.test(JSON.stringify(error.meta ?? {}) + error.message));
}

/**
 * Creates an annotation in the actor's own layer. With a client-chosen id the call is idempotent:
 * repeating it with the same content returns the stored annotation with `created: false`.
 *
 * This is the hottest write in the product (every tag), so it is built for few round trips: one
 * read of the document, one parallel batch of checks, and one SQL statement that inserts the
 * annotation, its attribute values, the annotator's progress and the activity-log event together
 * (a single statement is atomic, so no transaction is needed, and a failed insert logs nothing).
 * A repeat of an idempotent create changes nothing, so it logs nothing either. The answer is assembled from what is already known rather
 * than read back.
 */
export async function createAnnotation(
  actor: Actor,
  documentId: string,
  input: CreateAnnotationInput,
): Promise<{ annotation: AnnotationDto; created: boolean }> {
  if (!isUuid(documentId)) throw documentNotFound();
  const db = getDb();
  // Input problems are reported only after the access check, so an outsider learns nothing from them.
  const parsed = createAnnotationSchema.safeParse(input);
  const repeatSelect = {
    projectId: true, documentId: true, annotatorId: true, layer: true, deletedAt: true,
    start: true, end: true, quote: true, categoryId: true, note: true,
    attributes: { select: { attributeId: true, optionId: true } },
  } satisfies Prisma.AnnotationSelect;
  const [context, existing] = await Promise.all([
    loadCreateContext(documentId, actor.kind === 'user' ? actor.userId : null),
    parsed.data?.id ? db.annotation.findUnique({ where: { id: parsed.data.id }, select: repeatSelect }) : null,
  ]);
  // The same rule as requireProjectAccess: no membership reads as no document at all.
  if (!context || (actor.kind === 'user' && !context.role)) throw documentNotFound();
  const role: Role = actor.kind === 'system' ? 'OWNER' : context.role!;
  if (!canAnnotate(role)) throw new AppError('FORBIDDEN', 'Your role in this project does not allow annotating.');
  const doc = { projectId: context.projectId, text: context.text };
  const codebook = context.codebook;
  const me = { name: context.userName ?? '' };
  const access = { project: { id: context.projectId } };
  const data = parseOrThrow(createAnnotationSchema, input);
  const userId = requireUserId(actor);
  const projectId = access.project.id;
  const { resolved, problems } = resolveAttributes(codebook, data.attributes);
  throwIfProblems([spanProblem(doc.text, data), categoryProblem(codebook, data.categoryId), ...problems]);

  // A repeated id is answered without revealing anything about an annotation the actor does not own.
  const answerRepeat = async (id: string, row: Prisma.AnnotationGetPayload<{ select: typeof repeatSelect }> | null) => {
    if (!row) return null;
    const owned = row.projectId === projectId && row.documentId === documentId && row.annotatorId === userId && row.layer === 'ANNOTATOR';
    if (!owned) throw new AppError('CONFLICT', `an annotation with id ${id} already exists; create this one with a new id.`);
    const same =
      row.deletedAt === null &&
      row.start === data.start && row.end === data.end && row.quote === data.quote &&
      row.categoryId === data.categoryId && row.note === data.note && sameAttributes(row.attributes, resolved);
    if (!same) {
      throw new AppError(
        'CONFLICT',
        row.deletedAt
          ? `an annotation with id ${id} already exists and was deleted; restore it or create this one with a new id.`
          : `an annotation with id ${id} already exists with different content; edit it instead, or create this one with a new id.`,
      );
    }
    return { annotation: await readCurrent(projectId, id), created: false };
  };
  if (data.id) {
    const repeat = await answerRepeat(data.id, existing);
    if (repeat) return repeat;
  }

  const id = data.id ?? randomUUID();
  const { prefix, suffix } = spanContext(doc.text, data.start, data.end);
  // Timestamps are stored as UTC without a zone, as Prisma writes them.
  const now = new Date();
  const stamp = now.toISOString();
  const category = codebook.categories.get(data.categoryId);
  const summary = annotationCreatedSummary({ quote: data.quote, category: category?.name ?? '', document: context.title });
  const details = JSON.stringify({ categoryId: data.categoryId, start: data.start, end: data.end });
  try {
    await db.$executeRaw`
      WITH ins AS (
        INSERT INTO "Annotation" ("id", "projectId", "documentId", "annotatorId", "layer", "categoryId", "start", "end",
                                  "quote", "prefix", "suffix", "note", "version", "createdAt", "updatedAt")
        VALUES (${id}::uuid, ${projectId}::uuid, ${documentId}::uuid, ${userId}::uuid, 'ANNOTATOR', ${data.categoryId}::uuid,
                ${data.start}, ${data.end}, ${data.quote}, ${prefix}, ${suffix}, ${data.note}, 1,
                (${stamp}::timestamptz AT TIME ZONE 'UTC'), (${stamp}::timestamptz AT TIME ZONE 'UTC'))
        RETURNING "id"
      ), attrs AS (
        INSERT INTO "AnnotationAttribute" ("annotationId", "attributeId", "optionId")
        SELECT ins."id", v.a, v.o
        FROM ins, unnest(${resolved.map((r) => r.attributeId)}::uuid[], ${resolved.map((r) => r.optionId)}::uuid[]) AS v(a, o)
      ), progress AS (
        -- The first annotation starts the document for this annotator; a finished one stays finished.
        INSERT INTO "DocumentStatus" ("documentId", "userId", "projectId", "status", "updatedAt")
        SELECT ${documentId}::uuid, ${userId}::uuid, ${projectId}::uuid, 'IN_PROGRESS', (${stamp}::timestamptz AT TIME ZONE 'UTC') FROM ins
        ON CONFLICT ("documentId", "userId") DO UPDATE SET "status" = 'IN_PROGRESS', "updatedAt" = EXCLUDED."updatedAt"
        WHERE "DocumentStatus"."status" = 'NOT_STARTED'
      ), activity AS (
        -- The activity log (lib/data/activity.ts recordActivity), in this same statement: a second
        -- round trip here would cost more than the rest of the write.
        INSERT INTO "ActivityEvent" ("projectId", "actorId", "action", "targetType", "targetId", "documentId", "summary", "details", "createdAt")
        SELECT ${projectId}::uuid, ${userId}::uuid, 'annotation.create', 'annotation', ins."id"::text, ${documentId}::uuid,
               ${summary}, ${details}::jsonb, (${stamp}::timestamptz AT TIME ZONE 'UTC')
        FROM ins
      )
      SELECT 1 FROM ins`;
  } catch (error) {
    // Two retries of one create racing: the loser answers as a repeat.
    if (data.id && isUniqueViolation(error)) {
      const repeat = await answerRepeat(data.id, await db.annotation.findUnique({ where: { id: data.id }, select: repeatSelect }));
      if (repeat) return repeat;
    }
    throw error;
  }
  const attributes = Object.fromEntries(Object.entries(data.attributes).filter(([key]) => codebook.attributes.has(key)));
  return {
    created: true,
    annotation: {
      id, documentId, start: data.start, end: data.end, quote: data.quote, prefix, suffix, categoryId: data.categoryId,
      categoryName: category?.name ?? '', categoryPath: category?.path ?? '', color: category?.color ?? '#78716c',
      annotatorId: userId, annotatorName: me?.name ?? '', layer: 'ANNOTATOR', note: data.note, attributes, version: 1,
      orphaned: false, createdAt: stamp, updatedAt: stamp,
    },
  };
}

const writeSelect = {
  id: true, projectId: true, documentId: true, annotatorId: true, layer: true, version: true, deletedAt: true,
  // For the activity log's summary of the change.
  quote: true, categoryId: true, note: true, category: { select: { name: true } }, document: { select: { title: true } },
} satisfies Prisma.AnnotationSelect;

type WriteRow = Prisma.AnnotationGetPayload<{ select: typeof writeSelect }>;

const describeRow = (row: WriteRow) => ({ quote: row.quote, category: row.category.name, document: row.document.title });

// The consensus layer is curated: owners and curators accept passages into it.
const canCurate = (role: Role) => role === 'OWNER' || role === 'CURATOR';

/**
 * The annotation and the actor's access when the actor may change it: their own annotator-layer
 * row, or a consensus row for owners and curators. Someone who may see it but not change it gets
 * FORBIDDEN; anyone else NOT_FOUND, so ids cannot be probed.
 */
async function requireWritableAnnotation(actor: Actor, annotationId: string) {
  if (!isUuid(annotationId)) throw annotationNotFound();
  const db = getDb();
  const row = await db.annotation.findUnique({ where: { id: annotationId }, select: writeSelect });
  if (!row) throw annotationNotFound();
  const access = await accessOr(requireProjectAccess(actor, { id: row.projectId }), annotationNotFound);
  const allowed =
    actor.kind === 'system' ||
    (row.layer === 'CONSENSUS' ? canCurate(access.role) : row.annotatorId === actor.userId && canAnnotate(access.role));
  if (!allowed) {
    const visible = await db.annotation.count({ where: { AND: [visibleAnnotationsWhere(actor, access), { id: row.id }] } });
    if (visible === 0) throw annotationNotFound();
    throw new AppError(
      'FORBIDDEN',
      row.layer === 'CONSENSUS'
        ? 'Only owners and curators can change the consensus layer.'
        : 'Only the annotator who made this annotation can change or delete it.',
    );
  }
  return { row, access };
}

/**
 * Edits an annotation the actor may change. `version` is the version the client read: the update
 * only applies while the row still has it (UPDATE … WHERE version = $v), so of two concurrent
 * edits exactly one wins and the other gets CONFLICT with the current state.
 */
export async function updateAnnotation(actor: Actor, annotationId: string, input: UpdateAnnotationInput): Promise<AnnotationDto> {
  const { row } = await requireWritableAnnotation(actor, annotationId);
  if (row.deletedAt) throw annotationNotFound();
  const data = parseOrThrow(updateAnnotationSchema, input);
  const stale = async () => {
    const current = await readAnnotationDto(row.projectId, row.id);
    if (current.deleted) return annotationNotFound();
    const { deleted: _deleted, ...dto } = current;
    return new ConflictError(`this annotation was changed since you read it (your version ${data.version}, current ${dto.version}).`, dto);
  };
  if (data.version !== row.version) throw await stale();

  const db = getDb();
  const changes: Prisma.AnnotationUncheckedUpdateManyInput = { version: { increment: 1 } };
  const problems: (string | null)[] = [];
  // What changed, in words, for the activity log.
  const changed: string[] = [];
  let resolved: ResolvedAttribute[] | undefined;
  if (data.categoryId !== undefined || data.attributes !== undefined) {
    const codebook = await loadCodebookIndex(row.projectId);
    if (data.categoryId !== undefined) {
      problems.push(categoryProblem(codebook, data.categoryId));
      changes.categoryId = data.categoryId;
      if (data.categoryId !== row.categoryId) changed.push(`category → ${codebook.categories.get(data.categoryId)?.name ?? ''}`);
    }
    if (data.attributes !== undefined) changed.push('attributes');
    if (data.attributes !== undefined) {
      const result = resolveAttributes(codebook, data.attributes);
      problems.push(...result.problems);
      resolved = result.resolved;
    }
  }
  if (data.start !== undefined && data.end !== undefined && data.quote !== undefined) {
    const { text } = await db.document.findUniqueOrThrow({ where: { id: row.documentId }, select: { text: true } });
    const span = { start: data.start, end: data.end, quote: data.quote };
    const problem = spanProblem(text, span);
    problems.push(problem);
    // A moved annotation has been placed by hand, so it is no longer orphaned.
    if (!problem) Object.assign(changes, span, spanContext(text, span.start, span.end), { orphaned: false });
    if (span.quote !== row.quote) changed.push(`passage → ${quote(span.quote)}`);
    else changed.push('passage moved');
  }
  throwIfProblems(problems);
  if (data.note !== undefined) {
    changes.note = data.note;
    if (data.note !== row.note) changed.push('note');
  }

  const applied = await db.$transaction(async (tx) => {
    const { count } = await tx.annotation.updateMany({ where: { id: row.id, version: data.version, deletedAt: null }, data: changes });
    if (count === 0) return false;
    if (resolved) {
      await tx.annotationAttribute.deleteMany({ where: { annotationId: row.id } });
      await tx.annotationAttribute.createMany({ data: resolved.map((r) => ({ ...r, annotationId: row.id })) });
    }
    await recordActivity(tx, actor, row.projectId, {
      action: 'annotation.update',
      targetType: 'annotation',
      targetId: row.id,
      documentId: row.documentId,
      summary: annotationChangedSummary('Edited', { ...describeRow(row), changes: changed }),
    });
    return true;
  });
  if (!applied) throw await stale();
  return readCurrent(row.projectId, row.id);
}

/** Soft delete, so that "undo" (restoreAnnotation) can bring it back with its id and history. */
export async function deleteAnnotation(actor: Actor, annotationId: string): Promise<{ id: string; version: number }> {
  const { row } = await requireWritableAnnotation(actor, annotationId);
  if (row.deletedAt) throw annotationNotFound();
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.annotation.updateMany({
      where: { id: row.id, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    // Deleted meanwhile by another request: that one logged it.
    if (count === 0) throw annotationNotFound();
    await recordActivity(tx, actor, row.projectId, {
      action: 'annotation.delete',
      targetType: 'annotation',
      targetId: row.id,
      documentId: row.documentId,
      summary: annotationChangedSummary('Deleted', describeRow(row)),
    });
  });
  return { id: row.id, version: row.version + 1 };
}

/** Undoes a delete. Restoring an annotation that is not deleted changes nothing. */
export async function restoreAnnotation(actor: Actor, annotationId: string): Promise<AnnotationDto> {
  const { row } = await requireWritableAnnotation(actor, annotationId);
  if (row.deletedAt) {
    await getDb().$transaction(async (tx) => {
      const { count } = await tx.annotation.updateMany({
        where: { id: row.id, deletedAt: { not: null } },
        data: { deletedAt: null, version: { increment: 1 } },
      });
      // Restored meanwhile by another request: nothing changed here, so nothing to log.
      if (count === 0) return;
      await recordActivity(tx, actor, row.projectId, {
        action: 'annotation.restore',
        targetType: 'annotation',
        targetId: row.id,
        documentId: row.documentId,
        summary: annotationChangedSummary('Restored', describeRow(row)),
      });
    });
  }
  return readCurrent(row.projectId, row.id);
}

/**
 * Every annotation of a document the actor may see — all visible annotator layers and the
 * consensus — in the compact form the annotation view decodes (lib/annotations/compact.ts). Only
 * the columns the view needs are read: quotes come from the text, names and colours from the
 * codebook, so 10,000 annotations cost a few hundred kilobytes instead of megabytes.
 */
export async function listAnnotationsForView(actor: Actor, documentId: string, options: { ids?: readonly string[] } = {}): Promise<CompactAnnotations> {
  const { access } = await requireDocumentAccess(actor, documentId);
  // `ids` narrows the read to annotations that just changed (the live stream), under the same rule.
  const scope: Prisma.AnnotationWhereInput = options.ids ? { documentId, id: { in: options.ids.filter(isUuid) } } : { documentId };
  const where: Prisma.AnnotationWhereInput = { AND: [visibleAnnotationsWhere(actor, access), scope] };
  const db = getDb();
  const [rows, attributeRows, definitions, annotators] = await Promise.all([
    db.annotation.findMany({
      where,
      orderBy: [{ start: 'asc' }, { end: 'desc' }, { id: 'asc' }],
      select: { id: true, start: true, end: true, categoryId: true, annotatorId: true, layer: true, note: true, version: true, orphaned: true },
    }),
    db.annotationAttribute.findMany({ where: { annotation: where }, select: { annotationId: true, attributeId: true, optionId: true } }),
    db.attributeDefinition.findMany({ where: { projectId: access.project.id }, select: { id: true, key: true, options: { select: { id: true, value: true } } } }),
    db.user.findMany({ where: { annotations: { some: where } }, select: { id: true, name: true } }),
  ]);
  const keyOf = new Map(definitions.map((d) => [d.id, d.key]));
  const valueOf = new Map(definitions.flatMap((d) => d.options.map((o) => [o.id, o.value] as const)));
  const attributes = attributeRows.flatMap((a) => {
    const key = keyOf.get(a.attributeId);
    const value = valueOf.get(a.optionId);
    return key === undefined || value === undefined ? [] : [{ annotationId: a.annotationId, key, value }];
  });
  return encodeAnnotations(rows, attributes, new Map(annotators.map((u) => [u.id, u.name])));
}

/**
 * Of the given annotation ids, those deleted that the actor could see before they were deleted:
 * what the live stream may tell the actor to remove. The visibility rule without its "not deleted".
 */
export async function listVisibleDeletions(actor: Actor, documentId: string, ids: readonly string[]): Promise<string[]> {
  const { access } = await requireDocumentAccess(actor, documentId);
  const { deletedAt: _live, ...visible } = visibleAnnotationsWhere(actor, access);
  const rows = await getDb().annotation.findMany({
    where: { AND: [visible, { documentId, id: { in: ids.filter(isUuid) }, deletedAt: { not: null } }] },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
