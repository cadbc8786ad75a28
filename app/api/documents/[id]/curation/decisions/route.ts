import { json, withApi } from '@/lib/api';
import { decideCuration } from '@/lib/data/curation';
import { curationDecisionSchema } from '@/lib/validations/agreement';
import { parseOrThrow } from '@/lib/validations/parse';

/** { "kind": "accept" | "edit" | "reject", "sources": [{ id, version }], "passage"?: { categoryId, start, end, attributes?, note? } } */
export const POST = withApi<{ id: string }>(async ({ actor, params, readJson }) => {
  return json(await decideCuration(actor, params.id, parseOrThrow(curationDecisionSchema, await readJson())), 201);
});
