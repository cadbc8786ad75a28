'use server';
import { runAction } from '@/lib/actions/run';
import { revalidatePath } from 'next/cache';
import { createDocumentGroup, deleteDocumentGroup, updateDocumentGroup, type GroupDto } from '@/lib/data/groups';
import { type ActionResult } from '@/lib/errors';
import type { DocumentGroupInput } from '@/lib/validations/groups';

export async function saveDocumentGroupAction(projectSlug: string, groupId: string | null, input: DocumentGroupInput): Promise<ActionResult<GroupDto>> {
  return runAction('saveDocumentGroupAction', async (actor) => {
    const data = groupId === null ? await createDocumentGroup(actor, projectSlug, input) : await updateDocumentGroup(actor, groupId, input);
    revalidatePath(`/projects/${projectSlug}`, 'layout');
    return data;
  });
}

export async function deleteDocumentGroupAction(projectSlug: string, groupId: string): Promise<ActionResult<null>> {
  return runAction('deleteDocumentGroupAction', async (actor) => {
    await deleteDocumentGroup(actor, groupId);
    revalidatePath(`/projects/${projectSlug}`, 'layout');
    return null;
  });
}
