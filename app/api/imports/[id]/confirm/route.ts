import { json, withApi } from '@/lib/api';
import { confirmImport } from '@/lib/data/imports';

/** Confirms a reviewed import: { slug?, name? } for a new project, { layer } for W3C annotations. */
export const POST = withApi<{ id: string }>(async ({ actor, params, readJson }) => {
  const body = await readJson().catch(() => ({}));
  return json(await confirmImport(actor, params.id, body as never), 202);
});
