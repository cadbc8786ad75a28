import { fileResponse, withApi } from '@/lib/api';
import { getStoredExport } from '@/lib/data/exports';

/** A finished export, for the user who made it, within an hour. */
export const GET = withApi<{ id: string }>(async ({ actor, params }) => {
  const file = await getStoredExport(actor, params.id);
  return fileResponse(file);
});
