import 'server-only';
import { documentLabel, quote } from '@/lib/activity';
import { flattenCategoryTree } from '@/lib/codebook/tree';
import { computeComparison, unionOf, type Comparison, type CompareSpan } from '@/lib/compare';
import { getDb } from '@/lib/db';
import { AppError, ConflictError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { canAnnotate } from '@/lib/permissions';
import { comparisonFiltersSchema, memoSchema, type ComparisonFiltersInput, type MemoInput } from '@/lib/validations/compare';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireProjectAccess, type ProjectAccess } from './access';
import type { Actor } from './actor';
import { recordActivity } from './activity';
import { documentGroupFilter } from './groups';
import { visibleAnnotationsWhere } from './visibility';
import type { DocumentBlock } from './documents';

// The comparison views read one "source layer" of annotations: the consensus, every annotator's
// layer pooled, or one annotator's. Every read goes through visibleAnnotationsWhere, so in blind
// coding an annotator compares only what they may already see (their own layer, and every layer of
// documents they finished).

export type CompareDocumentInfo = {
  id: string;
  title: string | null;
  /** The first words of the text, shown marked as a label where no title is stated. */
  label: string | null;
  sourceName: string | null;
  author: string | null;
  authorAffiliation: string | null;
  outlet: string | null;
  publishedOn: string | null;
  length: number;
};

export type CompareCategoryInfo = { id: string; name: string; path: string; color: string; depth: number };

export type CompareAttributeInfo = { key: string; name: string; options: { value: string; label: string }[] };

export type MemoDto = { id: string; documentId: string | null; body: string; version: number; updatedBy: { id: string; name: string } | null; updatedAt: string };

export type ComparisonSelection = {
  layer: string;
  annotators: string[];
  documents: string[];
  categories: string[];
  attr: string | null;
  /** The document group the documents were narrowed to, if any. */
  group: string | null;
};

type Base = {
  access: ProjectAccess;
  documents: CompareDocumentInfo[];
  categories: CompareCategoryInfo[];
  attributes: CompareAttributeInfo[];
  /** Layers to choose from: annotators with visible annotations, and how much consensus there is. */
  annotators: { id: string; name: string; count: number }[];
  consensusCount: number;
  /** The project's document groups, to narrow the documents to one. */
  groups: { id: string; name: string; count: number }[];
  selection: ComparisonSelection;
  where: Prisma.AnnotationWhereInput;
};

const toIsoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** Documents, codebook, layers, and the annotation filter for the chosen source layer. */
async function loadBase(actor: Actor, slug: string, filters: ComparisonFiltersInput): Promise<Base> {
  const input = parseOrThrow(comparisonFiltersSchema, filters);
  const access = await requireProjectAccess(actor, { slug });
  const projectId = access.project.id;
  const visible = visibleAnnotationsWhere(actor, access);
  const db = getDb();
  const [docs, categories, attributes, layers] = await Promise.all([
    db.document.findMany({
      where: { projectId },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      select: { id: true, title: true, label: true, sourceName: true, author: true, authorAffiliation: true, outlet: true, publishedOn: true, length: true },
    }),
    db.category.findMany({ where: { projectId }, select: { id: true, parentId: true, name: true, color: true, position: true } }),
    db.attributeDefinition.findMany({
      where: { projectId },
      orderBy: { position: 'asc' },
      select: { key: true, name: true, options: { orderBy: { position: 'asc' }, select: { value: true, label: true } } },
    }),
    db.annotation.groupBy({ by: ['layer', 'annotatorId'], where: visible, _count: { _all: true } }),
  ]);
  const [inGroup, groupRows] = await Promise.all([
    documentGroupFilter(projectId, input.group),
    db.documentGroup.findMany({ where: { projectId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, _count: { select: { members: true } } } }),
  ]);
  const annotatorCounts = layers.filter((l) => l.layer === 'ANNOTATOR');
  const users = await db.user.findMany({ where: { id: { in: annotatorCounts.map((l) => l.annotatorId) } }, select: { id: true, name: true } });
  const annotators = annotatorCounts
    .map((l) => ({ id: l.annotatorId, name: users.find((u) => u.id === l.annotatorId)?.name ?? '', count: l._count._all }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const consensusCount = layers.filter((l) => l.layer === 'CONSENSUS').reduce((n, l) => n + l._count._all, 0);
  const flat = flattenCategoryTree(categories).map((c) => ({ id: c.id, name: c.name, path: c.path, color: c.color, depth: c.depth }));

  const unknown = (ids: string[] | undefined, known: { id: string }[], label: string) => {
    const missing = (ids ?? []).filter((id) => !known.some((k) => k.id === id));
    if (missing.length > 0) throw new AppError('INVALID', `${label}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in this project (or not visible to you).`);
  };
  unknown(input.documents, docs, 'documents');
  unknown(input.categories, flat, 'categories');
  unknown(input.annotators, annotators, 'annotators');
  // The consensus when there is one; otherwise every annotator's layer pooled.
  const layer = input.layer ?? (consensusCount > 0 ? 'consensus' : 'pooled');
  if (layer !== 'consensus' && layer !== 'pooled' && !annotators.some((a) => a.id === layer)) {
    throw new AppError('INVALID', 'layer: no annotator with that id has annotations you may see here.');
  }
  let attr: { key: string; value: string } | null = null;
  if (input.attr) {
    const [key, value] = input.attr.split(':') as [string, string];
    const def = attributes.find((a) => a.key === key);
    if (!def) throw new AppError('INVALID', `attr: this project has no attribute "${key}" (it has ${attributes.map((a) => a.key).join(', ') || 'none'}).`);
    if (!def.options.some((o) => o.value === value)) throw new AppError('INVALID', `attr: "${value}" is not one of ${def.options.map((o) => o.value).join(', ')}.`);
    attr = { key, value };
  }
  const chosenAnnotators = layer === 'pooled' ? (input.annotators && input.annotators.length > 0 ? input.annotators : annotators.map((a) => a.id)) : layer === 'consensus' ? [] : [layer];
  const documents = (input.documents && input.documents.length > 0 ? docs.filter((d) => input.documents!.includes(d.id)) : docs)
    .filter((d) => inGroup === null || inGroup.has(d.id))
    .map((d) => d.id);
  const chosenCategories = input.categories && input.categories.length > 0 ? flat.filter((c) => input.categories!.includes(c.id)).map((c) => c.id) : flat.map((c) => c.id);
  const where: Prisma.AnnotationWhereInput = {
    AND: [
      visible,
      layer === 'consensus' ? { layer: 'CONSENSUS' } : { layer: 'ANNOTATOR', annotatorId: { in: chosenAnnotators } },
      { documentId: { in: documents }, categoryId: { in: chosenCategories } },
      ...(attr ? [{ attributes: { some: { attribute: { key: attr.key }, option: { value: attr.value } } } }] : []),
    ],
  };
  return {
    access,
    documents: docs.map((d) => ({ ...d, publishedOn: toIsoDay(d.publishedOn) })),
    categories: flat,
    attributes: attributes.map((a) => ({ key: a.key, name: a.name, options: a.options })),
    annotators,
    consensusCount,
    groups: groupRows.map((g) => ({ id: g.id, name: g.name, count: g._count.members })),
    selection: { layer, annotators: chosenAnnotators, documents, categories: chosenCategories, attr: attr ? `${attr.key}:${attr.value}` : null, group: input.group ?? null },
    where,
  };
}

/** The spans of the source layer, with attribute values as key → value. */
async function loadSpans(where: Prisma.AnnotationWhereInput): Promise<(CompareSpan & { annotatorId: string; note: string })[]> {
  const rows = await getDb().annotation.findMany({
    where,
    orderBy: [{ start: 'asc' }, { end: 'desc' }],
    select: {
      id: true, documentId: true, categoryId: true, start: true, end: true, annotatorId: true, note: true,
      attributes: { select: { attribute: { select: { key: true } }, option: { select: { value: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id, documentId: r.documentId, category: r.categoryId, start: r.start, end: r.end, annotatorId: r.annotatorId, note: r.note,
    attributes: Object.fromEntries(r.attributes.map((a) => [a.attribute.key, a.option.value])),
  }));
}

export type ComparisonView = Omit<Base, 'access' | 'where'> & {
  project: { slug: string; name: string };
  comparison: Comparison;
  /** The attribute broken down per author: the first one defined (the demo's blame target). */
  attributeKey: string | null;
  memos: { project: MemoDto | null; byDocument: Record<string, MemoDto> };
  canWriteMemos: boolean;
};

/** The framing matrix, profiles, attribute breakdown, co-occurrence and distances, with memos. */
export async function getComparison(actor: Actor, slug: string, filters: ComparisonFiltersInput = {}): Promise<ComparisonView> {
  const base = await loadBase(actor, slug, filters);
  const [spans, documents, memos] = await Promise.all([
    loadSpans(base.where),
    getDb().document.findMany({ where: { id: { in: base.selection.documents } }, select: { id: true, content: true } }),
    listMemos(actor, slug),
  ]);
  const blocksOf = new Map(documents.map((d) => [d.id, d.content as { type: 'heading' | 'paragraph'; start: number; end: number }[]]));
  const attributeKey = base.attributes[0]?.key ?? null;
  const comparison = computeComparison({
    documents: base.documents.filter((d) => base.selection.documents.includes(d.id)).map((d) => ({ ...d, blocks: blocksOf.get(d.id) ?? [] })),
    categories: base.selection.categories,
    spans,
    attributeKey,
  });
  const { access, where: _where, ...rest } = base;
  return {
    ...rest,
    project: { slug: access.project.slug, name: access.project.name },
    comparison,
    attributeKey,
    memos,
    canWriteMemos: actor.kind === 'system' || canAnnotate(access.role),
  };
}

export type Passage = {
  start: number;
  end: number;
  /** Where the passage is shown: the whole sentence(s) around it, cut at paragraph ends. */
  context: { start: number; end: number };
  text: string;
  before: string;
  after: string;
  /** The annotations behind it (several when annotators' spans overlap, pooled). */
  spans: { id: string; annotatorId: string; annotatorName: string; start: number; end: number; note: string; attributes: Record<string, string> }[];
};

export type PassageColumn = { document: CompareDocumentInfo; passages: Passage[]; chars: number };

/** A passage's surroundings: back to the sentence start before it and on to the sentence end after, within its paragraph. */
function contextAround(text: string, blocks: { start: number; end: number }[], start: number, end: number): { start: number; end: number } {
  const block = blocks.find((b) => b.start <= start && end <= b.end) ?? { start: 0, end: text.length };
  let from = start;
  while (from > block.start && !/[.!?]\s$/.test(text.slice(Math.max(block.start, from - 2), from))) from--;
  let to = end;
  while (to < block.end && !/[.!?]/.test(text[to - 1] ?? '')) to++;
  // Never more than about two sentences either side.
  return { start: Math.max(from, start - 400), end: Math.min(to, end + 400) };
}

/**
 * One factor's passages in each chosen document (the side-by-side reader, and a matrix cell's
 * passages): the union of the source layer's spans of that factor, in text order, with their
 * context and every annotation behind each passage.
 */
export async function getComparisonPassages(
  actor: Actor,
  slug: string,
  filters: ComparisonFiltersInput & { category: string },
): Promise<{ selection: ComparisonSelection; category: CompareCategoryInfo; columns: PassageColumn[] }> {
  const base = await loadBase(actor, slug, { ...filters, categories: [filters.category] });
  const category = base.categories.find((c) => c.id === base.selection.categories[0]);
  if (!category) throw new AppError('INVALID', 'category: choose a factor of this project’s codebook.');
  const db = getDb();
  const [spans, docs] = await Promise.all([
    loadSpans(base.where),
    db.document.findMany({ where: { id: { in: base.selection.documents } }, select: { id: true, text: true, content: true } }),
  ]);
  const names = new Map(base.annotators.map((a) => [a.id, a.name]));
  const curatorIds = [...new Set(spans.map((s) => s.annotatorId).filter((id) => !names.has(id)))];
  if (curatorIds.length > 0) for (const u of await db.user.findMany({ where: { id: { in: curatorIds } }, select: { id: true, name: true } })) names.set(u.id, u.name);
  const columns = base.selection.documents.map((id) => {
    const doc = docs.find((d) => d.id === id)!;
    const blocks = doc.content as { start: number; end: number }[];
    const mine = spans.filter((s) => s.documentId === id);
    const passages = unionOf(mine).map((run) => {
      const context = contextAround(doc.text, blocks, run.start, run.end);
      return {
        start: run.start,
        end: run.end,
        context,
        text: doc.text.slice(run.start, run.end),
        before: doc.text.slice(context.start, run.start),
        after: doc.text.slice(run.end, context.end),
        spans: mine
          .filter((s) => s.start < run.end && s.end > run.start)
          .map((s) => ({ id: s.id, annotatorId: s.annotatorId, annotatorName: names.get(s.annotatorId) ?? '', start: s.start, end: s.end, note: s.note, attributes: s.attributes })),
      };
    });
    return { document: base.documents.find((d) => d.id === id)!, passages, chars: passages.reduce((n, p) => n + p.end - p.start, 0) };
  });
  return { selection: base.selection, category, columns };
}

export type ParallelDocument = {
  document: CompareDocumentInfo;
  text: string;
  blocks: DocumentBlock[];
  spans: { id: string; category: string; start: number; end: number }[];
};

/** Two whole documents with the source layer's highlights, for reading framing in context. */
export async function getParallelText(actor: Actor, slug: string, filters: ComparisonFiltersInput): Promise<{ selection: ComparisonSelection; documents: ParallelDocument[] }> {
  const base = await loadBase(actor, slug, filters);
  if (base.selection.documents.length !== 2) throw new AppError('INVALID', 'documents: choose exactly two documents to read side by side.');
  // Left and right as asked, not in corpus order.
  const order = parseOrThrow(comparisonFiltersSchema, filters).documents ?? base.selection.documents;
  const [spans, docs] = await Promise.all([
    loadSpans(base.where),
    getDb().document.findMany({ where: { id: { in: base.selection.documents } }, select: { id: true, text: true, content: true } }),
  ]);
  return {
    selection: base.selection,
    documents: order.map((id) => {
      const doc = docs.find((d) => d.id === id)!;
      return {
        document: base.documents.find((d) => d.id === id)!,
        text: doc.text,
        blocks: doc.content as ParallelDocument['blocks'],
        spans: spans.filter((s) => s.documentId === id).map((s) => ({ id: s.id, category: s.category, start: s.start, end: s.end })),
      };
    }),
  };
}

// ─── Memos ──────────────────────────────────────────────────────────────────────────────────

const memoSelect = { id: true, documentId: true, body: true, version: true, updatedAt: true, updatedBy: { select: { id: true, name: true } } } as const;

function toMemoDto(m: Prisma.MemoGetPayload<{ select: typeof memoSelect }>): MemoDto {
  return { id: m.id, documentId: m.documentId, body: m.body, version: m.version, updatedBy: m.updatedBy, updatedAt: m.updatedAt.toISOString() };
}

/** The project's memos: the one on the whole comparison, and one per document that has one. */
export async function listMemos(actor: Actor, slug: string): Promise<ComparisonView['memos']> {
  const access = await requireProjectAccess(actor, { slug });
  const rows = await getDb().memo.findMany({ where: { projectId: access.project.id }, select: memoSelect });
  const project = rows.find((r) => r.documentId === null);
  return {
    project: project ? toMemoDto(project) : null,
    byDocument: Object.fromEntries(rows.filter((r) => r.documentId !== null).map((r) => [r.documentId!, toMemoDto(r)])),
  };
}

/**
 * Writes a memo (on a document, or with documentId null on the whole comparison). `version` is
 * the version the writer read (0 for a new memo): if someone saved in between, nothing is written
 * and CONFLICT carries the memo as it now is.
 */
export async function saveMemo(actor: Actor, slug: string, input: MemoInput): Promise<MemoDto> {
  const access = await requireProjectAccess(actor, { slug }, canAnnotate, 'Viewers read memos; analysts who may annotate write them.');
  const data = parseOrThrow(memoSchema, input);
  const projectId = access.project.id;
  const db = getDb();
  let title: string | null = null;
  if (data.documentId) {
    const doc = await db.document.findFirst({ where: { id: data.documentId, projectId }, select: { title: true } });
    if (!doc) throw new AppError('NOT_FOUND', 'No such document in this project.');
    title = doc.title;
  }
  const userId = actor.kind === 'user' ? actor.userId : null;
  return db.$transaction(async (tx) => {
    const current = await tx.memo.findFirst({ where: { projectId, documentId: data.documentId }, select: memoSelect });
    if ((current?.version ?? 0) !== data.version) {
      throw new ConflictError(`Someone saved this memo since you opened it (your version ${data.version}, current ${current?.version ?? 0}); their text is shown.`, current ? toMemoDto(current) : null);
    }
    const saved = current
      ? await tx.memo.update({ where: { id: current.id }, data: { body: data.body, version: { increment: 1 }, updatedById: userId }, select: memoSelect })
      : await tx.memo.create({ data: { projectId, documentId: data.documentId, body: data.body, version: 1, updatedById: userId }, select: memoSelect });
    await recordActivity(tx, actor, projectId, {
      action: 'memo.update',
      targetType: 'document',
      targetId: data.documentId,
      documentId: data.documentId,
      summary: data.documentId ? `Edited the memo on ${quote(documentLabel(title), 80)}` : 'Edited the memo on the whole comparison',
    });
    return toMemoDto(saved);
  });
}
