import { json, withApi } from '@/lib/api';
import { createComment, listAnnotationComments } from '@/lib/data/comments';
import { createCommentSchema } from '@/lib/validations/comment';
import { parseOrThrow } from '@/lib/validations/parse';

/** The annotation's thread: its comments, oldest first, and whether it is resolved. */
export const GET = withApi<{ id: string }>(async ({ actor, params }) => {
  return json(await listAnnotationComments(actor, params.id));
});

/** 201 when created; 200 when the same id and content were already stored (a retried request). */
export const POST = withApi<{ id: string }>(async ({ actor, params, readJson }) => {
  const input = parseOrThrow(createCommentSchema, await readJson());
  const { comment, created } = await createComment(actor, params.id, input);
  return json({ comment }, created ? 201 : 200);
});
