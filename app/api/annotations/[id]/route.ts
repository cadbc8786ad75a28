import { json, noContent, withApi } from '@/lib/api';
import { deleteAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { updateAnnotationSchema } from '@/lib/validations/annotation';
import { parseOrThrow } from '@/lib/validations/parse';

/** The body names the `version` it read; a stale one gets 409 with the current annotation. */
export const PATCH = withApi<{ id: string }>(async ({ actor, params, readJson }) => {
  const input = parseOrThrow(updateAnnotationSchema, await readJson());
  return json({ annotation: await updateAnnotation(actor, params.id, input) });
});

export const DELETE = withApi<{ id: string }>(async ({ actor, params }) => {
  await deleteAnnotation(actor, params.id);
  return noContent();
});
