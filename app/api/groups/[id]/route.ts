import { json, withApi } from '@/lib/api';
import type { DocumentGroupInput } from '@/lib/validations/groups';
import { deleteDocumentGroup, updateDocumentGroup } from '@/lib/data/groups';

/** A document group, by id (as annotations are): PUT the whole group as it should be, { "name", "description", "documentIds" }. */
export const PUT = withApi<{ id: string }>(async ({ actor, params, readJson }) => json({ group: await updateDocumentGroup(actor, params.id, (await readJson()) as DocumentGroupInput) }));

export const DELETE = withApi<{ id: string }>(async ({ actor, params }) => {
  await deleteDocumentGroup(actor, params.id);
  return new Response(null, { status: 204 });
});
