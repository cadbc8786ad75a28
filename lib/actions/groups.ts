'use server';
import { revalidatePath } from 'next/cache';
import { createDocumentGroup, deleteDocumentGroup, updateDocumentGroup, type GroupDto } from '@/lib/data/groups';
import { toActionError, type ActionResult } from '@/lib/errors';
import { requireActor } from '@/lib/session';
import type { DocumentGroupInput } from '@/lib/validations/groups';

export async function saveDocumentGroupAction(projectSlug: string, groupId: string | null, input: DocumentGroupInput): Promise<ActionResult<GroupDto>> {
  const { actor } = await requireActor();
  try {
    const data = groupId === null ? await createDocumentGroup(actor, projectSlug, input) : await updateDocumentGroup(actor, groupId, input);
    revalidatePath(`/projects/${projectSlug}`, 'layout');
    return { ok: true, data };
  } catch (error) {
    return toActionError(error, 'saveDocumentGroupAction');
  }
}

export async function deleteDocumentGroupAction(projectSlug: string, groupId: string): Promise<ActionResult<null>> {
  const { actor } = await requireActor();
  try {
    await deleteDocumentGroup(actor, groupId);
    revalidatePath(`/projects/${projectSlug}`, 'layout');
    return { ok: true, data: null };
  } catch (error) {
    return toActionError(error, 'deleteDocumentGroupAction');
  }
}
