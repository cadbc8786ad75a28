import type { ConfirmImportInput } from '@/lib/validations/import';
import { json, withApi } from '@/lib/api';
import { confirmImport } from '@/lib/data/imports';

/** Confirms a reviewed import: { slug?, name? } for a new project, { layer } for W3C annotations. */
export const POST = withApi<{ id: string }>(async ({ actor, params, request, readJson }) => {
  // No body confirms with the file's own slug and name; a body that is not JSON is refused, not ignored.
  const empty = request.headers.get('content-length') === '0' || request.body === null;
  const body = empty ? {} : await readJson();
  return json(await confirmImport(actor, params.id, body as ConfirmImportInput), 202);
});
