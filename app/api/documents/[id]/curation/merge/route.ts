import { json, withApi } from '@/lib/api';
import { applyMergeRule } from '@/lib/data/curation';
import { applyMergeSchema } from '@/lib/validations/agreement';
import { parseOrThrow } from '@/lib/validations/parse';

/** { "rule": "all" | "majority" | "any", "annotators"?: [ids] } */
export const POST = withApi<{ id: string }>(async ({ actor, params, readJson }) => {
  return json(await applyMergeRule(actor, params.id, parseOrThrow(applyMergeSchema, await readJson())));
});
