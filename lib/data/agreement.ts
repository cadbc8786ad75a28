import 'server-only';
import { findDisagreements, type DisagreementSummary } from '@/lib/agreement/disagreements';
import { computeAgreementReport, type AgreementReport, type ReportSpan } from '@/lib/agreement/report';
import { flattenCategoryTree } from '@/lib/codebook/tree';
import { documentSentences } from '@/lib/corpus/sentences';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { DocumentProgress, Prisma } from '@/lib/generated/prisma/client';
import { canSeeAgreement, canSeeAllLayers } from '@/lib/permissions';
import {
  agreementFiltersSchema,
  disagreementQuerySchema,
  type AgreementFiltersInput,
  type DisagreementQueryInput,
} from '@/lib/validations/agreement';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireProjectAccess, type ProjectAccess } from './access';
import type { Actor } from './actor';
import { query, sql } from './sql';
import { documentGroupFilter } from './groups';
import { visibleAnnotationsWhere } from './visibility';
import type { DocumentBlock } from './documents';
import { displayTitle } from '@/lib/corpus/titles';

// Agreement is computed on the annotator layers (never the consensus) of the documents and
// annotators chosen. Who may see it: curators and owners; annotators and viewers only when the
// owner allows it in the project settings, and then only over documents whose other layers the
// blind-coding rule already opens to them (documents they finished, or all once the layers are
// revealed). Figures over documents they may not read would leak how the others coded them.

export type AgreementAnnotator = { id: string; name: string; spanCount: number };

export type AgreementDocument = {
  id: string;
  title: string | null;
  /** The first words of the text, shown marked as a label where no title is stated. */
  label: string | null;
  /** The file it came from. */
  sourceName: string | null;
  author: string | null;
  length: number;
  position: number;
  /** Spans per annotator in this document (annotator layers the actor may see). */
  spanCounts: Record<string, number>;
  /** Each annotator's progress on it. */
  statuses: Record<string, DocumentProgress>;
};

export type AgreementCategory = { id: string; name: string; path: string; color: string; depth: number; spanCount: number };

export type AgreementView = {
  project: { slug: string; name: string };
  annotators: AgreementAnnotator[];
  documents: AgreementDocument[];
  categories: AgreementCategory[];
  selection: { annotators: string[]; documents: string[]; categories: string[]; group: string | null };
  /** The project's document groups, to narrow the documents to one. */
  groups: { id: string; name: string; count: number }[];
  /** Null when there is nothing to compare (fewer than two annotators or no document chosen). */
  report: AgreementReport | null;
  /** Why there is no report, or what to bear in mind about it, in words for the page. */
  notes: string[];
  /** True when the actor sees only documents they finished (an annotator in blind coding). */
  limitedToOpenDocuments: boolean;
};

/** The project, checked for the right to see agreement. */
async function requireAgreementAccess(actor: Actor, slug: string): Promise<ProjectAccess> {
  const access = await requireProjectAccess(actor, { slug });
  if (actor.kind === 'user' && !canSeeAgreement(access.role, access.project)) {
    throw new AppError(
      'FORBIDDEN',
      'Agreement figures are open to curators and owners of this project; the owner can open them to annotators in Settings.',
    );
  }
  return access;
}

/**
 * The documents whose annotator layers the actor may compare: every document for curators, owners
 * and the CLI, and when blind coding is off or the layers are revealed; otherwise those the actor
 * marked finished.
 */
async function openDocumentIds(actor: Actor, access: ProjectAccess): Promise<Set<string> | null> {
  if (actor.kind === 'system' || canSeeAllLayers(access.role)) return null;
  if (!access.project.blindCoding || access.project.layersRevealedAt) return null;
  const rows = await getDb().documentStatus.findMany({
    where: { projectId: access.project.id, userId: actor.userId, status: 'FINISHED' },
    select: { documentId: true },
  });
  return new Set(rows.map((r) => r.documentId));
}

type Inventory = {
  access: ProjectAccess;
  /** Every annotator-layer span of the open documents, grouped. */
  groups: SpanGroup[];
  annotators: AgreementAnnotator[];
  documents: AgreementDocument[];
  categories: AgreementCategory[];
  where: Prisma.AnnotationWhereInput;
  limited: boolean;
};

/** What there is to compare: annotators with spans, open documents, categories, and counts. */
async function loadInventory(actor: Actor, slug: string): Promise<Inventory> {
  const access = await requireAgreementAccess(actor, slug);
  const projectId = access.project.id;
  const open = await openDocumentIds(actor, access);
  const where: Prisma.AnnotationWhereInput = {
    AND: [visibleAnnotationsWhere(actor, access), { layer: 'ANNOTATOR' }, ...(open ? [{ documentId: { in: [...open] } }] : [])],
  };
  const db = getDb();
  const [docs, categories, groups, statuses] = await Promise.all([
    db.document.findMany({
      where: { projectId, ...(open ? { id: { in: [...open] } } : {}) },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      select: { id: true, title: true, label: true, sourceName: true, author: true, length: true, position: true },
    }),
    db.category.findMany({ where: { projectId }, select: { id: true, parentId: true, name: true, color: true, position: true } }),
    readSpanGroups(projectId, open ? [...open] : null),
    db.documentStatus.findMany({ where: { projectId }, select: { documentId: true, userId: true, status: true } }),
  ]);
  const byDocAnnotator = new Map<string, Record<string, number>>();
  const usage = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const r of groups) {
    const n = r.starts.length;
    const perDoc = byDocAnnotator.get(r.documentId) ?? {};
    perDoc[r.annotatorId] = (perDoc[r.annotatorId] ?? 0) + n;
    byDocAnnotator.set(r.documentId, perDoc);
    usage.set(r.categoryId, (usage.get(r.categoryId) ?? 0) + n);
    totals.set(r.annotatorId, (totals.get(r.annotatorId) ?? 0) + n);
  }
  const annotatorIds = [...totals.keys()];
  const users = await db.user.findMany({ where: { id: { in: annotatorIds } }, select: { id: true, name: true } });
  const annotators = users
    .map((u) => ({ id: u.id, name: u.name, spanCount: totals.get(u.id) ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    access,
    where,
    groups,
    limited: open !== null,
    annotators,
    documents: docs.map((d) => ({
      ...d,
      spanCounts: byDocAnnotator.get(d.id) ?? {},
      statuses: Object.fromEntries(statuses.filter((s) => s.documentId === d.id && annotatorIds.includes(s.userId)).map((s) => [s.userId, s.status])),
    })),
    categories: flattenCategoryTree(categories).map((c) => ({ id: c.id, name: c.name, path: c.path, color: c.color, depth: c.depth, spanCount: usage.get(c.id) ?? 0 })),
  };
}

function unknownIds(chosen: readonly string[], known: readonly { id: string }[], label: string): void {
  const ids = new Set(known.map((k) => k.id));
  const missing = chosen.filter((id) => !ids.has(id));
  if (missing.length > 0) throw new AppError('INVALID', `${label}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not available here.`);
}

/** One annotator's spans of one category in one document, as two parallel arrays. */
type SpanGroup = { annotatorId: string; documentId: string; categoryId: string; starts: number[]; ends: number[] };

/**
 * The spans agreement is computed on, read once, straight from pg (lib/data/sql.ts), one row per
 * annotator, document and category with the offsets as integer arrays: building tens of thousands
 * of row objects through the ORM cost more than the statistics. The counts the page shows come
 * from the same read. No visibility condition beyond the annotator layer is needed: `documents` are
 * the open documents (openDocumentIds), in which visibleAnnotationsWhere admits every non-deleted
 * annotator-layer row; null means every document, for actors who see every layer.
 */
async function readSpanGroups(projectId: string, documents: string[] | null): Promise<SpanGroup[]> {
  return query<SpanGroup>(sql`
    SELECT a."annotatorId"::text AS "annotatorId", a."documentId"::text AS "documentId", a."categoryId"::text AS "categoryId",
      array_agg(a."start" ORDER BY a."start", a."end") AS "starts", array_agg(a."end" ORDER BY a."start", a."end") AS "ends"
    FROM "Annotation" a
    WHERE a."projectId" = ${projectId}::uuid AND a."layer" = 'ANNOTATOR' AND a."deletedAt" IS NULL
      AND (${documents}::uuid[] IS NULL OR a."documentId" = ANY(${documents}::uuid[]))
    GROUP BY 1, 2, 3`);
}

function spansOf(groups: readonly SpanGroup[], documents: string[], annotators: string[], categories: string[]): ReportSpan[] {
  const [d, a, c] = [new Set(documents), new Set(annotators), new Set(categories)];
  const spans: ReportSpan[] = [];
  for (const g of groups) {
    if (!d.has(g.documentId) || !a.has(g.annotatorId) || !c.has(g.categoryId)) continue;
    for (let i = 0; i < g.starts.length; i++) spans.push({ coder: g.annotatorId, documentId: g.documentId, category: g.categoryId, start: g.starts[i]!, end: g.ends[i]! });
  }
  return spans;
}

/**
 * The agreement page's data: what can be chosen, what is chosen, and the figures. Defaults: every
 * annotator with spans; the documents every chosen annotator has annotated; every category used.
 */
export async function getAgreement(actor: Actor, slug: string, filters: AgreementFiltersInput = {}): Promise<AgreementView> {
  const input = parseOrThrow(agreementFiltersSchema, filters);
  const inv = await loadInventory(actor, slug);
  const notes: string[] = [];
  if (input.annotators) unknownIds(input.annotators, inv.annotators, 'annotators');
  if (input.documents) unknownIds(input.documents, inv.documents, 'documents');
  if (input.categories) unknownIds(input.categories, inv.categories, 'categories');

  const annotators = input.annotators && input.annotators.length > 0 ? inv.annotators.filter((a) => input.annotators!.includes(a.id)).map((a) => a.id) : inv.annotators.map((a) => a.id);
  const [inGroup, groupRows] = await Promise.all([
    documentGroupFilter(inv.access.project.id, input.group),
    getDb().documentGroup.findMany({ where: { projectId: inv.access.project.id }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, _count: { select: { members: true } } } }),
  ]);
  const groups = groupRows.map((g) => ({ id: g.id, name: g.name, count: g._count.members }));
  const documents = (
    input.documents && input.documents.length > 0
      ? inv.documents.filter((d) => input.documents!.includes(d.id))
      : inv.documents.filter((d) => annotators.every((a) => (d.spanCounts[a] ?? 0) > 0))
  )
    .filter((d) => inGroup === null || inGroup.has(d.id))
    .map((d) => d.id);
  const categories =
    input.categories && input.categories.length > 0
      ? inv.categories.filter((c) => input.categories!.includes(c.id)).map((c) => c.id)
      : inv.categories.filter((c) => c.spanCount > 0).map((c) => c.id);
  const selection = { annotators, documents, categories, group: input.group ?? null };
  const base = { project: { slug: inv.access.project.slug, name: inv.access.project.name }, annotators: inv.annotators, documents: inv.documents, categories: inv.categories, selection, groups, limitedToOpenDocuments: inv.limited };

  if (inv.limited) notes.push('You see figures for the documents you have finished; the others stay blind until you finish them or the owner reveals the layers.');
  if (annotators.length < 2) {
    notes.unshift(inv.annotators.length < 2 ? 'Agreement needs at least two annotators with annotations you may see.' : 'Choose at least two annotators.');
    return { ...base, report: null, notes };
  }
  if (documents.length === 0) {
    notes.unshift(inGroup !== null ? 'No document of this group has annotations from every chosen annotator (or the group is empty); choose another group or its documents.' : 'No document has annotations from every chosen annotator; choose documents to compare them anyway.');
    return { ...base, report: null, notes };
  }
  if (categories.length === 0) {
    notes.unshift('Choose at least one category.');
    return { ...base, report: null, notes };
  }
  for (const d of inv.documents.filter((doc) => documents.includes(doc.id))) {
    const missing = annotators.filter((a) => (d.spanCounts[a] ?? 0) === 0);
    if (missing.length > 0) {
      const names = missing.map((id) => inv.annotators.find((a) => a.id === id)?.name ?? id).join(', ');
      notes.push(`${names} marked nothing in ${d.title ? `“${d.title}”` : displayTitle(d)}: that counts as marking no passage at all there.`);
    }
  }

  const db = getDb();
  const texts = await db.document.findMany({ where: { id: { in: documents } }, select: { id: true, text: true, content: true } });
  const spans = spansOf(inv.groups, documents, annotators, categories);
  const textOf = new Map(texts.map((t) => [t.id, t]));
  const report = computeAgreementReport({
    coders: annotators.map((id) => ({ id, name: inv.annotators.find((a) => a.id === id)?.name ?? id })),
    categories: categories.map((id) => {
      const c = inv.categories.find((k) => k.id === id)!;
      return { id, name: c.path, color: c.color };
    }),
    documents: documents.map((id) => {
      const d = inv.documents.find((k) => k.id === id)!;
      const t = textOf.get(id)!;
      return { id, title: d.title, length: d.length, sentences: documentSentences(t.text, t.content as { type: 'heading' | 'paragraph'; start: number; end: number }[]) };
    }),
    spans,
  });
  return { ...base, report, notes };
}

export type DisagreementView = {
  project: { slug: string; name: string };
  document: { id: string; title: string | null; label: string | null; sourceName: string | null; author: string | null; text: string; blocks: DocumentBlock[] };
  category: AgreementCategory;
  annotators: AgreementAnnotator[];
  /** Chosen annotators, in display order. */
  chosen: string[];
  /** Documents and categories to switch to, with how much disagreement each has (characters). */
  documents: { id: string; title: string | null; label: string | null; sourceName: string | null }[];
  categories: AgreementCategory[];
  spans: { id: string; annotatorId: string; start: number; end: number; note: string }[];
  summary: DisagreementSummary;
};

/**
 * One category in one document, annotator by annotator, with the disagreements ranked by size.
 * Without a document or category, the first open document and the most used category are shown.
 */
export async function getDisagreements(actor: Actor, slug: string, query: DisagreementQueryInput): Promise<DisagreementView> {
  const input = parseOrThrow(disagreementQuerySchema, query);
  const inv = await loadInventory(actor, slug);
  if (inv.documents.length === 0) throw new AppError('NOT_FOUND', 'There is no document here whose layers you may compare.');
  const documentId = input.document ?? inv.documents[0]!.id;
  const doc = inv.documents.find((d) => d.id === documentId);
  if (!doc) throw new AppError('NOT_FOUND', 'No such document is open to you for comparison.');
  const used = [...inv.categories].sort((a, b) => b.spanCount - a.spanCount);
  const category = input.category ? inv.categories.find((c) => c.id === input.category) : used[0];
  if (!category) throw new AppError('NOT_FOUND', input.category ? 'No such category in this project.' : 'This project has no categories yet.');
  if (input.annotators) unknownIds(input.annotators, inv.annotators, 'annotators');
  const chosen = input.annotators && input.annotators.length > 0 ? inv.annotators.filter((a) => input.annotators!.includes(a.id)).map((a) => a.id) : inv.annotators.map((a) => a.id);

  const db = getDb();
  const [text, rows] = await Promise.all([
    db.document.findUniqueOrThrow({ where: { id: doc.id }, select: { text: true, content: true } }),
    db.annotation.findMany({
      where: { AND: [inv.where, { documentId: doc.id, categoryId: category.id, annotatorId: { in: chosen } }] },
      orderBy: [{ start: 'asc' }, { end: 'desc' }],
      select: { id: true, annotatorId: true, start: true, end: true, note: true },
    }),
  ]);
  return {
    project: { slug: inv.access.project.slug, name: inv.access.project.name },
    document: { id: doc.id, title: doc.title, label: doc.label, sourceName: doc.sourceName, author: doc.author, text: text.text, blocks: text.content as DisagreementView['document']['blocks'] },
    category,
    annotators: inv.annotators,
    chosen,
    documents: inv.documents.map((d) => ({ id: d.id, title: d.title, label: d.label, sourceName: d.sourceName })),
    categories: inv.categories,
    spans: rows,
    summary: findDisagreements(rows.map((r) => ({ coder: r.annotatorId, start: r.start, end: r.end, id: r.id })), chosen),
  };
}
