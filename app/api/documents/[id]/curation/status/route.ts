import { z } from 'zod';
import { json, withApi } from '@/lib/api';
import { setCurationStatus } from '@/lib/data/curation';
import { curationStatusSchema } from '@/lib/validations/agreement';
import { parseOrThrow } from '@/lib/validations/parse';

const bodySchema = z.object({ status: curationStatusSchema }, { error: 'The body must be { "status": … }.' });

/** { "status": "NOT_STARTED" | "IN_PROGRESS" | "DONE" } */
export const PUT = withApi<{ id: string }>(async ({ actor, params, readJson }) => {
  const { status } = parseOrThrow(bodySchema, await readJson());
  return json(await setCurationStatus(actor, params.id, status));
});
