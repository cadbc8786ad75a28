import { json, noContent, withApi } from '@/lib/api';
import { deleteComment, updateComment } from '@/lib/data/comments';
import { deleteCommentSchema, updateCommentSchema } from '@/lib/validations/comment';
import { parseOrThrow } from '@/lib/validations/parse';

/** The body names the `version` it read; a stale one gets 409 with the current comment. */
export const PATCH = withApi<{ id: string }>(async ({ actor, params, readJson }) => {
  const input = parseOrThrow(updateCommentSchema, await readJson());
  return json({ comment: await updateComment(actor, params.id, input) });
});

/** No body needed; `?version=N` refuses the delete (409) if the comment changed since version N. */
export const DELETE = withApi<{ id: string }>(async ({ actor, params, url }) => {
  const raw = url.searchParams.get('version');
  const input = parseOrThrow(deleteCommentSchema, { version: raw === null ? undefined : Number(raw) });
  await deleteComment(actor, params.id, input);
  return noContent();
});
