import { json, noContent, withApi } from '@/lib/api';
import { cancelImport, getImport } from '@/lib/data/imports';

/** The import job: its status, progress and (once READY) the summary of what it would import. */
export const GET = withApi<{ id: string }>(async ({ actor, params }) => json(await getImport(actor, params.id)));

/** Cancels an import that has not started writing; its file is deleted. */
export const DELETE = withApi<{ id: string }>(async ({ actor, params }) => {
  await cancelImport(actor, params.id);
  return noContent();
});
