import 'server-only';
import { randomUUID } from 'node:crypto';
import { plural } from '@/lib/activity';
import { parentsFirst } from '@/lib/export/snapshot';
import { categoryPaths } from '@/lib/codebook/tree';
import type { ExportAttribute, ExportCategory, ExportGroup } from '@/lib/export/types';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from './actor';
import { recordActivity } from './activity';

export type CodebookImportResult = { added: number; existing: number; attributesAdded: number; groupsAdded: number };

/**
 * Adds a REFI-QDA codebook's codes to a project's codebook, inside the caller's transaction. A code
 * whose path the codebook already has is kept as it is (not duplicated); new codes are added under
 * their parents, keeping the file's GUID. Code sets become category groups (a group of the same
 * name gains the members it lacks).
 */
export async function storeCodebook(
  tx: Prisma.TransactionClient,
  actor: Actor,
  projectId: string,
  codebook: { categories: ExportCategory[]; attributes: ExportAttribute[]; categoryGroups: ExportGroup[] },
): Promise<CodebookImportResult> {
  const current = await tx.category.findMany({ where: { projectId }, select: { id: true, parentId: true, name: true, position: true } });
  const byPath = new Map([...categoryPaths(current)].map(([id, path]) => [path.toLowerCase(), id]));
  const siblings = new Map<string | null, number>();
  for (const c of current) siblings.set(c.parentId, (siblings.get(c.parentId) ?? 0) + 1);
  const fileIds = new Map<string, string>();
  let added = 0;
  let existing = 0;
  for (const c of parentsFirst(codebook.categories)) {
    const found = byPath.get(c.path.toLowerCase());
    if (found) {
      existing++;
      fileIds.set(c.id, found);
      continue;
    }
    const parentId = c.parentId ? fileIds.get(c.parentId)! : null;
    const position = siblings.get(parentId) ?? 0;
    siblings.set(parentId, position + 1);
    const id = randomUUID();
    await tx.category.create({ data: { id, projectId, parentId, name: c.name, description: c.description, color: c.color, position, externalId: c.id } });
    byPath.set(c.path.toLowerCase(), id);
    fileIds.set(c.id, id);
    added++;
  }
  let attributesAdded = 0;
  for (const a of codebook.attributes) {
    if (await tx.attributeDefinition.findUnique({ where: { projectId_key: { projectId, key: a.key } }, select: { id: true } })) continue;
    const position = await tx.attributeDefinition.count({ where: { projectId } });
    await tx.attributeDefinition.create({
      data: { projectId, key: a.key, name: a.name, description: a.description, position, externalId: a.id, options: { create: a.options.map((o, i) => ({ value: o.value, label: o.label, position: i, externalId: o.id })) } },
    });
    attributesAdded++;
  }
  let groupsAdded = 0;
  for (const g of codebook.categoryGroups) {
    let group = await tx.categoryGroup.findFirst({ where: { projectId, name: g.name }, select: { id: true } });
    if (!group) {
      const position = await tx.categoryGroup.count({ where: { projectId } });
      group = await tx.categoryGroup.create({ data: { projectId, name: g.name, description: g.description, position, externalId: g.id }, select: { id: true } });
      groupsAdded++;
    }
    const members = [...new Set(g.memberIds.map((id) => fileIds.get(id)).filter((id): id is string => id !== undefined))];
    if (members.length > 0) await tx.categoryGroupMember.createMany({ data: members.map((categoryId) => ({ groupId: group.id, categoryId })), skipDuplicates: true });
  }
  await recordActivity(tx, actor, projectId, {
    action: 'codebook.category.create',
    targetType: 'category',
    summary: `Imported a REFI-QDA codebook: ${plural(added, 'category', 'categories')} added, ${existing} already present${attributesAdded ? `, ${plural(attributesAdded, 'attribute')} added` : ''}${groupsAdded ? `, ${plural(groupsAdded, 'category group')} added` : ''}`,
    details: { added, existing, attributesAdded, groupsAdded },
  });
  return { added, existing, attributesAdded, groupsAdded };
}
