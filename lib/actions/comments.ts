'use server';
import { runAction } from '@/lib/actions/run';
import {
  createComment,
  deleteComment,
  listDocumentComments,
  markDocumentRead,
  setThreadResolved,
  updateComment,
  type CommentDto,
  type DocumentComments,
  type ThreadStateDto,
} from '@/lib/data/comments';
import { toVersionedActionError, type ActionResult, type VersionedActionResult } from '@/lib/errors';
import type { CreateCommentInput, DeleteCommentInput, UpdateCommentInput } from '@/lib/validations/comment';
import { requireActor } from '@/lib/session';

// No revalidatePath: the comment thread keeps its own state from these results (use-comments.ts),
// and the corpus page's unread counts are rendered per request.

export type CommentActionResult<T> = VersionedActionResult<T, CommentDto>;

export async function createCommentAction(
  annotationId: string,
  input: CreateCommentInput,
): Promise<ActionResult<{ comment: CommentDto; created: boolean }>> {
  return runAction('createCommentAction', (actor) => createComment(actor, annotationId, input));
}

export async function updateCommentAction(commentId: string, input: UpdateCommentInput): Promise<CommentActionResult<CommentDto>> {
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await updateComment(actor, commentId, input) };
  } catch (error) {
    return toVersionedActionError<CommentDto>(error, 'updateCommentAction');
  }
}

export async function deleteCommentAction(commentId: string, input: DeleteCommentInput = {}): Promise<CommentActionResult<{ id: string; version: number }>> {
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await deleteComment(actor, commentId, input) };
  } catch (error) {
    return toVersionedActionError<CommentDto>(error, 'deleteCommentAction');
  }
}

export async function setThreadResolvedAction(annotationId: string, resolved: boolean): Promise<ActionResult<ThreadStateDto>> {
  return runAction('setThreadResolvedAction', (actor) => setThreadResolved(actor, annotationId, resolved));
}

export async function markDocumentReadAction(documentId: string): Promise<ActionResult<{ documentId: string; readAt: string }>> {
  return runAction('markDocumentReadAction', (actor) => markDocumentRead(actor, documentId));
}

/** Every thread of a document as the actor may now see it: the workspace re-reads after a gap in the live stream. */
export async function listDocumentCommentsAction(documentId: string): Promise<ActionResult<DocumentComments>> {
  return runAction('listDocumentCommentsAction', (actor) => listDocumentComments(actor, documentId));
}
