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
import { canAnnotate, canCurate } from '@/lib/permissions';
import {
  annotationLayerSchema,
  createAnnotationSchema,
  updateAnnotationSchema,
  type AnnotationLayerInput,
  type CreateAnnotationInput,
  type UpdateAnnotationInput,
} from '@/lib/validations/annotation';
import { parseOrThrow } from '@/lib/validations/parse';
import { archivedError, documentNotFound, requireDocumentAccess, requireProjectAccess, requireUserId } from './access';
import type { Actor } from './actor';
import { query, raw, sql, type Sql } from './sql';
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

const annotationNotFound = () => new AppError('NOT_FOUND', 'No such annotation is visible to you.');

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

/**
 * The one way an annotation becomes its DTO: from its row's columns, its category as the codebook
 * names it, its annotator's name and its attribute values. A read (below) and a create's answer
 * (which has not read the row back) both build it here.
 */
function annotationDto(
  row: Pick<AnnotationDto, 'id' | 'documentId' | 'start' | 'end' | 'quote' | 'prefix' | 'suffix' | 'categoryId' | 'annotatorId' | 'layer' | 'note' | 'version' | 'orphaned'> & {
    createdAt: Date | string;
    updatedAt: Date | string;
  },
  named: { category: { name: string; path: string; color: string } | undefined; annotatorName: string; attributes: Record<string, string> },
): AnnotationDto {
  const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());
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
    categoryName: named.category?.name ?? '',
    categoryPath: named.category?.path ?? '',
    color: named.category?.color ?? '#78716c',
    annotatorId: row.annotatorId,
    annotatorName: named.annotatorName,
    layer: row.layer,
    note: row.note,
    attributes: named.attributes,
    version: row.version,
    orphaned: row.orphaned,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function toDto(row: AnnotationRow, lookups: Lookups): AnnotationDto {
  return annotationDto(row, {
    category: lookups.categories.get(row.categoryId),
    annotatorName: lookups.annotatorNames.get(row.annotatorId) ?? '',
    attributes: lookups.attributes.get(row.id) ?? {},
  });
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
export function spanProblem(text: string, span: { start: number; end: number; quote: string }): string | null {
  const result = validateSpan(text, span);
  return result.ok ? null : result.problems.join(' ');
}

/** Up to 32 characters either side: what re-anchoring uses to find the passage again. */
export function spanContext(text: string, start: number, end: number): { prefix: string; suffix: string } {
  const { prefix, suffix } = describeSpan(text, start, end);
  return { prefix, suffix };
}

/** Shared between requests (see codebookIndexOf), so read-only. */
export type CodebookIndex = {
  readonly categoryIds: ReadonlySet<string>;
  /** Name, colour and path of each category, to answer a write without reading it back. */
  readonly categories: ReadonlyMap<string, { readonly name: string; readonly color: string; readonly path: string }>;
  readonly attributes: ReadonlyMap<string, { readonly id: string; readonly options: readonly { readonly id: string; readonly value: string }[] }>;
};

export function categoryProblem(codebook: CodebookIndex, categoryId: string): string | null {
  return codebook.categoryIds.has(categoryId) ? null : `unknown category ${categoryId} (not in this project's codebook).`;
}

export type ResolvedAttribute = { attributeId: string; optionId: string };

/** Attribute key/value pairs as row ids, and a message per pair the codebook does not define. */
export function resolveAttributes(codebook: CodebookIndex, input: Record<string, string>): { resolved: ResolvedAttribute[]; problems: string[] } {
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

export function throwIfProblems(problems: (string | null)[]): void {
  const found = problems.filter((p): p is string => p !== null);
  if (found.length > 0) throw new AppError('INVALID', found.join(' '));
}

const sameAttributes = (a: ResolvedAttribute[], b: ResolvedAttribute[]) => {
  const key = (list: ResolvedAttribute[]) => list.map((r) => `${r.attributeId}=${r.optionId}`).sort().join('&');
  return key(a) === key(b);
};

// ─── Writing ────────────────────────────────────────────────────────────────────────────────

type CodebookRows = {
  categories: { id: string; parentId: string | null; name: string; color: string; position: number }[] | null;
  attributes: { id: string; key: string; options: { id: string; value: string }[] | null }[] | null;
};

/** The `codebook` column of a context query: the project's codebook as JSON text. */
type CodebookColumn = { codebook: string };

/**
 * The project's codebook as one JSON text column of a context query (`p` is the project id
 * column): what every write checks its category and attributes against, read in the same round
 * trip. Ordered, so that the same codebook always reads as the same text (see codebookIndexOf).
 */
const codebookColumn = (p: string) =>
  // The aliases are unusual on purpose: `p` names a column of the outer query (often `a."projectId"`
  // of an annotation `a`), which a subquery alias `a` would silently shadow.
  raw(`json_build_object(
    'categories', (SELECT json_agg(json_build_object('id', cb_c."id", 'parentId', cb_c."parentId", 'name', cb_c."name", 'color', cb_c."color", 'position', cb_c."position") ORDER BY cb_c."position", cb_c."id")
       FROM "Category" cb_c WHERE cb_c."projectId" = ${p}),
    'attributes', (SELECT json_agg(json_build_object('id', cb_a."id", 'key', cb_a."key", 'options',
         (SELECT json_agg(json_build_object('id', cb_o."id", 'value', cb_o."value") ORDER BY cb_o."position", cb_o."id") FROM "AttributeOption" cb_o WHERE cb_o."attributeId" = cb_a."id"))
       ORDER BY cb_a."position", cb_a."id")
       FROM "AttributeDefinition" cb_a WHERE cb_a."projectId" = ${p}))::text AS "codebook"`);

function toCodebookIndex(rows: CodebookRows): CodebookIndex {
  const categories = rows.categories ?? [];
  return {
    categoryIds: new Set(categories.map((c) => c.id)),
    categories: new Map(flattenCategoryTree(categories).map((c) => [c.id, { name: c.name, color: c.color, path: c.path }])),
    attributes: new Map((rows.attributes ?? []).map((a) => [a.key, { id: a.id, options: a.options ?? [] }])),
  };
}

// Indexes by the codebook's JSON text. Every write reads the codebook, which rarely changes;
// building the index (parsing, category paths) was about a tenth of a write's work in the data
// layer. Keyed by content, an entry can never be stale: a changed codebook is a different text.
const codebookIndexes = new Map<string, CodebookIndex>();
const codebookIndexesAtMost = 256;

export function codebookIndexOf(column: CodebookColumn): CodebookIndex {
  let index = codebookIndexes.get(column.codebook);
  if (!index) {
    index = toCodebookIndex(JSON.parse(column.codebook) as CodebookRows);
    if (codebookIndexes.size >= codebookIndexesAtMost) codebookIndexes.clear();
    codebookIndexes.set(column.codebook, index);
  }
  return index;
}

/** The project's codebook, indexed for checking writes (categories, attribute keys and values). */
export async function loadCodebookIndex(projectId: string): Promise<CodebookIndex> {
  const [row] = await query<CodebookColumn>(sql`SELECT ${codebookColumn('p."id"')} FROM "Project" p WHERE p."id" = ${projectId}::uuid`);
  return row ? codebookIndexOf(row) : toCodebookIndex({ categories: null, attributes: null });
}

/** Attribute rows (ids) back to key → value, through the codebook. */
export function attributeValues(codebook: CodebookIndex, rows: ResolvedAttribute[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, attribute] of codebook.attributes) {
    const row = rows.find((r) => r.attributeId === attribute.id);
    const option = row && attribute.options.find((o) => o.id === row.optionId);
    if (option) values[key] = option.value;
  }
  return values;
}

/**
 * The activity-log event of a write, as a CTE of the write's own statement (see recordActivity in
 * lib/data/activity.ts for the rule): it is inserted only when `source` returns the written row,
 * so a write that changed nothing logs nothing, and a second round trip is saved.
 */
function activityCte(source: string, e: { projectId: string; actorId: string | null; action: string; documentId: string; summary: string; details: string | null; stamp: string }): Sql {
  return sql`activity AS (
    INSERT INTO "ActivityEvent" ("projectId", "actorId", "action", "targetType", "targetId", "documentId", "summary", "details", "createdAt")
    SELECT ${e.projectId}::uuid, ${e.actorId}::uuid, ${e.action}, 'annotation', src."id"::text, ${e.documentId}::uuid,
           ${e.summary}, ${e.details}::jsonb, (${e.stamp}::timestamptz AT TIME ZONE 'UTC')
    FROM ${raw(source)} src
  )`;
}

/** What a repeated create is compared with: the stored row under the client's id. */
type ExistingRow = {
  projectId: string; documentId: string; annotatorId: string; layer: Layer; deleted: boolean;
  start: number; end: number; quote: string; categoryId: string; note: string;
  attributes: ResolvedAttribute[] | null;
  createdAt: string; updatedAt: string; version: number; prefix: string; suffix: string; orphaned: boolean;
};

type CreateContext = CodebookColumn & {
  projectId: string;
  text: string;
  /** For the activity log's summary. */
  title: string | null;
  role: Role | null;
  userName: string | null;
  existing: ExistingRow | null;
  /** The project's name when it is archived (read-only), else null. */
  archivedName: string | null;
};

/**
 * Everything a create checks, in one statement: the document's text and project, the actor's role
 * there, their name, the project's codebook, and any row already stored under the client's id.
 */
async function loadCreateContext(documentId: string, userId: string | null, id: string | null): Promise<CreateContext | null> {
  const [row] = await query<CreateContext>(sql`
    SELECT d."projectId"::text AS "projectId", d."text", d."title",
      (SELECT m."role"::text FROM "Membership" m WHERE m."projectId" = d."projectId" AND m."userId" = ${userId}::uuid) AS "role",
      (SELECT u."name" FROM "User" u WHERE u."id" = ${userId}::uuid) AS "userName",
      (SELECT p."name" FROM "Project" p WHERE p."id" = d."projectId" AND p."archivedAt" IS NOT NULL) AS "archivedName",
      ${codebookColumn('d."projectId"')},
      (SELECT json_build_object('projectId', a."projectId", 'documentId', a."documentId", 'annotatorId', a."annotatorId",
           'layer', a."layer", 'deleted', a."deletedAt" IS NOT NULL, 'start', a."start", 'end', a."end", 'quote', a."quote",
           'categoryId', a."categoryId", 'note', a."note", 'version', a."version", 'prefix', a."prefix", 'suffix', a."suffix",
           'orphaned', a."orphaned",
           'createdAt', to_char(a."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'updatedAt', to_char(a."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'attributes', (SELECT json_agg(json_build_object('attributeId', x."attributeId", 'optionId', x."optionId"))
                          FROM "AnnotationAttribute" x WHERE x."annotationId" = a."id"))
         FROM "Annotation" a WHERE a."id" = ${id}::uuid) AS "existing"
    FROM "Document" d WHERE d."id" = ${documentId}::uuid`);
  return row ?? null;
}

/**
 * Creates an annotation in the actor's own layer. With a client-chosen id the call is idempotent:
 * repeating it with the same content returns the stored annotation with `created: false`.
 *
 * This is the hottest write in the product (every tag), so it is two statements: one read of
 * everything the create checks, and one statement that inserts the annotation, its attribute
 * values, the annotator's progress and the activity-log event together (a single statement is
 * atomic, so no transaction is needed, and a failed insert logs nothing). A repeat of an
 * idempotent create changes nothing, so it logs nothing either. The answer is assembled from what
 * is already known rather than read back.
 */
export async function createAnnotation(
  actor: Actor,
  documentId: string,
  input: CreateAnnotationInput,
): Promise<{ annotation: AnnotationDto; created: boolean }> {
  if (!isUuid(documentId)) throw documentNotFound();
  // Input problems are reported only after the access check, so an outsider learns nothing from them.
  const parsed = createAnnotationSchema.safeParse(input);
  const actorId = actor.kind === 'user' ? actor.userId : null;
  const context = await loadCreateContext(documentId, actorId, parsed.data?.id ?? null);
  // The same rule as requireProjectAccess: no membership reads as no document at all.
  if (!context || (actor.kind === 'user' && !context.role)) throw documentNotFound();
  const role: Role = actor.kind === 'system' ? 'OWNER' : context.role!;
  if (!canAnnotate(role)) throw new AppError('FORBIDDEN', 'Your role in this project does not allow annotating.');
  if (context.archivedName !== null) throw archivedError({ name: context.archivedName });
  const codebook = codebookIndexOf(context);
  const data = parseOrThrow(createAnnotationSchema, input);
  const userId = requireUserId(actor);
  const { projectId } = context;
  const { resolved, problems } = resolveAttributes(codebook, data.attributes);
  throwIfProblems([spanProblem(context.text, data), categoryProblem(codebook, data.categoryId), ...problems]);
  const category = codebook.categories.get(data.categoryId);
  const dto = (id: string, row: Pick<AnnotationDto, 'prefix' | 'suffix' | 'version' | 'orphaned' | 'createdAt' | 'updatedAt' | 'attributes'>): AnnotationDto =>
    annotationDto(
      { id, documentId, start: data.start, end: data.end, quote: data.quote, categoryId: data.categoryId, annotatorId: userId, layer: 'ANNOTATOR', note: data.note, ...row },
      { category, annotatorName: context.userName ?? '', attributes: row.attributes },
    );

  // A repeated id is answered without revealing anything about an annotation the actor does not own.
  const answerRepeat = (id: string, row: ExistingRow | null) => {
    if (!row) return null;
    const owned = row.projectId === projectId && row.documentId === documentId && row.annotatorId === userId && row.layer === 'ANNOTATOR';
    // Someone else's id: answered without "exists" or any of its content, as an id this client
    // may not use, so that a guessed id tells the guesser nothing about the other annotation.
    if (!owned) throw new AppError('INVALID', `id ${id} cannot be used for this annotation; choose another (or leave id out to let the server choose one).`);
    const stored = row.attributes ?? [];
    const same =
      !row.deleted &&
      row.start === data.start && row.end === data.end && row.quote === data.quote &&
      row.categoryId === data.categoryId && row.note === data.note && sameAttributes(stored, resolved);
    if (!same) {
      throw new AppError(
        'CONFLICT',
        row.deleted
          ? `an annotation with id ${id} already exists and was deleted; restore it or create this one with a new id.`
          : `an annotation with id ${id} already exists with different content; edit it instead, or create this one with a new id.`,
      );
    }
    const { prefix, suffix, version, orphaned, createdAt, updatedAt } = row;
    return { annotation: dto(id, { prefix, suffix, version, orphaned, createdAt, updatedAt, attributes: attributeValues(codebook, stored) }), created: false };
  };
  if (data.id) {
    const repeat = answerRepeat(data.id, context.existing);
    if (repeat) return repeat;
  }

  const id = data.id ?? randomUUID();
  const { prefix, suffix } = spanContext(context.text, data.start, data.end);
  const stamp = new Date().toISOString();
  const activity = activityCte('ins', {
    projectId, actorId, action: 'annotation.create', documentId, stamp,
    summary: annotationCreatedSummary({ quote: data.quote, category: category?.name ?? '', document: context.title }),
    details: JSON.stringify({ categoryId: data.categoryId, start: data.start, end: data.end }),
  });
  // A retry that races its original (both read "no such id") inserts nothing here rather than failing:
  // an error would also be logged by PostgreSQL, and the retry is answered as a repeat below.
  const [inserted] = await query(sql`
      WITH ins AS (
        INSERT INTO "Annotation" ("id", "projectId", "documentId", "annotatorId", "layer", "categoryId", "start", "end",
                                  "quote", "prefix", "suffix", "note", "version", "createdAt", "updatedAt")
        VALUES (${id}::uuid, ${projectId}::uuid, ${documentId}::uuid, ${userId}::uuid, 'ANNOTATOR', ${data.categoryId}::uuid,
                ${data.start}::int, ${data.end}::int, ${data.quote}, ${prefix}, ${suffix}, ${data.note}, 1,
                (${stamp}::timestamptz AT TIME ZONE 'UTC'), (${stamp}::timestamptz AT TIME ZONE 'UTC'))
        ON CONFLICT ("id") DO NOTHING
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
      ), ${activity}
      SELECT 1 FROM ins`);
  if (!inserted) {
    const again = await loadCreateContext(documentId, actorId, id);
    const repeat = answerRepeat(id, again?.existing ?? null);
    // Stored a moment ago and already gone: its document was deleted in between.
    if (!repeat) throw documentNotFound();
    return repeat;
  }
  const attributes = Object.fromEntries(Object.entries(data.attributes).filter(([key]) => codebook.attributes.has(key)));
  return { created: true, annotation: dto(id, { prefix, suffix, version: 1, orphaned: false, createdAt: stamp, updatedAt: stamp, attributes }) };
}

/** An annotation with what a write to it checks and answers with, read in one statement. */
type WriteContext = CodebookColumn & {
  id: string; projectId: string; documentId: string; annotatorId: string; layer: Layer; version: number; deleted: boolean;
  start: number; end: number; quote: string; prefix: string; suffix: string; categoryId: string; note: string; orphaned: boolean;
  createdAt: string;
  title: string | null;
  /** Only when asked for (a moved span is checked against it). */
  text: string | null;
  /** The actor's role in the annotation's project; null for a non-member. */
  role: Role | null;
  annotatorName: string;
  current: ResolvedAttribute[] | null;
  /** The project's name when it is archived (read-only), else null. */
  archivedName: string | null;
};

async function loadWriteContext(annotationId: string, userId: string | null, withText: boolean): Promise<WriteContext | null> {
  const [row] = await query<WriteContext>(sql`
    SELECT a."id"::text AS "id", a."projectId"::text AS "projectId", a."documentId"::text AS "documentId",
      a."annotatorId"::text AS "annotatorId", a."layer"::text AS "layer", a."version", a."deletedAt" IS NOT NULL AS "deleted",
      a."start", a."end", a."quote", a."prefix", a."suffix", a."categoryId"::text AS "categoryId", a."note", a."orphaned",
      to_char(a."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
      d."title", CASE WHEN ${withText}::boolean THEN d."text" END AS "text",
      (SELECT m."role"::text FROM "Membership" m WHERE m."projectId" = a."projectId" AND m."userId" = ${userId}::uuid) AS "role",
      (SELECT u."name" FROM "User" u WHERE u."id" = a."annotatorId") AS "annotatorName",
      (SELECT p."name" FROM "Project" p WHERE p."id" = a."projectId" AND p."archivedAt" IS NOT NULL) AS "archivedName",
      (SELECT json_agg(json_build_object('attributeId', x."attributeId", 'optionId', x."optionId"))
         FROM "AnnotationAttribute" x WHERE x."annotationId" = a."id") AS "current",
      ${codebookColumn('a."projectId"')}
    FROM "Annotation" a JOIN "Document" d ON d."id" = a."documentId" WHERE a."id" = ${annotationId}::uuid`);
  return row ?? null;
}

/**
 * The annotation when the actor may change it: their own annotator-layer row, or a consensus row
 * for owners and curators. Someone who may see it but not change it gets FORBIDDEN; anyone else
 * NOT_FOUND (missing, another project, or hidden by blind coding), so ids cannot be probed.
 */
async function requireWritableAnnotation(actor: Actor, annotationId: string, withText = false): Promise<WriteContext> {
  if (!isUuid(annotationId)) throw annotationNotFound();
  const row = await loadWriteContext(annotationId, actor.kind === 'user' ? actor.userId : null, withText);
  if (!row || (actor.kind === 'user' && !row.role)) throw annotationNotFound();
  const role: Role = actor.kind === 'system' ? 'OWNER' : row.role!;
  const allowed =
    actor.kind === 'system' || (row.layer === 'CONSENSUS' ? canCurate(role) : row.annotatorId === actor.userId && canAnnotate(role));
  if (!allowed) {
    // Rare, so the full rule: may they see it at all?
    const access = await requireProjectAccess(actor, { id: row.projectId });
    const visible = await getDb().annotation.count({ where: { AND: [visibleAnnotationsWhere(actor, access), { id: row.id }] } });
    if (visible === 0) throw annotationNotFound();
    throw new AppError(
      'FORBIDDEN',
      row.layer === 'CONSENSUS'
        ? 'Only owners and curators can change the consensus layer.'
        : 'Only the annotator who made this annotation can change or delete it.',
    );
  }
  if (row.archivedName !== null) throw archivedError({ name: row.archivedName });
  return row;
}

const describeRow = (row: WriteContext, codebook: CodebookIndex) => ({
  quote: row.quote,
  category: codebook.categories.get(row.categoryId)?.name ?? '',
  document: row.title,
});

/**
 * Edits an annotation the actor may change. `version` is the version the client read: the update
 * only applies while the row still has it (UPDATE … WHERE version = $v), so of two concurrent
 * edits exactly one wins and the other gets CONFLICT with the current state.
 *
 * Two statements, like a create: one read of the row with everything the edit checks, then one
 * statement that updates the row, replaces its attribute values when given and logs the event.
 * The answer is built from those; only a refused (stale) edit reads the annotation again.
 */
export async function updateAnnotation(actor: Actor, annotationId: string, input: UpdateAnnotationInput): Promise<AnnotationDto> {
  const moving = typeof input === 'object' && input !== null && 'start' in input;
  const row = await requireWritableAnnotation(actor, annotationId, moving);
  if (row.deleted) throw annotationNotFound();
  const data = parseOrThrow(updateAnnotationSchema, input);
  const stale = async () => {
    const current = await readAnnotationDto(row.projectId, row.id);
    if (current.deleted) return annotationNotFound();
    const { deleted: _deleted, ...dto } = current;
    return new ConflictError(`this annotation was changed since you read it (your version ${data.version}, current ${dto.version}).`, dto);
  };
  if (data.version !== row.version) throw await stale();

  const codebook = codebookIndexOf(row);
  const problems: (string | null)[] = [];
  // What changed, in words, for the activity log.
  const changed: string[] = [];
  if (data.categoryId !== undefined) {
    problems.push(categoryProblem(codebook, data.categoryId));
    if (data.categoryId !== row.categoryId) changed.push(`category → ${codebook.categories.get(data.categoryId)?.name ?? ''}`);
  }
  let resolved: ResolvedAttribute[] | undefined;
  if (data.attributes !== undefined) {
    changed.push('attributes');
    const result = resolveAttributes(codebook, data.attributes);
    problems.push(...result.problems);
    resolved = result.resolved;
  }
  let span: { start: number; end: number; quote: string; prefix: string; suffix: string } | null = null;
  if (data.start !== undefined && data.end !== undefined && data.quote !== undefined) {
    const text = row.text ?? '';
    const moved = { start: data.start, end: data.end, quote: data.quote };
    const problem = spanProblem(text, moved);
    problems.push(problem);
    if (!problem) span = { ...moved, ...spanContext(text, moved.start, moved.end) };
    changed.push(moved.quote !== row.quote ? `passage → ${quote(moved.quote)}` : 'passage moved');
  }
  throwIfProblems(problems);
  if (data.note !== undefined && data.note !== row.note) changed.push('note');

  const stamp = new Date().toISOString();
  const activity = activityCte('upd', {
    projectId: row.projectId, actorId: actor.kind === 'user' ? actor.userId : null, action: 'annotation.update',
    documentId: row.documentId, stamp, details: null,
    summary: annotationChangedSummary('Edited', { ...describeRow(row, codebook), changes: changed }),
  });
  const [updated] = await query<{ version: number }>(sql`
    WITH upd AS (
      UPDATE "Annotation" SET
        "categoryId" = COALESCE(${data.categoryId ?? null}::uuid, "categoryId"),
        "note" = COALESCE(${data.note ?? null}::text, "note"),
        "start" = COALESCE(${span?.start ?? null}::int, "start"),
        "end" = COALESCE(${span?.end ?? null}::int, "end"),
        "quote" = COALESCE(${span?.quote ?? null}::text, "quote"),
        "prefix" = COALESCE(${span?.prefix ?? null}::text, "prefix"),
        "suffix" = COALESCE(${span?.suffix ?? null}::text, "suffix"),
        -- A moved annotation has been placed by hand, so it is no longer orphaned.
        "orphaned" = "orphaned" AND ${span === null}::boolean,
        "version" = "version" + 1,
        "updatedAt" = (${stamp}::timestamptz AT TIME ZONE 'UTC')
      WHERE "id" = ${row.id}::uuid AND "version" = ${data.version}::int AND "deletedAt" IS NULL
      RETURNING "id", "version"
    ), drop_attrs AS (
      -- "attributes" replaces the whole set: drop the ones not given, upsert the ones given.
      DELETE FROM "AnnotationAttribute" x USING upd
      WHERE ${resolved !== undefined}::boolean AND x."annotationId" = upd."id" AND x."attributeId" <> ALL(${(resolved ?? []).map((r) => r.attributeId)}::uuid[])
    ), set_attrs AS (
      INSERT INTO "AnnotationAttribute" ("annotationId", "attributeId", "optionId")
      SELECT upd."id", v.a, v.o FROM upd, unnest(${(resolved ?? []).map((r) => r.attributeId)}::uuid[], ${(resolved ?? []).map((r) => r.optionId)}::uuid[]) AS v(a, o)
      ON CONFLICT ("annotationId", "attributeId") DO UPDATE SET "optionId" = EXCLUDED."optionId"
    ), ${activity}
    SELECT "version" FROM upd`);
  if (!updated) throw await stale();

  const categoryId = data.categoryId ?? row.categoryId;
  const category = codebook.categories.get(categoryId);
  return {
    id: row.id, documentId: row.documentId,
    start: span?.start ?? row.start, end: span?.end ?? row.end, quote: span?.quote ?? row.quote,
    prefix: span?.prefix ?? row.prefix, suffix: span?.suffix ?? row.suffix,
    categoryId, categoryName: category?.name ?? '', categoryPath: category?.path ?? '', color: category?.color ?? '#78716c',
    annotatorId: row.annotatorId, annotatorName: row.annotatorName, layer: row.layer,
    note: data.note ?? row.note,
    attributes: attributeValues(codebook, resolved ?? row.current ?? []),
    version: updated.version, orphaned: span ? false : row.orphaned,
    createdAt: row.createdAt, updatedAt: stamp,
  };
}

/** Soft delete, so that "undo" (restoreAnnotation) can bring it back with its id and history. */
export async function deleteAnnotation(actor: Actor, annotationId: string): Promise<{ id: string; version: number }> {
  const row = await requireWritableAnnotation(actor, annotationId);
  if (row.deleted) throw annotationNotFound();
  const stamp = new Date().toISOString();
  const activity = activityCte('upd', {
    projectId: row.projectId, actorId: actor.kind === 'user' ? actor.userId : null, action: 'annotation.delete',
    documentId: row.documentId, stamp, details: null,
    summary: annotationChangedSummary('Deleted', describeRow(row, codebookIndexOf(row))),
  });
  const [deleted] = await query<{ version: number }>(sql`
    WITH upd AS (
      UPDATE "Annotation" SET "deletedAt" = (${stamp}::timestamptz AT TIME ZONE 'UTC'), "version" = "version" + 1,
        "updatedAt" = (${stamp}::timestamptz AT TIME ZONE 'UTC')
      WHERE "id" = ${row.id}::uuid AND "deletedAt" IS NULL
      RETURNING "id", "version"
    ), ${activity}
    SELECT "version" FROM upd`);
  // Deleted meanwhile by another request: that one logged it.
  if (!deleted) throw annotationNotFound();
  return { id: row.id, version: deleted.version };
}

/** Undoes a delete. Restoring an annotation that is not deleted changes nothing. */
export async function restoreAnnotation(actor: Actor, annotationId: string): Promise<AnnotationDto> {
  const row = await requireWritableAnnotation(actor, annotationId);
  if (row.deleted) {
    const stamp = new Date().toISOString();
    const activity = activityCte('upd', {
      projectId: row.projectId, actorId: actor.kind === 'user' ? actor.userId : null, action: 'annotation.restore',
      documentId: row.documentId, stamp, details: null,
      summary: annotationChangedSummary('Restored', describeRow(row, codebookIndexOf(row))),
    });
    // Restored meanwhile by another request: nothing changes here, so nothing is logged.
    await query(sql`
      WITH upd AS (
        UPDATE "Annotation" SET "deletedAt" = NULL, "version" = "version" + 1, "updatedAt" = (${stamp}::timestamptz AT TIME ZONE 'UTC')
        WHERE "id" = ${row.id}::uuid AND "deletedAt" IS NOT NULL
        RETURNING "id"
      ), ${activity}
      SELECT 1 FROM upd`);
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
/** Deleted annotations among `ids` the actor may see, with the version their deletion made (a restore makes a newer one). */
export async function listVisibleDeletions(actor: Actor, documentId: string, ids: readonly string[]): Promise<{ id: string; version: number }[]> {
  const { access } = await requireDocumentAccess(actor, documentId);
  const { deletedAt: _live, ...visible } = visibleAnnotationsWhere(actor, access);
  const rows = await getDb().annotation.findMany({
    where: { AND: [visible, { documentId, id: { in: ids.filter(isUuid) }, deletedAt: { not: null } }] },
    select: { id: true, version: true },
  });
  return rows.map((r) => ({ id: r.id, version: r.version }));
}
