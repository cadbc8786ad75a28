import { json, withApi } from '@/lib/api';
import { createAnnotation, listAnnotations } from '@/lib/data/annotations';
import { annotationLayerSchema, createAnnotationSchema } from '@/lib/validations/annotation';
import { parseOrThrow } from '@/lib/validations/parse';

/** ?layer=mine (default) | all | consensus; an unknown layer is INVALID (422) naming the allowed ones. */
export const GET = withApi<{ id: string }>(async ({ actor, params, url }) => {
  const layer = parseOrThrow(annotationLayerSchema, url.searchParams.get('layer') ?? 'mine');
  return json({ annotations: await listAnnotations(actor, params.id, { layer }) });
});

/** 201 when created; 200 when the same id and content were already stored (a retried request). */
export const POST = withApi<{ id: string }>(async ({ actor, params, readJson }) => {
  const input = parseOrThrow(createAnnotationSchema, await readJson());
  const { annotation, created } = await createAnnotation(actor, params.id, input);
  return json({ annotation }, created ? 201 : 200);
});
