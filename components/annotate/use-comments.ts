'use client';
import { newClientId } from '@/lib/ids';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  createCommentAction,
  deleteCommentAction,
  listDocumentCommentsAction,
  markDocumentReadAction,
  setThreadResolvedAction,
  updateCommentAction,
} from '@/lib/actions/comments';
import type { Person } from '@/lib/comments/mentions';
import type { CommentChanges, CommentDto, ThreadStateDto } from '@/lib/data/comments';

/** What the document page loads for the comment threads. */
export type CommentsInit = {
  documentId: string;
  comments: CommentDto[];
  threads: ThreadStateDto[];
  /** When the user last read the document's comments; newer comments by others show as unread. */
  readAt: string | null;
  /** The project's members, for @mentions and to name the people mentioned. */
  members: Person[];
  me: Person;
  canComment: boolean;
  /** Owners and curators may delete anyone's comment. */
  canModerate: boolean;
};

/** A comment as the thread shows it: saved, on its way, or refused (kept so it can be retried). */
export type CommentView = CommentDto & { status: 'saved' | 'pending' | 'failed'; error?: string };

export type CommentsApi = {
  me: Person;
  members: Person[];
  canComment: boolean;
  canModerate: boolean;
  /** The annotation's comments, oldest first (an empty list when it has none). */
  threadOf: (annotationId: string) => CommentView[];
  stateOf: (annotationId: string) => ThreadStateDto;
  countOf: (annotationId: string) => number;
  /** Whether the annotation has comments by others since the user last read the document. */
  hasUnread: (annotationId: string) => boolean;
  /** The last refusal to show in a thread (e.g. a stale edit), cleared by the next action. */
  notice: { annotationId: string; message: string } | null;
  /** The thread is on screen: its comments count as read. */
  openThread: (annotationId: string) => void;
  post: (annotationId: string, body: string, mentions: string[]) => void;
  retry: (commentId: string) => void;
  discard: (commentId: string) => void;
  /** Resolves true when saved, so the editor can close. */
  edit: (commentId: string, body: string, mentions: string[]) => Promise<boolean>;
  remove: (commentId: string) => void;
  setResolved: (annotationId: string, resolved: boolean) => void;
  /** Live updates: changes others made, already filtered by the server to what the user may see. */
  applyChanges: (changes: CommentChanges) => void;
  /** After a gap in the live stream: re-read every thread of the document. */
  resync: () => Promise<void>;
};

const openState = (annotationId: string): ThreadStateDto => ({ annotationId, resolvedAt: null, resolvedBy: null });
const saved = (c: CommentDto): CommentView => ({ ...c, status: 'saved' });
const byTime = (a: CommentView, b: CommentView) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * The comment threads of one document, kept on the client. Writes are optimistic: a post shows at
 * once with a client-chosen id (so a retry cannot double it) and the server's answer replaces it.
 * Returns null when the page gave no comments (the workspace then shows none).
 */
export function useComments(init: CommentsInit | undefined): CommentsApi | null {
  const [comments, setComments] = useState(() => new Map((init?.comments ?? []).map((c) => [c.id, saved(c)])));
  const [threads, setThreads] = useState(() => new Map((init?.threads ?? []).map((t) => [t.annotationId, t])));
  const [seen, setSeen] = useState<Set<string>>(() => new Set());
  const [notice, setNotice] = useState<CommentsApi['notice']>(null);
  const commentsRef = useRef(comments);
  commentsRef.current = comments;
  const threadsRef = useRef(threads);
  threadsRef.current = threads;
  const documentId = init?.documentId ?? '';
  const meId = init?.me.id ?? '';
  // Unread is judged against the read mark the page loaded with: marking the document read on the
  // server (below) clears the corpus list's count, while the dots here stay until each thread is opened.
  const lastRead = useMemo(() => (init?.readAt ? Date.parse(init.readAt) : -Infinity), []);

  const put = useCallback((c: CommentView) => setComments((m) => new Map(m).set(c.id, c)), []);
  const drop = useCallback(
    (id: string) =>
      setComments((m) => {
        if (!m.has(id)) return m;
        const next = new Map(m);
        next.delete(id);
        return next;
      }),
    [],
  );
  const putThread = useCallback((t: ThreadStateDto) => setThreads((m) => new Map(m).set(t.annotationId, t)), []);

  const byAnnotation = useMemo(() => {
    const m = new Map<string, CommentView[]>();
    for (const c of comments.values()) {
      const list = m.get(c.annotationId);
      if (list) list.push(c);
      else m.set(c.annotationId, [c]);
    }
    for (const list of m.values()) list.sort(byTime);
    return m;
  }, [comments]);
  const isUnread = useCallback((c: CommentView) => c.author.id !== meId && c.status === 'saved' && Date.parse(c.createdAt) > lastRead, [meId, lastRead]);

  // Viewing the document marks its comments read on the server (the corpus list's "new" badge),
  // once on arrival when something is unread, and again whenever a thread with news is opened.
  const markRead = useCallback(() => {
    if (documentId) void markDocumentReadAction(documentId);
  }, [documentId]);
  useEffect(() => {
    if ([...commentsRef.current.values()].some(isUnread)) markRead();
  }, [isUnread, markRead]);

  const send = useCallback(
    async (c: CommentView) => {
      put({ ...c, status: 'pending', error: undefined });
      const result = await createCommentAction(c.annotationId, { id: c.id, body: c.body, mentions: c.mentions });
      if (result.ok) put(saved(result.data.comment));
      else put({ ...c, status: 'failed', error: result.error.message });
    },
    [put],
  );

  const applyChanges = useCallback(
    (changes: CommentChanges) => {
      setComments((m) => {
        const next = new Map(m);
        for (const c of changes.comments) {
          const known = next.get(c.id);
          // Our own writes come back through the stream too: a version we hold, or one still on
          // its way from here, needs nothing.
          if (known && (known.status !== 'saved' || known.version >= c.version)) continue;
          next.set(c.id, saved(c));
        }
        for (const id of changes.removed) next.delete(id);
        return next;
      });
      for (const t of changes.threads) putThread(t);
    },
    [putThread],
  );

  const resync = useCallback(async () => {
    if (!documentId) return;
    const result = await listDocumentCommentsAction(documentId).catch(() => null);
    if (!result?.ok) return;
    setComments((m) => {
      // Unsent local comments survive; everything saved is replaced by the server's view.
      const next = new Map([...m].filter(([, c]) => c.status !== 'saved'));
      for (const c of result.data.comments) if (!next.has(c.id)) next.set(c.id, saved(c));
      return next;
    });
    setThreads(new Map(result.data.threads.map((t) => [t.annotationId, t])));
  }, [documentId]);

  const api = useMemo<CommentsApi | null>(() => {
    if (!init) return null;
    return {
      me: init.me,
      members: init.members,
      canComment: init.canComment,
      canModerate: init.canModerate,
      notice,
      threadOf: (annotationId) => byAnnotation.get(annotationId) ?? [],
      stateOf: (annotationId) => threads.get(annotationId) ?? openState(annotationId),
      countOf: (annotationId) => byAnnotation.get(annotationId)?.length ?? 0,
      hasUnread: (annotationId) => !seen.has(annotationId) && (byAnnotation.get(annotationId) ?? []).some(isUnread),
      openThread: (annotationId) => {
        if (seen.has(annotationId)) return;
        const news = (byAnnotation.get(annotationId) ?? []).some(isUnread);
        setSeen((s) => new Set(s).add(annotationId));
        if (news) markRead();
      },
      post: (annotationId, body, mentions) => {
        setNotice(null);
        const now = new Date().toISOString();
        void send({
          id: newClientId(), annotationId, documentId, author: init.me, body: body.trim(), mentions, version: 1,
          createdAt: now, editedAt: null, status: 'pending',
        });
        // The server reopens a resolved thread on a reply; show the same at once.
        const state = threads.get(annotationId);
        if (state?.resolvedAt) putThread(openState(annotationId));
      },
      retry: (commentId) => {
        const c = commentsRef.current.get(commentId);
        if (c && c.status === 'failed') void send(c);
      },
      discard: drop,
      edit: async (commentId, body, mentions) => {
        setNotice(null);
        const before = commentsRef.current.get(commentId);
        if (!before) return false;
        put({ ...before, body: body.trim(), mentions, status: 'pending' });
        const result = await updateCommentAction(commentId, { version: before.version, body, mentions });
        if (result.ok) {
          put(saved(result.data));
          return true;
        }
        put(result.error.current ? saved(result.error.current) : before);
        setNotice({
          annotationId: before.annotationId,
          message: result.error.current ? `${result.error.message} The current text is shown.` : `Not saved: ${result.error.message}`,
        });
        if (result.error.code === 'NOT_FOUND') drop(commentId);
        return false;
      },
      remove: (commentId) => {
        setNotice(null);
        const before = commentsRef.current.get(commentId);
        if (!before) return;
        drop(commentId);
        if (before.status !== 'saved') return;
        void deleteCommentAction(commentId, {}).then((result) => {
          if (result.ok || result.error.code === 'NOT_FOUND') return;
          put(before);
          setNotice({ annotationId: before.annotationId, message: `Not deleted: ${result.error.message}` });
        });
      },
      setResolved: (annotationId, resolved) => {
        setNotice(null);
        const before = threads.get(annotationId) ?? openState(annotationId);
        putThread(resolved ? { annotationId, resolvedAt: new Date().toISOString(), resolvedBy: init.me } : openState(annotationId));
        void setThreadResolvedAction(annotationId, resolved).then((result) => {
          if (result.ok) return putThread(result.data);
          putThread(before);
          setNotice({ annotationId, message: `Not ${resolved ? 'resolved' : 'reopened'}: ${result.error.message}` });
        });
      },
      applyChanges,
      resync,
    };
    // `init` is the page's first data; later changes arrive through the hook's own state.
  }, [byAnnotation, threads, seen, notice, isUnread, markRead, send, put, drop, putThread, applyChanges, resync, documentId]);
  return api;
}
