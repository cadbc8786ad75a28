import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db';
import { isUuid } from '@/lib/ids';
import { AppError, ConflictError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { canComment, canModerateComments } from '@/lib/permissions';
import {
  createCommentSchema,
  deleteCommentSchema,
  updateCommentSchema,
  type CreateCommentInput,
  type DeleteCommentInput,
  type UpdateCommentInput,
} from '@/lib/validations/comment';
import { parseOrThrow } from '@/lib/validations/parse';
import { accessOr, requireDocumentAccess, requireProjectAccess, requireUserId, type ProjectAccess, requireWritable } from './access';
import type { Actor } from './actor';
import { visibleAnnotationsWhere } from './visibility';

// Comments on annotations. Who may read a comment is exactly who may read its annotation: every
// query below filters comments with `annotation: visibleAnnotationsWhere(...)`, the one blind-coding
// rule, so a thread can never show what the annotation itself would not. Anything the actor may
// not see — another project, a blind layer, a deleted comment — is NOT_FOUND, never FORBIDDEN.

/** One comment as pages, client components and the REST API see it: plain and serializable. */
export type CommentDto = {
  id: string;
  annotationId: string;
  documentId: string;
  author: { id: string; name: string };
  body: string;
  /** User ids of the members @mentioned in the body. */
  mentions: string[];
  version: number;
  createdAt: string;
  /** When the author last edited it; null if never. */
  editedAt: string | null;
};

/** The state of an annotation's thread; annotations without a row are open. */
export type ThreadStateDto = {
  annotationId: string;
  resolvedAt: string | null;
  resolvedBy: { id: string; name: string } | null;
};

export type DocumentComments = {
  comments: CommentDto[];
  /** Only threads that have a state row (resolved, or resolved once and reopened). */
  threads: ThreadStateDto[];
  /** When the actor last marked the document's comments read; null if never. */
  readAt: string | null;
};

/** Per document with unread comments: how many, and how many of those mention the actor. */
export type UnreadCounts = Record<string, { unread: number; mentions: number }>;

const annotationNotFound = () => new AppError('NOT_FOUND', 'No such annotation is visible to you.');
const commentNotFound = () => new AppError('NOT_FOUND', 'No such comment is visible to you.');

const cannotComment = () => new AppError('FORBIDDEN', 'Viewers can read comments but not write them; ask an owner for the annotator role.');

const commentSelect = {
  id: true,
  annotationId: true,
  documentId: true,
  body: true,
  mentions: true,
  version: true,
  createdAt: true,
  editedAt: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.CommentSelect;

type CommentRow = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;

function toDto(row: CommentRow): CommentDto {
  return {
    id: row.id,
    annotationId: row.annotationId,
    documentId: row.documentId,
    author: row.author,
    body: row.body,
    mentions: row.mentions,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
  };
}

/** Comments the actor may read: not deleted, on an annotation the blind-coding rule lets them see. */
function visibleCommentsWhere(actor: Actor, access: ProjectAccess): Prisma.CommentWhereInput {
  return { projectId: access.project.id, deletedAt: null, annotation: visibleAnnotationsWhere(actor, access) };
}

/**
 * An annotation the actor may see, with their access to its project; NOT_FOUND otherwise (missing,
 * deleted, another project, or hidden by blind coding: one answer for all).
 */
async function requireVisibleAnnotation(actor: Actor, annotationId: string) {
  if (!isUuid(annotationId)) throw annotationNotFound();
  const db = getDb();
  const row = await db.annotation.findUnique({ where: { id: annotationId }, select: { id: true, projectId: true, documentId: true } });
  if (!row) throw annotationNotFound();
  const access = await accessOr(requireProjectAccess(actor, { id: row.projectId }), annotationNotFound);
  const visible = await db.annotation.count({ where: { AND: [visibleAnnotationsWhere(actor, access), { id: row.id }] } });
  if (visible === 0) throw annotationNotFound();
  return { annotation: row, access };
}

/** The same, for an annotation the actor is about to comment on or whose thread they change. */
async function requireCommentableAnnotation(actor: Actor, annotationId: string) {
  const found = await requireVisibleAnnotation(actor, annotationId);
  if (actor.kind === 'user' && !canComment(found.access.role)) throw cannotComment();
  return found;
}

/**
 * A visible comment with the actor's access, or NOT_FOUND. Access is checked on the comment's own
 * project first, then the comment is read through the visibility filter, so a comment on a blind
 * layer answers exactly like one that does not exist.
 */
async function requireVisibleComment(actor: Actor, commentId: string) {
  if (!isUuid(commentId)) throw commentNotFound();
  const db = getDb();
  const meta = await db.comment.findUnique({ where: { id: commentId }, select: { projectId: true } });
  if (!meta) throw commentNotFound();
  const access = await accessOr(requireProjectAccess(actor, { id: meta.projectId }), commentNotFound);
  const row = await db.comment.findFirst({
    where: { AND: [visibleCommentsWhere(actor, access), { id: commentId }] },
    select: { ...commentSelect, projectId: true },
  });
  if (!row) throw commentNotFound();
  return { row, access };
}

/** Every mentioned id must be a member of the project; INVALID naming the ones that are not. */
async function checkMentions(projectId: string, mentions: string[]): Promise<void> {
  if (mentions.length === 0) return;
  const members = await getDb().membership.findMany({ where: { projectId, userId: { in: mentions } }, select: { userId: true } });
  const known = new Set(members.map((m) => m.userId));
  const strangers = mentions.filter((id) => !known.has(id));
  if (strangers.length > 0) {
    throw new AppError(
      'INVALID',
      `mentions: ${strangers.join(', ')} ${strangers.length === 1 ? 'is not a member' : 'are not members'} of this project; only members can be mentioned.`,
    );
  }
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** A unique-key violation, however the driver adapter reports it. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return error.code === 'P2002' || (error.code === 'P2010' && /23505|duplicate key/.test(JSON.stringify(error.meta ?? {}) + error.message));
}

// ─── Reading ────────────────────────────────────────────────────────────────────────────────

async function readThreads(where: Prisma.CommentThreadWhereInput): Promise<ThreadStateDto[]> {
  const db = getDb();
  const rows = await db.commentThread.findMany({ where, select: { annotationId: true, resolvedAt: true, resolvedById: true } });
  // CommentThread has no relation to User (a resolver may leave the project; the state stays), so
  // names are looked up in a second query, and only when some thread is resolved.
  const resolverIds = [...new Set(rows.flatMap((r) => (r.resolvedById ? [r.resolvedById] : [])))];
  const users = resolverIds.length > 0 ? await db.user.findMany({ where: { id: { in: resolverIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    annotationId: r.annotationId,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolvedBy: r.resolvedAt && r.resolvedById ? { id: r.resolvedById, name: nameOf.get(r.resolvedById) ?? '' } : null,
  }));
}

/**
 * Every comment of a document the actor may read, oldest first, with the thread states and the
 * actor's read mark. A fixed number of queries, in parallel, whatever the number of threads.
 */
export async function listDocumentComments(actor: Actor, documentId: string): Promise<DocumentComments> {
  const { access } = await requireDocumentAccess(actor, documentId);
  const db = getDb();
  const [rows, threads, read] = await Promise.all([
    db.comment.findMany({
      where: { AND: [visibleCommentsWhere(actor, access), { documentId }] },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: commentSelect,
    }),
    readThreads({ documentId, annotation: visibleAnnotationsWhere(actor, access) }),
    actor.kind === 'user'
      ? db.commentRead.findUnique({ where: { userId_documentId: { userId: actor.userId, documentId } }, select: { readAt: true } })
      : null,
  ]);
  return { comments: rows.map(toDto), threads, readAt: read?.readAt.toISOString() ?? null };
}

/** One annotation's thread: its comments, oldest first, and its state. */
export async function listAnnotationComments(actor: Actor, annotationId: string): Promise<{ comments: CommentDto[]; thread: ThreadStateDto }> {
  const { access } = await requireVisibleAnnotation(actor, annotationId);
  const [rows, [thread]] = await Promise.all([
    getDb().comment.findMany({
      where: { AND: [visibleCommentsWhere(actor, access), { annotationId }] },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: commentSelect,
    }),
    readThreads({ annotationId }),
  ]);
  return { comments: rows.map(toDto), thread: thread ?? { annotationId, resolvedAt: null, resolvedBy: null } };
}

/** One comment, for live updates: NOT_FOUND when it is deleted or the actor may not see it. */
export async function getComment(actor: Actor, commentId: string): Promise<CommentDto> {
  const { row } = await requireVisibleComment(actor, commentId);
  const { projectId: _projectId, ...dto } = row;
  return toDto(dto);
}

/** One annotation's thread state (open when it has no row), for live updates. */
export async function getThreadState(actor: Actor, annotationId: string): Promise<ThreadStateDto> {
  await requireVisibleAnnotation(actor, annotationId);
  const [thread] = await readThreads({ annotationId });
  return thread ?? { annotationId, resolvedAt: null, resolvedBy: null };
}

/**
 * For each document of the project with unread comments: the visible, undeleted comments by other
 * people written after the actor last read that document (all of them if never), and how many of
 * those mention the actor. Documents with nothing unread are left out.
 *
 * Two round trips: the actor's read marks (one small row per document opened), then both counts
 * in parallel, each one grouped query whose WHERE is built from visibleAnnotationsWhere — the blind
 * rule is reused as is rather than restated in SQL.
 */
export async function unreadCounts(actor: Actor, project: { slug: string } | { id: string }): Promise<UnreadCounts> {
  const access = await requireProjectAccess(actor, project);
  const userId = requireUserId(actor);
  const db = getDb();
  const reads = await db.commentRead.findMany({ where: { projectId: access.project.id, userId }, select: { documentId: true, readAt: true } });
  const since: Prisma.CommentWhereInput = {
    OR: [
      { documentId: { notIn: reads.map((r) => r.documentId) } },
      ...reads.map((r) => ({ documentId: r.documentId, createdAt: { gt: r.readAt } })),
    ],
  };
  const where: Prisma.CommentWhereInput = { AND: [visibleCommentsWhere(actor, access), { authorId: { not: userId } }, since] };
  const [unread, mentioning] = await Promise.all([
    db.comment.groupBy({ by: ['documentId'], where, _count: { _all: true } }),
    db.comment.groupBy({ by: ['documentId'], where: { AND: [where, { mentions: { has: userId } }] }, _count: { _all: true } }),
  ]);
  const mentionsBy = new Map(mentioning.map((m) => [m.documentId, m._count._all]));
  return Object.fromEntries(unread.map((u) => [u.documentId, { unread: u._count._all, mentions: mentionsBy.get(u.documentId) ?? 0 }]));
}

// ─── Writing ────────────────────────────────────────────────────────────────────────────────

/**
 * Adds a comment to an annotation's thread. With a client-chosen id the call is idempotent:
 * repeating it with the same body and mentions returns the stored comment with `created: false`;
 * the same id with anything else is CONFLICT. A reply to a resolved thread reopens it, in the
 * same transaction, as in Google Docs: a new question means the discussion is not over.
 */
export async function createComment(
  actor: Actor,
  annotationId: string,
  input: CreateCommentInput,
): Promise<{ comment: CommentDto; created: boolean }> {
  // Input problems are reported only after the access checks, so an outsider learns nothing from them.
  const { annotation, access } = await requireCommentableAnnotation(actor, annotationId);
  requireWritable(access);
  const userId = requireUserId(actor);
  const data = parseOrThrow(createCommentSchema, input);
  const db = getDb();
  const [existing] = await Promise.all([
    data.id ? db.comment.findUnique({ where: { id: data.id }, select: { ...commentSelect, authorId: true, deletedAt: true } }) : null,
    checkMentions(access.project.id, data.mentions),
  ]);

  const answerRepeat = (id: string, row: typeof existing) => {
    if (!row) return null;
    // Someone else's comment id, or one on another annotation: nothing about it is told.
    if (row.authorId !== userId || row.annotationId !== annotation.id) {
      throw new AppError('INVALID', `id ${id} cannot be used for this comment; choose another (or leave id out to let the server choose one).`);
    }
    const same =
      row.authorId === userId && row.annotationId === annotation.id && row.deletedAt === null &&
      row.body === data.body && sameSet(row.mentions, data.mentions);
    if (!same) {
      throw new AppError('CONFLICT', `a comment with id ${id} already exists with different content; edit it instead, or post this one with a new id.`);
    }
    const { authorId: _a, deletedAt: _d, ...dto } = row;
    return { comment: toDto(dto), created: false };
  };
  if (data.id) {
    const repeat = answerRepeat(data.id, existing);
    if (repeat) return repeat;
  }

  const id = data.id ?? randomUUID();
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.comment.create({
        data: {
          id,
          projectId: access.project.id,
          documentId: annotation.documentId,
          annotationId: annotation.id,
          authorId: userId,
          body: data.body,
          mentions: data.mentions,
        },
        select: commentSelect,
      });
      await tx.commentThread.updateMany({
        where: { annotationId: annotation.id, resolvedAt: { not: null } },
        data: { resolvedAt: null, resolvedById: null },
      });
      return created;
    });
    return { comment: toDto(row), created: true };
  } catch (error) {
    // Two retries of one post racing: the loser answers as a repeat.
    if (data.id && isUniqueViolation(error)) {
      const repeat = answerRepeat(data.id, await db.comment.findUnique({ where: { id: data.id }, select: { ...commentSelect, authorId: true, deletedAt: true } }));
      if (repeat) return repeat;
    }
    throw error;
  }
}

/**
 * Edits the actor's own comment. `version` is the version the client read: the update applies
 * only while the row still has it, so of two concurrent edits one wins and the other gets
 * CONFLICT carrying the comment as it now is.
 */
export async function updateComment(actor: Actor, commentId: string, input: UpdateCommentInput): Promise<CommentDto> {
  const { row, access } = await requireVisibleComment(actor, commentId);
  requireWritable(access);
  const userId = requireUserId(actor);
  if (row.author.id !== userId) throw new AppError('FORBIDDEN', 'Only the author of a comment can edit it.');
  if (!canComment(access.role)) throw cannotComment();
  const data = parseOrThrow(updateCommentSchema, input);
  await checkMentions(access.project.id, data.mentions);
  const db = getDb();
  const stale = async () => {
    const current = await db.comment.findFirst({ where: { id: row.id, deletedAt: null }, select: commentSelect });
    if (!current) return commentNotFound();
    return new ConflictError(`this comment was changed since you read it (your version ${data.version}, current ${current.version}).`, toDto(current));
  };
  if (data.version !== row.version) throw await stale();
  const { count } = await db.comment.updateMany({
    where: { id: row.id, version: data.version, deletedAt: null },
    data: { body: data.body, mentions: data.mentions, editedAt: new Date(), version: { increment: 1 } },
  });
  if (count === 0) throw await stale();
  const updated = await db.comment.findUniqueOrThrow({ where: { id: row.id }, select: commentSelect });
  return toDto(updated);
}

/**
 * Deletes a comment: its author, or an owner or curator moderating the discussion. Soft, so the
 * live stream can tell other viewers it went; deleted comments are never listed again.
 */
export async function deleteComment(actor: Actor, commentId: string, input: DeleteCommentInput = {}): Promise<{ id: string; version: number }> {
  const { row, access } = await requireVisibleComment(actor, commentId);
  requireWritable(access);
  const data = parseOrThrow(deleteCommentSchema, input);
  const isAuthor = actor.kind === 'user' && row.author.id === actor.userId && canComment(access.role);
  if (actor.kind === 'user' && !isAuthor && !canModerateComments(access.role)) {
    throw new AppError('FORBIDDEN', 'Only the author of a comment, or an owner or curator, can delete it.');
  }
  if (data.version !== undefined && data.version !== row.version) {
    const { projectId: _p, ...dto } = row;
    throw new ConflictError(`this comment was changed since you read it (your version ${data.version}, current ${row.version}).`, toDto(dto));
  }
  const { count } = await getDb().comment.updateMany({
    where: { id: row.id, deletedAt: null, ...(data.version !== undefined ? { version: data.version } : {}) },
    data: { deletedAt: new Date(), version: { increment: 1 } },
  });
  if (count === 0) {
    // Deleted, or edited, in between: a fresh read says which.
    const { row: current } = await requireVisibleComment(actor, commentId);
    const { projectId: _p, ...dto } = current;
    throw new ConflictError(`this comment was changed since you read it (your version ${data.version ?? row.version}, current ${current.version}).`, toDto(dto));
  }
  return { id: row.id, version: row.version + 1 };
}

/** Resolves or reopens an annotation's thread: anyone who may comment on the annotation. */
export async function setThreadResolved(actor: Actor, annotationId: string, resolved: boolean): Promise<ThreadStateDto> {
  const { annotation, access } = await requireCommentableAnnotation(actor, annotationId);
  requireWritable(access);
  requireWritable(access);
  const userId = requireUserId(actor);
  const state = resolved ? { resolvedAt: new Date(), resolvedById: userId } : { resolvedAt: null, resolvedById: null };
  await getDb().commentThread.upsert({
    where: { annotationId: annotation.id },
    create: { annotationId: annotation.id, projectId: access.project.id, documentId: annotation.documentId, ...state },
    update: state,
  });
  const [thread] = await readThreads({ annotationId: annotation.id });
  return thread ?? { annotationId, resolvedAt: null, resolvedBy: null };
}

/** Marks every comment of the document read for the actor, as of now. */
export async function markDocumentRead(actor: Actor, documentId: string): Promise<{ documentId: string; readAt: string }> {
  const { access } = await requireDocumentAccess(actor, documentId);
  const userId = requireUserId(actor);
  const readAt = new Date();
  await getDb().commentRead.upsert({
    where: { userId_documentId: { userId, documentId } },
    create: { userId, documentId, projectId: access.project.id, readAt },
    update: { readAt },
  });
  return { documentId, readAt: readAt.toISOString() };
}

/** What changed in a document's threads, as one viewer may see it (the live stream). */
export type CommentChanges = { comments: CommentDto[]; removed: string[]; threads: ThreadStateDto[] };

/**
 * Of the given comments and threads of a document, what the actor may see now: the comments (or
 * that they were deleted) on annotations the actor may read, and those annotations' thread states.
 * Anything on an annotation hidden from the actor is left out, ids included.
 */
export async function listCommentChanges(
  actor: Actor,
  documentId: string,
  changed: { commentIds: readonly string[]; threadAnnotationIds: readonly string[] },
): Promise<CommentChanges> {
  const { access } = await requireDocumentAccess(actor, documentId);
  const commentIds = changed.commentIds.filter(isUuid);
  const annotationIds = changed.threadAnnotationIds.filter(isUuid);
  const { deletedAt: _live, ...onVisibleAnnotations } = visibleCommentsWhere(actor, access);
  const db = getDb();
  const [rows, threads] = await Promise.all([
    commentIds.length > 0
      ? db.comment.findMany({ where: { AND: [onVisibleAnnotations, { documentId, id: { in: commentIds } }] }, select: { ...commentSelect, deletedAt: true } })
      : [],
    annotationIds.length > 0 ? readThreads({ documentId, annotationId: { in: annotationIds }, annotation: visibleAnnotationsWhere(actor, access) }) : [],
  ]);
  return {
    comments: rows.filter((r) => r.deletedAt === null).map(({ deletedAt: _d, ...r }) => toDto(r)),
    removed: rows.filter((r) => r.deletedAt !== null).map((r) => r.id),
    threads,
  };
}
