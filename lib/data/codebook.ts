import 'server-only';
import { categoryPaths } from '@/lib/codebook/tree';
import { listNames, quote } from '@/lib/activity';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { canEditCodebook } from '@/lib/permissions';
import { cycleParent, descendantIds, siblingOrderProblem } from '@/lib/codebook/hierarchy';
import { shortcutProblem } from '@/lib/codebook/shortcuts';
import { flattenCategoryTree } from '@/lib/codebook/tree';
import {
  createAttributeSchema,
  createCategorySchema,
  deleteCategorySchema,
  mergeCategoriesSchema,
  reorderCategoriesSchema,
  updateAttributeSchema,
  updateCategorySchema,
  uuidPattern,
  type CreateAttributeInput,
  type CreateCategoryInput,
  type DeleteCategoryInput,
  type MergeCategoriesInput,
  type ReorderCategoriesInput,
  type UpdateAttributeInput,
  type UpdateCategoryInput,
} from '@/lib/validations/codebook';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireProjectAccess, type ProjectAccess } from './access';
import type { Actor } from './actor';
import { recordActivity } from './activity';

export type CodebookCategory = {
  id: string;
  parentId: string | null;
  name: string;
  /** Names from the root down, joined with " / ", e.g. "Security / TTP sanctuary". */
  path: string;
  depth: number;
  description: string;
  example: string;
  color: string;
  shortcut: string | null;
  /** Order among siblings. */
  position: number;
  /** Annotations (not deleted, in every layer) tagged with this category: a codebook statistic. */
  usage: number;
};

export type CodebookAttribute = {
  id: string;
  key: string;
  name: string;
  description: string;
  /**
   * `usage` counts the annotations carrying the value, deleted ones included: they still reference
   * it, so it is the number that decides whether the value may be removed.
   */
  options: { id: string; value: string; label: string; usage: number }[];
};

export type Codebook = { categories: CodebookCategory[]; attributes: CodebookAttribute[] };

/** A category as the mutations return it. */
export type CategoryRow = {
  id: string;
  parentId: string | null;
  name: string;
  description: string;
  example: string;
  color: string;
  shortcut: string | null;
  position: number;
};

const categorySelect = {
  id: true, parentId: true, name: true, description: true, example: true, color: true, shortcut: true, position: true,
} as const;

const attributeSelect = {
  id: true, key: true, name: true, description: true,
  options: { orderBy: { position: 'asc' }, select: { id: true, value: true, label: true } },
} as const;

const editDenied = 'Only owners and curators can edit the codebook.';

/** Every member may read the codebook: annotators need it while they annotate. */
export async function getCodebook(actor: Actor, projectSlug: string): Promise<Codebook> {
  const { project } = await requireProjectAccess(actor, { slug: projectSlug });
  const db = getDb();
  const [categories, attributes, usage, optionUsage] = await Promise.all([
    db.category.findMany({ where: { projectId: project.id }, select: categorySelect }),
    db.attributeDefinition.findMany({ where: { projectId: project.id }, orderBy: { position: 'asc' }, select: attributeSelect }),
    db.annotation.groupBy({ by: ['categoryId'], where: { projectId: project.id, deletedAt: null }, _count: { _all: true } }),
    db.annotationAttribute.groupBy({ by: ['optionId'], where: { attribute: { projectId: project.id } }, _count: { _all: true } }),
  ]);
  const usageBy = new Map(usage.map((u) => [u.categoryId, u._count._all]));
  const optionUsageBy = new Map(optionUsage.map((u) => [u.optionId, u._count._all]));
  return {
    categories: flattenCategoryTree(categories).map((c) => ({ ...c, usage: usageBy.get(c.id) ?? 0 })),
    attributes: attributes.map((a) => ({ ...a, options: a.options.map((o) => ({ ...o, usage: optionUsageBy.get(o.id) ?? 0 })) })),
  };
}

// ─── Shared checks ──────────────────────────────────────────────────────────────────────────

type Tx = Prisma.TransactionClient;
type TreeRow = { id: string; parentId: string | null; name: string; shortcut: string | null; position: number };

/**
 * Runs a codebook change in one transaction that holds a per-project advisory lock. The rules
 * checked inside (no cycles, unique sibling names) span several rows, so two concurrent moves could
 * each pass their check and together create a cycle; serialising a project's codebook edits makes
 * every check see the result of the previous edit. Edits to other projects are not blocked.
 */
async function inCodebookTransaction<T>(projectId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await getDb().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`codebook:${projectId}`}, 0))`;
      return work(tx);
    });
  } catch (error) {
    // The checks run under the lock, so these only fire when another writer (an annotation created
    // with a category being deleted, say) slips in; the user can simply retry.
    if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === 'P2002' || error.code === 'P2003')) {
      throw new AppError('CONFLICT', 'The codebook changed while saving; reload the page and try again.');
    }
    throw error;
  }
}

function loadTree(tx: Tx, projectId: string): Promise<TreeRow[]> {
  return tx.category.findMany({
    where: { projectId },
    select: { id: true, parentId: true, name: true, shortcut: true, position: true },
  });
}

function pathOf(tree: readonly TreeRow[], id: string): string {
  return categoryPaths(tree).get(id) ?? '';
}

function whereLabel(tree: readonly TreeRow[], parentId: string | null): string {
  return parentId === null ? 'at the top level' : `under "${pathOf(tree, parentId)}"`;
}

/** Sibling names are unique ignoring case: two "Trust" codes side by side cannot be told apart. */
function assertUniqueSiblingName(tree: readonly TreeRow[], parentId: string | null, name: string, selfId: string | null): void {
  const lower = name.toLowerCase();
  const twin = tree.find((c) => c.parentId === parentId && c.id !== selfId && c.name.toLowerCase() === lower);
  if (twin) throw new AppError('CONFLICT', `A category named "${twin.name}" already exists ${whereLabel(tree, parentId)}; choose another name.`);
}

function assertShortcutFree(tree: readonly TreeRow[], shortcut: string | null, selfId: string | null): void {
  if (shortcut === null) return;
  const takenBy = new Map(tree.filter((c) => c.shortcut !== null && c.id !== selfId).map((c) => [c.shortcut as string, pathOf(tree, c.id)]));
  const problem = shortcutProblem(shortcut, takenBy);
  if (problem) throw new AppError(takenBy.has(shortcut) ? 'CONFLICT' : 'INVALID', problem);
}

function nextPosition(tree: readonly TreeRow[], parentId: string | null): number {
  return tree.filter((c) => c.parentId === parentId).reduce((max, c) => Math.max(max, c.position + 1), 0);
}

function findOrThrow(tree: readonly TreeRow[], id: string, message: string): TreeRow {
  const row = tree.find((c) => c.id === id);
  if (!row) throw new AppError('NOT_FOUND', message);
  return row;
}

/**
 * Access for a change to one category or attribute, found by id: NOT_FOUND when it does not
 * exist or the actor is not a member of its project (the same answer, so ids cannot be probed),
 * FORBIDDEN for members who may not edit the codebook.
 */
async function accessForRow(actor: Actor, projectId: string | undefined, notFound: AppError): Promise<ProjectAccess> {
  if (projectId === undefined) throw notFound;
  try {
    return await requireProjectAccess(actor, { id: projectId }, canEditCodebook, editDenied);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound;
    throw error;
  }
}

async function categoryAccess(actor: Actor, categoryId: string): Promise<ProjectAccess> {
  const notFound = new AppError('NOT_FOUND', 'No such category is visible to you.');
  if (!uuidPattern.test(categoryId)) throw notFound;
  const row = await getDb().category.findUnique({ where: { id: categoryId }, select: { projectId: true } });
  return accessForRow(actor, row?.projectId, notFound);
}

async function attributeAccess(actor: Actor, attributeId: string): Promise<ProjectAccess> {
  const notFound = new AppError('NOT_FOUND', 'No such attribute is visible to you.');
  if (!uuidPattern.test(attributeId)) throw notFound;
  const row = await getDb().attributeDefinition.findUnique({ where: { id: attributeId }, select: { projectId: true } });
  return accessForRow(actor, row?.projectId, notFound);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ─── Categories ─────────────────────────────────────────────────────────────────────────────

/** Adds a category at the end of its siblings (the top level when `parentId` is absent). */
export async function createCategory(actor: Actor, projectSlug: string, input: CreateCategoryInput): Promise<CategoryRow> {
  const { project } = await requireProjectAccess(actor, { slug: projectSlug }, canEditCodebook, editDenied);
  const data = parseOrThrow(createCategorySchema, input);
  return inCodebookTransaction(project.id, async (tx) => {
    const tree = await loadTree(tx, project.id);
    if (data.parentId !== null) findOrThrow(tree, data.parentId, 'The parent category is not in this project.');
    assertUniqueSiblingName(tree, data.parentId, data.name, null);
    assertShortcutFree(tree, data.shortcut, null);
    const created = await tx.category.create({
      data: { ...data, projectId: project.id, position: nextPosition(tree, data.parentId) },
      select: categorySelect,
    });
    await recordActivity(tx, actor, project.id, {
      action: 'codebook.category.create',
      targetType: 'category',
      targetId: created.id,
      summary: `Added category ${quote(pathOf([...tree, created], created.id), 120)}`,
    });
    return created;
  });
}

/**
 * Changes a category's fields; `parentId` moves it (with its sub-categories) to the end of its new
 * siblings, `null` to the top level. A move under itself or one of its descendants is refused.
 */
export async function updateCategory(actor: Actor, categoryId: string, input: UpdateCategoryInput): Promise<CategoryRow> {
  const { project } = await categoryAccess(actor, categoryId);
  const data = parseOrThrow(updateCategorySchema, input);
  return inCodebookTransaction(project.id, async (tx) => {
    const tree = await loadTree(tx, project.id);
    const self = findOrThrow(tree, categoryId, 'No such category is visible to you.');
    const moving = data.parentId !== undefined && data.parentId !== self.parentId;
    const parentId = data.parentId === undefined ? self.parentId : data.parentId;
    if (moving && parentId !== null) {
      const parent = findOrThrow(tree, parentId, 'The new parent category is not in this project.');
      const offending = cycleParent(tree, self.id, parent.id);
      if (offending === self.id) throw new AppError('INVALID', `Cannot move "${self.name}" under itself.`);
      if (offending !== null) {
        throw new AppError('INVALID', `Cannot move "${self.name}" under its own descendant "${pathOf(tree, offending)}".`);
      }
    }
    if (moving || data.name !== undefined) assertUniqueSiblingName(tree, parentId, data.name ?? self.name, self.id);
    if (data.shortcut !== undefined) assertShortcutFree(tree, data.shortcut, self.id);
    const before = await tx.category.findUniqueOrThrow({ where: { id: self.id }, select: categorySelect });
    const updated = await tx.category.update({
      where: { id: self.id },
      data: { ...data, ...(moving ? { parentId, position: nextPosition(tree, parentId) } : {}) },
      select: categorySelect,
    });
    const changed: string[] = [];
    if (updated.name !== before.name) changed.push(`renamed to ${quote(updated.name)}`);
    if (updated.color !== before.color) changed.push(`colour ${updated.color}`);
    if (updated.description !== before.description) changed.push('description');
    if (updated.example !== before.example) changed.push('example');
    if (updated.shortcut !== before.shortcut) changed.push(updated.shortcut ? `shortcut "${updated.shortcut}"` : 'shortcut removed');
    // Saving the form unchanged is not worth a line in the log.
    if (moving || changed.length > 0) {
      const where = moving ? `Moved ${quote(pathOf(tree, self.id), 120)} ${whereLabel(tree, parentId).replace(/^at /, 'to ')}` : '';
      const what = changed.length > 0 ? `${moving ? '; ' : `Edited category ${quote(pathOf(tree, self.id), 120)}: `}${changed.join(', ')}` : '';
      await recordActivity(tx, actor, project.id, {
        action: moving ? 'codebook.category.move' : 'codebook.category.update',
        targetType: 'category',
        targetId: self.id,
        summary: where + what,
      });
    }
    return updated;
  });
}

/** Sets the order of the categories under one parent (`null`: the top level); all or nothing. */
export async function reorderCategories(
  actor: Actor,
  projectSlug: string,
  input: ReorderCategoriesInput,
): Promise<{ orderedIds: string[] }> {
  const { project } = await requireProjectAccess(actor, { slug: projectSlug }, canEditCodebook, editDenied);
  const data = parseOrThrow(reorderCategoriesSchema, input);
  return inCodebookTransaction(project.id, async (tx) => {
    const tree = await loadTree(tx, project.id);
    if (data.parentId !== null) findOrThrow(tree, data.parentId, 'The parent category is not in this project.');
    const siblings = tree.filter((c) => c.parentId === data.parentId).sort((a, b) => a.position - b.position);
    const problem = siblingOrderProblem(
      siblings.map((c) => c.id),
      data.orderedIds,
      (id) => pathOf(tree, id),
    );
    if (problem) throw new AppError('INVALID', problem);
    const positionOf = new Map(siblings.map((c) => [c.id, c.position]));
    let moved = 0;
    for (const [position, id] of data.orderedIds.entries()) {
      if (positionOf.get(id) !== position) {
        await tx.category.update({ where: { id }, data: { position } });
        moved++;
      }
    }
    if (moved > 0) {
      await recordActivity(tx, actor, project.id, {
        action: 'codebook.category.reorder',
        targetType: 'category',
        targetId: data.parentId,
        summary: `Reordered the categories ${whereLabel(tree, data.parentId)}: ${listNames(data.orderedIds.map((id) => quote(tree.find((c) => c.id === id)?.name ?? '')), 5)}`,
      });
    }
    return { orderedIds: data.orderedIds };
  });
}

/**
 * Merges `sourceId` into `targetId`: every annotation of the source (deleted ones too, which still
 * reference it) moves to the target with its version bumped, then the source is deleted.
 *
 * A source with sub-categories may be merged: its sub-categories move under the target, keeping
 * their own annotations. They are distinct codes, and merging them silently into the target would
 * throw that distinction away; the user can merge them one by one if that is what they want. A
 * target below the source is refused (it would end up under itself), and so is a sub-category
 * whose name the target already has among its children.
 *
 * `moved` counts the annotations that were not deleted, the number the editor announced.
 */
export async function mergeCategories(
  actor: Actor,
  input: MergeCategoriesInput,
): Promise<{ moved: number; childrenMoved: number; target: { id: string; name: string } }> {
  const data = parseOrThrow(mergeCategoriesSchema, input);
  const { project } = await categoryAccess(actor, data.sourceId);
  return inCodebookTransaction(project.id, async (tx) => {
    const tree = await loadTree(tx, project.id);
    const source = findOrThrow(tree, data.sourceId, 'No such category is visible to you.');
    const target = findOrThrow(tree, data.targetId, 'The category to merge into is not in this project.');
    if (descendantIds(tree, source.id).has(target.id)) {
      throw new AppError(
        'INVALID',
        `Cannot merge "${source.name}" into its own sub-category "${pathOf(tree, target.id)}"; move "${target.name}" out from under it first.`,
      );
    }
    const children = tree.filter((c) => c.parentId === source.id).sort((a, b) => a.position - b.position);
    const clashes = children.filter((c) => tree.some((t) => t.parentId === target.id && t.name.toLowerCase() === c.name.toLowerCase()));
    if (clashes.length > 0) {
      throw new AppError(
        'CONFLICT',
        `"${target.name}" already has sub-categories named ${clashes.map((c) => `"${c.name}"`).join(', ')}, as "${source.name}" does; rename or merge those first.`,
      );
    }
    const moved = await tx.annotation.updateMany({
      where: { projectId: project.id, categoryId: source.id, deletedAt: null },
      data: { categoryId: target.id, version: { increment: 1 } },
    });
    await tx.annotation.updateMany({
      where: { projectId: project.id, categoryId: source.id, deletedAt: { not: null } },
      data: { categoryId: target.id, version: { increment: 1 } },
    });
    let position = nextPosition(tree, target.id);
    for (const child of children) await tx.category.update({ where: { id: child.id }, data: { parentId: target.id, position: position++ } });
    await tx.category.delete({ where: { id: source.id } });
    const childNote = children.length > 0 ? `; ${plural(children.length, 'sub-category', 'sub-categories')} moved under it` : '';
    await recordActivity(tx, actor, project.id, {
      action: 'codebook.category.merge',
      targetType: 'category',
      targetId: target.id,
      summary: `Merged ${quote(pathOf(tree, source.id), 120)} into ${quote(pathOf(tree, target.id), 120)}: ${plural(moved.count, 'annotation')} moved${childNote}`,
      details: { sourceId: source.id, sourceName: source.name, targetId: target.id, moved: moved.count, childrenMoved: children.length },
    });
    return { moved: moved.count, childrenMoved: children.length, target: { id: target.id, name: target.name } };
  });
}

/**
 * Deletes a category with no sub-categories. When annotations use it (deleted ones count: they
 * still reference it and can be restored), `reassignTo` must name the category they move to first;
 * both happen in one transaction. Returns how many annotations were reassigned.
 */
export async function deleteCategory(actor: Actor, categoryId: string, input: DeleteCategoryInput = {}): Promise<{ reassigned: number }> {
  const { project } = await categoryAccess(actor, categoryId);
  const data = parseOrThrow(deleteCategorySchema, input);
  return inCodebookTransaction(project.id, async (tx) => {
    const tree = await loadTree(tx, project.id);
    const self = findOrThrow(tree, categoryId, 'No such category is visible to you.');
    const children = tree.filter((c) => c.parentId === self.id);
    if (children.length > 0) {
      throw new AppError(
        'CONFLICT',
        `"${self.name}" has ${plural(children.length, 'sub-category', 'sub-categories')} (${children.map((c) => `"${c.name}"`).join(', ')}): move or delete ${children.length === 1 ? 'it' : 'them'} first, or merge "${self.name}" into another category, which keeps them.`,
      );
    }
    const [total, deleted] = await Promise.all([
      tx.annotation.count({ where: { projectId: project.id, categoryId: self.id } }),
      tx.annotation.count({ where: { projectId: project.id, categoryId: self.id, deletedAt: { not: null } } }),
    ]);
    // A named target is checked even when nothing needs reassigning: a wrong id is a mistake to
    // report, not to ignore.
    const target = data.reassignTo === undefined ? null : findOrThrow(tree, data.reassignTo, 'The category to reassign to is not in this project.');
    if (target?.id === self.id) throw new AppError('INVALID', `Choose a category other than "${self.name}" to reassign its annotations to.`);
    let reassigned = 0;
    if (total > 0) {
      if (target === null) {
        const deletedNote = deleted > 0 ? ` (${deleted} of them deleted but kept in the history)` : '';
        throw new AppError(
          'CONFLICT',
          `${plural(total, 'annotation')} ${total === 1 ? 'uses' : 'use'} "${self.name}"${deletedNote}: choose a category to reassign them to.`,
        );
      }
      ({ count: reassigned } = await tx.annotation.updateMany({
        where: { projectId: project.id, categoryId: self.id },
        data: { categoryId: target.id, version: { increment: 1 } },
      }));
    }
    await tx.category.delete({ where: { id: self.id } });
    await recordActivity(tx, actor, project.id, {
      action: 'codebook.category.delete',
      targetType: 'category',
      targetId: self.id,
      summary: `Deleted category ${quote(pathOf(tree, self.id), 120)}${target && reassigned > 0 ? `; ${plural(reassigned, 'annotation')} reassigned to ${quote(pathOf(tree, target.id), 120)}` : ''}`,
      details: { reassigned, reassignedTo: reassigned > 0 ? (target?.id ?? null) : null },
    });
    return { reassigned };
  });
}

// ─── Attributes ─────────────────────────────────────────────────────────────────────────────

async function readAttribute(tx: Tx, attributeId: string): Promise<CodebookAttribute> {
  const a = await tx.attributeDefinition.findUniqueOrThrow({ where: { id: attributeId }, select: attributeSelect });
  const usage = await tx.annotationAttribute.groupBy({ by: ['optionId'], where: { attributeId }, _count: { _all: true } });
  const usageBy = new Map(usage.map((u) => [u.optionId, u._count._all]));
  return { ...a, options: a.options.map((o) => ({ ...o, usage: usageBy.get(o.id) ?? 0 })) };
}

/** Defines an attribute with its allowed values, after the project's other attributes. */
export async function createAttribute(actor: Actor, projectSlug: string, input: CreateAttributeInput): Promise<CodebookAttribute> {
  const { project } = await requireProjectAccess(actor, { slug: projectSlug }, canEditCodebook, editDenied);
  const data = parseOrThrow(createAttributeSchema, input);
  return inCodebookTransaction(project.id, async (tx) => {
    const existing = await tx.attributeDefinition.findMany({ where: { projectId: project.id }, select: { key: true, name: true, position: true } });
    const twin = existing.find((a) => a.key === data.key);
    if (twin) throw new AppError('CONFLICT', `The key "${data.key}" is already used by the attribute "${twin.name}"; choose another key.`);
    const created = await tx.attributeDefinition.create({
      data: {
        projectId: project.id,
        key: data.key,
        name: data.name,
        description: data.description,
        position: existing.reduce((max, a) => Math.max(max, a.position + 1), 0),
        options: { create: data.options.map((o, position) => ({ ...o, position })) },
      },
      select: { id: true },
    });
    await recordActivity(tx, actor, project.id, {
      action: 'codebook.attribute.create',
      targetType: 'attribute',
      targetId: created.id,
      summary: `Added attribute ${quote(data.name)} (${data.key}) with values ${listNames(data.options.map((o) => quote(o.label, 40)), 5)}`,
    });
    return readAttribute(tx, created.id);
  });
}

/**
 * Renames an attribute or changes its allowed values (see updateAttributeSchema). A value that
 * annotations carry cannot be removed: the annotations would silently lose information.
 */
export async function updateAttribute(actor: Actor, attributeId: string, input: UpdateAttributeInput): Promise<CodebookAttribute> {
  const { project } = await attributeAccess(actor, attributeId);
  const data = parseOrThrow(updateAttributeSchema, input);
  return inCodebookTransaction(project.id, async (tx) => {
    const current = await readAttribute(tx, attributeId);
    await tx.attributeDefinition.update({ where: { id: attributeId }, data: { name: data.name, description: data.description } });
    if (data.options !== undefined) {
      const wanted = new Set(data.options.map((o) => o.value));
      const removed = current.options.filter((o) => !wanted.has(o.value));
      const used = removed.filter((o) => o.usage > 0);
      if (used.length > 0) {
        throw new AppError(
          'CONFLICT',
          `${used.map((o) => `"${o.label}" (${o.value}) is used by ${plural(o.usage, 'annotation')}`).join('; ')}, so ${used.length === 1 ? 'it' : 'they'} cannot be removed; keep ${used.length === 1 ? 'it' : 'them'}, or change those annotations first.`,
        );
      }
      if (removed.length > 0) await tx.attributeOption.deleteMany({ where: { id: { in: removed.map((o) => o.id) } } });
      const byValue = new Map(current.options.map((o) => [o.value, o]));
      for (const [position, o] of data.options.entries()) {
        const existing = byValue.get(o.value);
        if (existing) await tx.attributeOption.update({ where: { id: existing.id }, data: { label: o.label, position } });
        else await tx.attributeOption.create({ data: { attributeId, value: o.value, label: o.label, position } });
      }
    }
    const after = await readAttribute(tx, attributeId);
    const changed: string[] = [];
    if (after.name !== current.name) changed.push(`renamed to ${quote(after.name)}`);
    if (after.description !== current.description) changed.push('description');
    const optionKey = (a: CodebookAttribute) => a.options.map((o) => `${o.value}=${o.label}`).join('\n');
    if (optionKey(after) !== optionKey(current)) {
      const added = after.options.filter((o) => !current.options.some((c) => c.value === o.value));
      const removed = current.options.filter((o) => !after.options.some((c) => c.value === o.value));
      const parts = [
        ...(added.length > 0 ? [`added ${listNames(added.map((o) => quote(o.label, 40)))}`] : []),
        ...(removed.length > 0 ? [`removed ${listNames(removed.map((o) => quote(o.label, 40)))}`] : []),
      ];
      changed.push(parts.length > 0 ? `values: ${parts.join(', ')}` : 'values relabelled or reordered');
    }
    if (changed.length > 0) {
      await recordActivity(tx, actor, project.id, {
        action: 'codebook.attribute.update',
        targetType: 'attribute',
        targetId: attributeId,
        summary: `Edited attribute ${quote(current.name)}: ${changed.join('; ')}`,
      });
    }
    return after;
  });
}

/**
 * Deletes an attribute and every value annotations have for it, in one transaction. The
 * annotations that lose a value get their version bumped: they changed, and an edit based on the
 * old version must not quietly bring the value back.
 */
export async function deleteAttribute(actor: Actor, attributeId: string): Promise<{ valuesRemoved: number }> {
  const { project } = await attributeAccess(actor, attributeId);
  return inCodebookTransaction(project.id, async (tx) => {
    const definition = await tx.attributeDefinition.findUniqueOrThrow({ where: { id: attributeId }, select: { key: true, name: true } });
    const values = await tx.annotationAttribute.findMany({ where: { attributeId }, select: { annotationId: true } });
    if (values.length > 0) {
      await tx.annotation.updateMany({
        where: { projectId: project.id, id: { in: values.map((v) => v.annotationId) } },
        data: { version: { increment: 1 } },
      });
    }
    // Values first: they reference the options with ON DELETE RESTRICT, which the cascade from the
    // definition would otherwise trip over.
    const { count } = await tx.annotationAttribute.deleteMany({ where: { attributeId } });
    await tx.attributeDefinition.delete({ where: { id: attributeId } });
    await recordActivity(tx, actor, project.id, {
      action: 'codebook.attribute.delete',
      targetType: 'attribute',
      targetId: attributeId,
      summary: `Deleted attribute ${quote(definition.name)} (${definition.key})${count > 0 ? `; its value was removed from ${plural(count, 'annotation')}` : ''}`,
    });
    return { valuesRemoved: count };
  });
}
