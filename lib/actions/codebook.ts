'use server';
import { revalidatePath } from 'next/cache';
import {
  createAttribute,
  createCategory,
  deleteAttribute,
  deleteCategory,
  mergeCategories,
  reorderCategories,
  updateAttribute,
  updateCategory,
  type CategoryRow,
  type CodebookAttribute,
} from '@/lib/data/codebook';
import { toActionError, type ActionResult } from '@/lib/errors';
import type { Actor } from '@/lib/data/actor';
import { requireActor } from '@/lib/session';
import type {
  CreateAttributeInput,
  CreateCategoryInput,
  DeleteCategoryInput,
  MergeCategoriesInput,
  ReorderCategoriesInput,
  UpdateAttributeInput,
  UpdateCategoryInput,
} from '@/lib/validations/codebook';

// Every action names the project's slug: mutations by id find their project themselves (and check
// access there), so the slug only says which pages to refresh — the codebook page and the document
// pages whose legend shows the codebook. A wrong slug refreshes the wrong pages, nothing more.

async function run<T>(projectSlug: string, context: string, work: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  const { actor } = await requireActor();
  try {
    const data = await work(actor);
    revalidatePath(`/projects/${projectSlug}`, 'layout');
    return { ok: true, data };
  } catch (error) {
    return toActionError(error, context);
  }
}

export async function createCategoryAction(projectSlug: string, input: CreateCategoryInput): Promise<ActionResult<CategoryRow>> {
  return run(projectSlug, 'createCategoryAction', (actor) => createCategory(actor, projectSlug, input));
}

export async function updateCategoryAction(projectSlug: string, categoryId: string, input: UpdateCategoryInput): Promise<ActionResult<CategoryRow>> {
  return run(projectSlug, 'updateCategoryAction', (actor) => updateCategory(actor, categoryId, input));
}

export async function reorderCategoriesAction(projectSlug: string, input: ReorderCategoriesInput): Promise<ActionResult<{ orderedIds: string[] }>> {
  return run(projectSlug, 'reorderCategoriesAction', (actor) => reorderCategories(actor, projectSlug, input));
}

export async function mergeCategoriesAction(
  projectSlug: string,
  input: MergeCategoriesInput,
): Promise<ActionResult<{ moved: number; childrenMoved: number; target: { id: string; name: string } }>> {
  return run(projectSlug, 'mergeCategoriesAction', (actor) => mergeCategories(actor, input));
}

export async function deleteCategoryAction(projectSlug: string, categoryId: string, input: DeleteCategoryInput): Promise<ActionResult<{ reassigned: number }>> {
  return run(projectSlug, 'deleteCategoryAction', (actor) => deleteCategory(actor, categoryId, input));
}

export async function createAttributeAction(projectSlug: string, input: CreateAttributeInput): Promise<ActionResult<CodebookAttribute>> {
  return run(projectSlug, 'createAttributeAction', (actor) => createAttribute(actor, projectSlug, input));
}

export async function updateAttributeAction(projectSlug: string, attributeId: string, input: UpdateAttributeInput): Promise<ActionResult<CodebookAttribute>> {
  return run(projectSlug, 'updateAttributeAction', (actor) => updateAttribute(actor, attributeId, input));
}

export async function deleteAttributeAction(projectSlug: string, attributeId: string): Promise<ActionResult<{ valuesRemoved: number }>> {
  return run(projectSlug, 'deleteAttributeAction', (actor) => deleteAttribute(actor, attributeId));
}
