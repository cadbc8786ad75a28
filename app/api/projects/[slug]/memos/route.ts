import { json, withApi } from '@/lib/api';
import { listMemos, saveMemo } from '@/lib/data/compare';
import { memoSchema } from '@/lib/validations/compare';
import { parseOrThrow } from '@/lib/validations/parse';

export const GET = withApi<{ slug: string }>(async ({ actor, params }) => json(await listMemos(actor, params.slug)));

/** { "documentId": <id> | null, "body": "…", "version": <the version read, 0 for a new memo> }; 409 with current when stale. */
export const PUT = withApi<{ slug: string }>(async ({ actor, params, readJson }) => {
  return json({ memo: await saveMemo(actor, params.slug, parseOrThrow(memoSchema, await readJson())) });
});
