import 'server-only';
import { plural, quote } from '@/lib/activity';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { canEditDocuments } from '@/lib/permissions';
import { documentGroupSchema, groupIdSchema, type DocumentGroupInput } from '@/lib/validations/groups';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireProjectAccess } from './access';
import type { Actor } from './actor';
import { recordActivity } from './activity';

// Document groups (MAXQDA's document groups, NVivo's sets of sources) and category groups (ATLAS.ti's
// code groups). Every member sees them; owners and curators make and change document groups. A
// group narrows the agreement, comparison and export pages to its documents (documentGroupFilter).

export type GroupDto = { id: string; name: string; description: string; memberIds: string[] };

export async function listGroups(actor: Actor, slug: string): Promise<{ documentGroups: GroupDto[]; categoryGroups: GroupDto[] }> {
  const { project } = await requireProjectAccess(actor, { slug });
  const db = getDb();
  const [documentGroups, categoryGroups] = await Promise.all([
    db.documentGroup.findMany({ where: { projectId: project.id }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, description: true, members: { select: { documentId: true } } } }),
    db.categoryGroup.findMany({ where: { projectId: project.id }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, description: true, members: { select: { categoryId: true } } } }),
  ]);
  return {
    documentGroups: documentGroups.map((g) => ({ id: g.id, name: g.name, description: g.description, memberIds: g.members.map((m) => m.documentId) })),
    categoryGroups: categoryGroups.map((g) => ({ id: g.id, name: g.name, description: g.description, memberIds: g.members.map((m) => m.categoryId) })),
  };
}

/**
 * The documents of a group of the project, for a page's `group` filter. A group of another project
 * (or none) is INVALID, as any other unknown filter value is.
 */
export async function documentGroupFilter(projectId: string, group: string | undefined): Promise<Set<string> | null> {
  if (group === undefined) return null;
  const id = parseOrThrow(groupIdSchema, group);
  const found = await getDb().documentGroup.findFirst({ where: { id, projectId }, select: { members: { select: { documentId: true } } } });
  if (!found) throw new AppError('INVALID', 'group: this project has no document group with that id.');
  return new Set(found.members.map((m) => m.documentId));
}

async function checkedDocuments(projectId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await getDb().document.findMany({ where: { projectId, id: { in: unique } }, select: { id: true } });
  if (found.length !== unique.length) throw new AppError('INVALID', 'documentIds: some of these documents are not in this project.');
  return unique;
}

export async function createDocumentGroup(actor: Actor, slug: string, input: DocumentGroupInput): Promise<GroupDto> {
  const { project } = await requireProjectAccess(actor, { slug }, canEditDocuments, 'Only owners and curators can group documents.');
  const data = parseOrThrow(documentGroupSchema, input);
  const documentIds = await checkedDocuments(project.id, data.documentIds);
  return getDb().$transaction(async (tx) => {
    const position = await tx.documentGroup.count({ where: { projectId: project.id } });
    const group = await tx.documentGroup.create({ data: { projectId: project.id, name: data.name, description: data.description, position }, select: { id: true } });
    if (documentIds.length > 0) await tx.documentGroupMember.createMany({ data: documentIds.map((documentId) => ({ groupId: group.id, documentId })) });
    await recordActivity(tx, actor, project.id, { action: 'document.group', targetType: 'group', targetId: group.id, summary: `Made the document group ${quote(data.name, 80)} of ${plural(documentIds.length, 'document')}` });
    return { id: group.id, name: data.name, description: data.description, memberIds: documentIds };
  });
}

export async function updateDocumentGroup(actor: Actor, groupId: string, input: DocumentGroupInput): Promise<GroupDto> {
  const id = parseOrThrow(groupIdSchema, groupId);
  const notFound = () => new AppError('NOT_FOUND', 'No such document group is visible to you.');
  const existing = await getDb().documentGroup.findUnique({ where: { id }, select: { projectId: true } });
  if (!existing) throw notFound();
  const { project } = await requireProjectAccess(actor, { id: existing.projectId }, canEditDocuments, 'Only owners and curators can change document groups.').catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound() : error;
  });
  const data = parseOrThrow(documentGroupSchema, input);
  const documentIds = await checkedDocuments(project.id, data.documentIds);
  return getDb().$transaction(async (tx) => {
    await tx.documentGroup.update({ where: { id }, data: { name: data.name, description: data.description } });
    await tx.documentGroupMember.deleteMany({ where: { groupId: id } });
    if (documentIds.length > 0) await tx.documentGroupMember.createMany({ data: documentIds.map((documentId) => ({ groupId: id, documentId })) });
    await recordActivity(tx, actor, project.id, { action: 'document.group', targetType: 'group', targetId: id, summary: `Changed the document group ${quote(data.name, 80)}: ${plural(documentIds.length, 'document')}` });
    return { id, name: data.name, description: data.description, memberIds: documentIds };
  });
}

export async function deleteDocumentGroup(actor: Actor, groupId: string): Promise<void> {
  const id = parseOrThrow(groupIdSchema, groupId);
  const notFound = () => new AppError('NOT_FOUND', 'No such document group is visible to you.');
  const existing = await getDb().documentGroup.findUnique({ where: { id }, select: { projectId: true, name: true } });
  if (!existing) throw notFound();
  await requireProjectAccess(actor, { id: existing.projectId }, canEditDocuments, 'Only owners and curators can delete document groups.').catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound() : error;
  });
  await getDb().$transaction(async (tx) => {
    await tx.documentGroup.delete({ where: { id } });
    await recordActivity(tx, actor, existing.projectId, { action: 'document.group', targetType: 'group', targetId: id, summary: `Deleted the document group ${quote(existing.name, 80)} (its documents stay)` });
  });
}
