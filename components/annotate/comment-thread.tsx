'use client';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { activeMentionQuery, filterPeople, insertMention, mentionsInBody, splitMentions, type Person } from '@/lib/comments/mentions';
import { relativeTime } from '@/lib/comments/time';
import { maxCommentLength } from '@/lib/validations/comment';
import type { CommentsApi, CommentView } from './use-comments';

const fieldClass =
  'block w-full resize-y rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-inset ring-stone-300 placeholder:text-stone-400 focus:ring-2 focus:ring-accent-500 focus:outline-none';
const linkButton = 'rounded px-1 py-0.5 text-xs font-medium text-stone-500 hover:bg-stone-100 hover:text-stone-800';

/** Re-renders once a minute so "just now" becomes "1 min ago" while the thread is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/**
 * A textarea with @mention completion: typing "@" and letters lists matching members; Enter, Tab
 * or a click inserts "@Name" and records the member's id. Ctrl/Cmd+Enter sends; Esc closes the
 * list, then cancels (when there is something to cancel).
 */
export function CommentComposer({
  members,
  initialBody = '',
  initialMentions = [],
  submitLabel,
  placeholder,
  autoFocus,
  busy,
  onSubmit,
  onCancel,
}: {
  members: Person[];
  initialBody?: string;
  initialMentions?: string[];
  submitLabel: string;
  placeholder: string;
  autoFocus?: boolean;
  busy?: boolean;
  /** Returns whether the text was taken (then the box empties). */
  onSubmit: (body: string, mentions: string[]) => boolean | Promise<boolean>;
  onCancel?: () => void;
}) {
  const [text, setText] = useState(initialBody);
  const [picked, setPicked] = useState<Person[]>(() => members.filter((m) => initialMentions.includes(m.id)));
  const [caret, setCaret] = useState(initialBody.length);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  // Editing starts with the caret after the text, where one usually adds to it.
  useEffect(() => {
    const el = ref.current;
    if (autoFocus && el) el.setSelectionRange(el.value.length, el.value.length);
  }, [autoFocus]);

  const mention = activeMentionQuery(text, caret);
  const query = mention?.query ?? null;
  const options = useMemo(() => (query === null ? [] : filterPeople(members, query)), [members, query]);
  const open = mention !== null && options.length > 0 && dismissedAt !== mention.start;
  const tooLong = text.trim().length > maxCommentLength;
  const empty = text.trim().length === 0;

  const choose = (person: Person) => {
    if (!mention) return;
    const next = insertMention(text, mention.start, caret, person.name);
    setText(next.text);
    setPicked((p) => (p.some((x) => x.id === person.id) ? p : [...p, person]));
    setCaret(next.caret);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const submit = async () => {
    if (empty || tooLong || busy) return;
    const taken = await onSubmit(text.trim(), mentionsInBody(text, picked));
    if (taken && !onCancel) {
      setText('');
      setPicked([]);
      setCaret(0);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && mention) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
        return;
      }
      if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
        e.preventDefault();
        const person = options[Math.min(active, options.length - 1)];
        if (person) choose(person);
        return;
      }
      if (e.key === 'Escape') {
        // Closes the list only; the card stays open (it closes on Escape from the window).
        e.preventDefault();
        e.stopPropagation();
        setDismissedAt(mention.start);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
      return;
    }
    if (e.key === 'Escape' && (onCancel || !empty)) {
      // Esc cancels an edit; in the reply box it keeps the draft rather than closing the card on it.
      e.stopPropagation();
      if (onCancel) onCancel();
      else ref.current?.blur();
    }
  };

  return (
    <div className="relative">
      <textarea
        ref={ref}
        className={`${fieldClass} min-h-16`}
        value={text}
        placeholder={placeholder}
        autoFocus={autoFocus}
        aria-label={placeholder}
        role="combobox"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <ul id={listId} role="listbox" aria-label="Mention a member" className="absolute left-0 right-0 z-10 mt-1 max-h-48 overflow-y-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-stone-200">
          {options.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === Math.min(active, options.length - 1)}
              // mousedown, not click: the textarea must keep focus and its caret.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer px-2.5 py-1 ${i === Math.min(active, options.length - 1) ? 'bg-accent-50 text-accent-800' : 'text-stone-700'}`}
            >
              @{p.name}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-1.5 flex items-center justify-between gap-2">
        <span className={`text-[11px] ${tooLong ? 'text-red-700' : 'text-stone-500'}`}>
          {tooLong ? `Too long: ${text.trim().length.toLocaleString('en')} of ${maxCommentLength.toLocaleString('en')} characters.` : '@ to mention · Ctrl+Enter to send'}
        </span>
        <span className="flex gap-1">
          {onCancel ? (
            <button type="button" onClick={onCancel} className="rounded-md px-2.5 py-1 text-xs font-medium text-stone-600 hover:bg-stone-100">
              Cancel
            </button>
          ) : null}
          <button
            type="button"
            onClick={() => void submit()}
            disabled={empty || tooLong || busy}
            className="rounded-md bg-accent-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-accent-700 disabled:bg-stone-200 disabled:text-stone-500"
          >
            {submitLabel}
          </button>
        </span>
      </div>
    </div>
  );
}

/** The body with @mentions highlighted; a mention of the reader stands out more. */
function CommentBody({ comment, members, meId }: { comment: CommentView; members: Person[]; meId: string }) {
  const people = useMemo(() => members.filter((m) => comment.mentions.includes(m.id)), [members, comment.mentions]);
  const segments = useMemo(() => splitMentions(comment.body, people), [comment.body, people]);
  return (
    <p className="whitespace-pre-wrap break-words text-sm leading-snug text-stone-800">
      {segments.map((s, i) =>
        s.kind === 'text' ? (
          <span key={i}>{s.text}</span>
        ) : (
          <span
            key={i}
            data-mention={s.userId === meId ? 'me' : 'other'}
            className={`rounded px-0.5 font-medium ${s.userId === meId ? 'bg-amber-100 text-amber-900 ring-1 ring-amber-300' : 'bg-accent-50 text-accent-700'}`}
          >
            {s.text}
          </span>
        ),
      )}
    </p>
  );
}

function CommentItem({ comment, api, now }: { comment: CommentView; api: CommentsApi; now: number }) {
  const [editing, setEditing] = useState(false);
  const mine = comment.author.id === api.me.id;
  const canEdit = mine && api.canComment && comment.status === 'saved';
  const canDelete = comment.status === 'saved' && ((mine && api.canComment) || api.canModerate);
  return (
    <li className={`group py-2 ${comment.status === 'pending' ? 'opacity-60' : ''}`} aria-label={`Comment by ${comment.author.name}`}>
      <div className="flex items-baseline gap-1.5 text-xs">
        <span className="font-semibold text-stone-800">{mine ? `${comment.author.name} (you)` : comment.author.name}</span>
        <time dateTime={comment.createdAt} title={new Date(comment.createdAt).toLocaleString('en-GB')} className="text-stone-500">
          {relativeTime(comment.createdAt, now)}
        </time>
        {comment.editedAt ? <span className="text-stone-500" title={`Edited ${new Date(comment.editedAt).toLocaleString('en-GB')}`}>(edited)</span> : null}
        {comment.status === 'pending' ? <span className="text-stone-500">Sending…</span> : null}
        {!editing && (canEdit || canDelete) ? (
          <span className="ml-auto flex gap-0.5">
            {canEdit ? (
              <button type="button" className={linkButton} onClick={() => setEditing(true)} aria-label={`Edit comment by ${comment.author.name}`}>
                Edit
              </button>
            ) : null}
            {canDelete ? (
              <button type="button" className={`${linkButton} hover:text-red-700`} onClick={() => api.remove(comment.id)} aria-label={`Delete comment by ${comment.author.name}`}>
                Delete
              </button>
            ) : null}
          </span>
        ) : null}
      </div>
      <div className="mt-0.5">
        {editing ? (
          <CommentComposer
            members={api.members}
            initialBody={comment.body}
            initialMentions={comment.mentions}
            submitLabel="Save"
            placeholder="Edit your comment"
            autoFocus
            onCancel={() => setEditing(false)}
            onSubmit={async (body, mentions) => {
              const ok = await api.edit(comment.id, body, mentions);
              if (ok) setEditing(false);
              return ok;
            }}
          />
        ) : (
          <CommentBody comment={comment} members={api.members} meId={api.me.id} />
        )}
      </div>
      {comment.status === 'failed' ? (
        <p role="alert" className="mt-1 flex flex-wrap items-center gap-2 text-xs text-red-700">
          <span>Not sent: {comment.error}</span>
          <button type="button" className="font-semibold underline" onClick={() => api.retry(comment.id)}>
            Retry
          </button>
          <button type="button" className="font-semibold underline" onClick={() => api.discard(comment.id)}>
            Discard
          </button>
        </p>
      ) : null}
    </li>
  );
}

/**
 * An annotation's comment thread, inside the annotation card: the comments, a reply box with
 * @mentions, and Resolve / Reopen. Opening it counts its comments as read.
 */
export function CommentThread({ annotationId, api }: { annotationId: string; api: CommentsApi }) {
  const now = useNow();
  const comments = api.threadOf(annotationId);
  const state = api.stateOf(annotationId);
  const resolved = state.resolvedAt !== null;
  const { openThread } = api;
  useEffect(() => openThread(annotationId), [annotationId, openThread]);
  const notice = api.notice?.annotationId === annotationId ? api.notice.message : null;
  return (
    <section aria-label="Comments" className="border-t border-stone-100 pt-3" data-testid="comment-thread">
      <div className="flex items-center gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-500">
          Comments{comments.length > 0 ? <span className="ml-1 tabular-nums text-stone-500">{comments.length}</span> : null}
        </h3>
        {resolved ? (
          <span className="inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-[11px] font-medium text-emerald-700 ring-1 ring-inset ring-emerald-200">
            ✓ Resolved
          </span>
        ) : null}
        {api.canComment && (comments.length > 0 || resolved) ? (
          <button
            type="button"
            onClick={() => api.setResolved(annotationId, !resolved)}
            className="ml-auto rounded-md px-2 py-0.5 text-xs font-medium text-accent-700 ring-1 ring-inset ring-stone-200 hover:bg-accent-50"
          >
            {resolved ? 'Reopen' : 'Resolve'}
          </button>
        ) : null}
      </div>
      {resolved && state.resolvedBy ? (
        <p className="mt-0.5 text-[11px] text-stone-500">
          Resolved by {state.resolvedBy.id === api.me.id ? 'you' : state.resolvedBy.name} {state.resolvedAt ? relativeTime(state.resolvedAt, now) : ''}
        </p>
      ) : null}
      {comments.length === 0 ? (
        <p className="py-2 text-xs text-stone-500">No comments yet{api.canComment ? '. Ask a question or explain the tag; @ mentions a member.' : '.'}</p>
      ) : (
        <ol className={`divide-y divide-stone-100 ${resolved ? 'opacity-75' : ''}`}>
          {comments.map((c) => (
            <CommentItem key={c.id} comment={c} api={api} now={now} />
          ))}
        </ol>
      )}
      {notice ? (
        <p role="alert" className="my-1 rounded-md bg-red-50 px-2 py-1 text-xs text-red-800 ring-1 ring-red-200">
          {notice}
        </p>
      ) : null}
      {api.canComment ? (
        <div className="mt-2">
          <CommentComposer
            members={api.members}
            submitLabel={comments.length === 0 ? 'Comment' : 'Reply'}
            placeholder={comments.length === 0 ? 'Add a comment' : resolved ? 'Reply (reopens the thread)' : 'Reply'}
            onSubmit={(body, mentions) => {
              api.post(annotationId, body, mentions);
              return true;
            }}
          />
        </div>
      ) : null}
    </section>
  );
}
