import 'server-only';
import { flattenCategoryTree } from '@/lib/codebook/tree';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ExportSnapshot } from '@/lib/export/types';
import { exportOptionsSchema, type ExportOptions, type ExportOptionsInput } from '@/lib/validations/export';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireProjectAccess, type ProjectAccess } from './access';
import type { Actor } from './actor';
import { documentGroupFilter } from './groups';
import { canSeeAgreement } from '@/lib/permissions';
import { visibleAnnotationsWhere } from './visibility';

// What an export contains is what the actor may read: the annotations come through
// visibleAnnotationsWhere (blind coding holds in files too), comments are those on exported
// annotations, memos those of the project. Every exporter (lib/export) works on this snapshot.

const iso = (d: Date) => d.toISOString();

/** The snapshot of a project for `actor`, narrowed by the export options. */
export async function buildExportSnapshot(
  actor: Actor,
  slug: string,
  input: ExportOptionsInput,
  baseUrl: string,
): Promise<{ snapshot: ExportSnapshot; options: ExportOptions; access: ProjectAccess }> {
  const options = parseOrThrow(exportOptionsSchema, input);
  const access = await requireProjectAccess(actor, { slug });
  const projectId = access.project.id;
  const db = getDb();
  const [docs, categories, attributes] = await Promise.all([
    db.document.findMany({
      where: { projectId },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
      select: {
        id: true, title: true, label: true, author: true, authorAffiliation: true, outlet: true, publishedOn: true, sourceUrl: true, sourceName: true,
        text: true, content: true, contentHash: true, createdAt: true, externalId: true,
      },
    }),
    db.category.findMany({ where: { projectId }, select: { id: true, parentId: true, name: true, description: true, color: true, position: true, externalId: true } }),
    db.attributeDefinition.findMany({
      where: { projectId },
      orderBy: { position: 'asc' },
      select: { id: true, key: true, name: true, description: true, externalId: true, options: { orderBy: { position: 'asc' }, select: { id: true, value: true, label: true, externalId: true } } },
    }),
  ]);
  const missing = (ids: string[] | undefined, known: { id: string }[], label: string) => {
    const gone = (ids ?? []).filter((id) => !known.some((k) => k.id === id));
    if (gone.length > 0) throw new AppError('INVALID', `${label}: ${gone.join(', ')} ${gone.length === 1 ? 'is' : 'are'} not in this project.`);
  };
  missing(options.documents, docs, 'documents');
  missing(options.categories, categories, 'categories');
  const inGroup = await documentGroupFilter(projectId, options.group);
  const documents = (options.documents && options.documents.length > 0 ? docs.filter((d) => options.documents!.includes(d.id)) : docs).filter(
    (d) => inGroup === null || inGroup.has(d.id),
  );
  const documentIds = documents.map((d) => d.id);
  const layers = options.layers ?? 'all';
  const layerWhere: Prisma.AnnotationWhereInput =
    layers === 'consensus'
      ? { layer: 'CONSENSUS' }
      : layers === 'annotators'
        ? { layer: 'ANNOTATOR', ...(options.annotators?.length ? { annotatorId: { in: options.annotators } } : {}) }
        : options.annotators?.length
          ? { OR: [{ layer: 'CONSENSUS' }, { layer: 'ANNOTATOR', annotatorId: { in: options.annotators } }] }
          : {};
  const where: Prisma.AnnotationWhereInput = {
    AND: [
      visibleAnnotationsWhere(actor, access),
      layerWhere,
      { documentId: { in: documentIds } },
      ...(options.categories?.length ? [{ categoryId: { in: options.categories } }] : []),
    ],
  };
  const annotations = await db.annotation.findMany({
    where,
    orderBy: [{ documentId: 'asc' }, { start: 'asc' }, { end: 'desc' }, { createdAt: 'asc' }],
    select: {
      id: true, documentId: true, layer: true, annotatorId: true, categoryId: true, start: true, end: true, quote: true, prefix: true, suffix: true,
      note: true, createdAt: true, updatedAt: true, orphaned: true, externalId: true, externalCodingId: true,
      attributes: { select: { attribute: { select: { key: true } }, option: { select: { value: true } } } },
    },
  });
  const annotationIds = annotations.map((a) => a.id);
  const [comments, memos] = await Promise.all([
    options.comments === false
      ? []
      : db.comment.findMany({
          where: { projectId, annotationId: { in: annotationIds }, deletedAt: null },
          orderBy: { createdAt: 'asc' },
          select: { id: true, annotationId: true, authorId: true, body: true, createdAt: true, editedAt: true, externalId: true },
        }),
    options.memos === false
      ? []
      : db.memo.findMany({
          where: { projectId, OR: [{ documentId: null }, { documentId: { in: documentIds } }], body: { not: '' } },
          orderBy: { createdAt: 'asc' },
          select: { id: true, documentId: true, body: true, updatedById: true, createdAt: true, updatedAt: true, externalId: true },
        }),
  ]);
  const userIds = new Set<string>([...annotations.map((a) => a.annotatorId), ...comments.map((c) => c.authorId), ...memos.flatMap((m) => (m.updatedById ? [m.updatedById] : []))]);
  const [users, documentGroups, categoryGroups] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true, externalId: true }, orderBy: { name: 'asc' } }),
    db.documentGroup.findMany({ where: { projectId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, description: true, externalId: true, members: { select: { documentId: true } } } }),
    db.categoryGroup.findMany({ where: { projectId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, description: true, externalId: true, members: { select: { categoryId: true } } } }),
  ]);
  const exported = new Set(documentIds);
  const guid = (externalId: string | null) => (externalId === null ? {} : { guid: externalId });
  const flat = flattenCategoryTree(categories);
  const snapshot: ExportSnapshot = {
    exportedAt: new Date().toISOString(),
    baseUrl,
    project: { id: access.project.id, slug: access.project.slug, name: access.project.name, description: access.project.description, question: access.project.question },
    users: users.map((u) => ({ id: u.id, name: u.name, ...guid(u.externalId) })),
    categories: flat.map((c) => ({ id: c.id, parentId: c.parentId, name: c.name, path: c.path, description: c.description, color: c.color, position: c.position, ...guid(c.externalId) })),
    attributes: attributes.map((a) => ({ id: a.id, key: a.key, name: a.name, description: a.description, ...guid(a.externalId), options: a.options.map((o) => ({ id: o.id, value: o.value, label: o.label, ...guid(o.externalId) })) })),
    documents: documents.map((d) => ({
      id: d.id, title: d.title, author: d.author, authorAffiliation: d.authorAffiliation, outlet: d.outlet,
      publishedOn: d.publishedOn ? d.publishedOn.toISOString().slice(0, 10) : null, sourceUrl: d.sourceUrl, sourceName: d.sourceName, label: d.label,
      text: d.text, blocks: d.content as ExportSnapshot['documents'][number]['blocks'], contentHash: d.contentHash, createdAt: iso(d.createdAt), ...guid(d.externalId),
    })),
    annotations: annotations.map((a) => ({
      id: a.id, documentId: a.documentId, layer: a.layer, annotatorId: a.annotatorId, categoryId: a.categoryId, start: a.start, end: a.end,
      quote: a.quote, prefix: a.prefix, suffix: a.suffix, note: a.note,
      attributes: Object.fromEntries(a.attributes.map((x) => [x.attribute.key, x.option.value])),
      createdAt: iso(a.createdAt), updatedAt: iso(a.updatedAt),
      ...(a.orphaned ? { orphaned: true } : {}), ...(a.externalId !== null ? { selectionId: a.externalId } : {}), ...(a.externalCodingId !== null ? { codingId: a.externalCodingId } : {}),
    })),
    comments: comments.map((c) => ({ id: c.id, annotationId: c.annotationId, authorId: c.authorId, body: c.body, createdAt: iso(c.createdAt), editedAt: c.editedAt ? iso(c.editedAt) : null, ...guid(c.externalId) })),
    // A memo's author in the file is the person who last edited it; one nobody is known for is the exporter's.
    memos: memos.map((m) => ({ id: m.id, documentId: m.documentId, body: m.body, authorId: m.updatedById ?? users[0]?.id ?? '', updatedAt: iso(m.updatedAt), ...guid(m.externalId) })).filter((m) => m.authorId !== ''),
    documentGroups: documentGroups.map((g) => ({ id: g.id, name: g.name, description: g.description, memberIds: g.members.map((m) => m.documentId).filter((id) => exported.has(id)), ...guid(g.externalId) })),
    categoryGroups: categoryGroups.map((g) => ({ id: g.id, name: g.name, description: g.description, memberIds: g.members.map((m) => m.categoryId), ...guid(g.externalId) })),
    // The same rule as the Agreement page's: a report holds no figure its reader could not open there.
    ...(actor.kind === 'user' && !canSeeAgreement(access.role, access.project) ? { withheld: { agreement: 'This project shows agreement figures to owners and curators only.' } } : {}),
  };
  return { snapshot, options, access };
}

export type ExportChoices = {
  documents: { id: string; title: string | null; label: string | null; sourceName: string | null; author: string | null }[];
  /** The project's document groups, each with its members, to choose a group's articles at once. */
  groups: { id: string; name: string; documentIds: string[] }[];
  categories: { id: string; path: string; color: string }[];
  annotators: { id: string; name: string; count: number }[];
  consensusCount: number;
};

/** What the export page offers: the project's documents and codebook, and the layers the actor may export. */
export async function getExportChoices(actor: Actor, slug: string): Promise<ExportChoices> {
  const access = await requireProjectAccess(actor, { slug });
  const projectId = access.project.id;
  const db = getDb();
  const [documents, categories, layers, groups] = await Promise.all([
    db.document.findMany({ where: { projectId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, title: true, label: true, sourceName: true, author: true } }),
    db.category.findMany({ where: { projectId }, select: { id: true, parentId: true, name: true, color: true, position: true } }),
    db.annotation.groupBy({ by: ['layer', 'annotatorId'], where: visibleAnnotationsWhere(actor, access), _count: { _all: true } }),
    db.documentGroup.findMany({ where: { projectId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, members: { select: { documentId: true } } } }),
  ]);
  const annotatorRows = layers.filter((l) => l.layer === 'ANNOTATOR');
  const users = await db.user.findMany({ where: { id: { in: annotatorRows.map((l) => l.annotatorId) } }, select: { id: true, name: true } });
  return {
    documents,
    groups: groups.map((g) => ({ id: g.id, name: g.name, documentIds: g.members.map((m) => m.documentId) })),
    categories: flattenCategoryTree(categories).map((c) => ({ id: c.id, path: c.path, color: c.color })),
    annotators: annotatorRows.map((l) => ({ id: l.annotatorId, name: users.find((u) => u.id === l.annotatorId)?.name ?? '', count: l._count._all })).sort((a, b) => a.name.localeCompare(b.name)),
    consensusCount: layers.filter((l) => l.layer === 'CONSENSUS').reduce((n, l) => n + l._count._all, 0),
  };
}
