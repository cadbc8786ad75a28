'use client';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { useRouter } from 'next/navigation';
import { newClientId } from '@/lib/ids';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  createAnnotationAction,
  deleteAnnotationAction,
  listAnnotationsForViewAction,
  restoreAnnotationAction,
  setDocumentStatusAction,
  updateAnnotationAction,
} from '@/lib/actions/annotations';
import { splitRangeByBlocks, toCanonicalOffset, toCanonicalRange, toEditorPosition } from '@/lib/anchoring';
import { createHighlightExtension, setHighlights, type HighlightCallbacks, type SegmentDecoration } from '@/lib/editor/highlight-plugin';
import { segmentStyle, type HighlightLook } from '@/lib/editor/highlight-style';
import { computeSegments } from '@/lib/editor/segments';
import { toTiptapDoc } from '@/lib/editor/to-tiptap';
import { AnnotationCard } from './annotation-card';
import { AnnotationPanel, matchesFilters, type PanelFilters } from './annotation-panel';
import { TagPopover } from './tag-popover';
import { decodeAnnotations, type CompactAnnotations } from '@/lib/annotations/compact';
import { plural } from '@/lib/activity/summaries';
import {
  carriesChange,
  parsePendingWrites,
  pendingStorageKey,
  writesStillToSend,
  type NewPendingWrite,
  type PendingFields,
  type PendingWrite,
} from '@/lib/editor/pending-writes';
import { LiveBadge, useLiveListener } from '@/components/live/live-provider';
import { useComments } from './use-comments';
import type { ViewAnnotation, AnnotationFields, DocumentProgress, UndoEntry, WorkspaceProps } from './types';

type Popover =
  | { kind: 'tag'; start: number; end: number; anchor: DOMRect }
  | { kind: 'card'; ids: string[]; anchor: DOMRect; initialId?: string }
  | null;

type Toast = { message: string; tone: 'info' | 'error'; undo?: boolean } | null;

/** Selections often catch a neighbouring space; an annotation starts and ends on text. */
function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * A mouse selection that starts or ends inside a word is widened to the whole word, as analysts
 * mean words, not letters (INCEpTION calls this snapping to tokens). Keyboard selections stay exact.
 */
function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  const word = /[\p{L}\p{N}'’-]/u;
  while (start > 0 && word.test(text[start - 1]!) && word.test(text[start]!)) start--;
  while (end < text.length && word.test(text[end]!) && word.test(text[end - 1]!)) end++;
  return { start, end };
}

function fieldsOf(a: ViewAnnotation): AnnotationFields {
  return { categoryId: a.categoryId, note: a.note, attributes: a.attributes };
}

/**
 * Waits before retrying a write the server did not answer: `ms`, or less if the browser reports
 * the network is back.
 */
function waitToRetry(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
  });
}

const progressOptions: { value: DocumentProgress; label: string }[] = [
  { value: 'NOT_STARTED', label: 'Not started' },
  { value: 'IN_PROGRESS', label: 'In progress' },
  { value: 'FINISHED', label: 'Finished' },
];

/**
 * The annotation workspace: the document in a Tiptap editor whose text cannot change, highlights
 * for every visible layer, tagging by popover or shortcut key, an editing card, a side panel, and
 * undo. Writes are optimistic: the highlight appears at once and the server's answer replaces it.
 */
export function AnnotationWorkspace(props: WorkspaceProps) {
  const { document: doc, categories, attributes, me, canAnnotate } = props;
  const router = useRouter();
  const categoryById = useMemo(() => new Map(categories.map((c) => [c.id, c])), [categories]);
  const [annotations, setAnnotations] = useState(
    () => new Map(decodeAnnotations(props.annotations, doc.text, categoryById).map((a) => [a.id, a])),
  );
  // Layers to offer: the user's own, and every annotator with annotations in their own layer.
  const [annotators, setAnnotators] = useState(() => {
    const m = new Map<string, string>([[me.id, me.name]]);
    for (const a of annotations.values()) if (a.layer === 'ANNOTATOR' && !m.has(a.annotatorId)) m.set(a.annotatorId, a.annotatorName);
    return [...m].map(([id, name]) => ({ id, name }));
  });
  const [shownLayers, setShownLayers] = useState<Set<string>>(() =>
    props.initialLayers === 'all' ? new Set([...annotators.map((u) => u.id), 'consensus']) : new Set([me.id]),
  );
  const [filters, setFilters] = useState<PanelFilters>({ categoryId: '', annotatorId: '', attribute: '' });
  const [popover, setPopover] = useState<Popover>(null);
  const [focusId, setFocusId] = useState<string>();
  const [undoStack, setUndoStack] = useState<UndoEntry[]>([]);
  const [toast, setToast] = useState<Toast>(null);
  const [pending, setPending] = useState(0);
  // True while writes fail to reach the server (network down, server restarting): they stay queued
  // and are retried until answered, so nothing is lost; the header shows "Offline — N pending".
  const [offline, setOffline] = useState(false);
  const [status, setStatus] = useState<DocumentProgress>(props.status);
  const [tab, setTab] = useState('annotations');
  const comments = useComments(props.comments);

  const layerOf = useCallback((a: ViewAnnotation) => (a.layer === 'CONSENSUS' ? 'consensus' : a.annotatorId), []);
  const all = useMemo(() => [...annotations.values()].sort((a, b) => a.start - b.start || b.end - a.end), [annotations]);
  const placed = useMemo(() => all.filter((a) => !a.orphaned), [all]);
  const orphans = useMemo(() => all.filter((a) => a.orphaned), [all]);
  const inLayers = useMemo(() => placed.filter((a) => shownLayers.has(layerOf(a))), [placed, shownLayers, layerOf]);
  const drawn = useMemo(() => inLayers.filter((a) => matchesFilters(a, filters)), [inLayers, filters]);

  // ── Writes ──────────────────────────────────────────────────────────────────────────────────
  // The latest version the server confirmed for each annotation, updated at once (state only on the
  // next render), and one queue of writes per annotation: two quick edits of one annotation (a
  // category, then a note) must go one after the other, the second naming the version the first
  // produced, or the second would be refused as stale.
  const versions = useRef(new Map<string, number>());
  const writeQueues = useRef(new Map<string, Promise<unknown>>());
  // Annotations with writes not yet answered: live changes and re-reads leave them alone, since
  // the user's own newer state is on its way.
  const inflight = useRef(new Map<string, number>());
  // Unanswered writes are also kept in localStorage until answered (lib/editor/pending-writes.ts),
  // so that a tab closed while the server cannot be reached loses none of them.
  const storageKey = pendingStorageKey(me.id, doc.id);
  const persist = useCallback(
    (update: (list: PendingWrite[]) => PendingWrite[]) => {
      try {
        const next = update(parsePendingWrites(localStorage.getItem(storageKey)));
        if (next.length > 0) localStorage.setItem(storageKey, JSON.stringify(next));
        else localStorage.removeItem(storageKey);
      } catch {
        // Storage full or turned off: the write is still sent; only closing the tab would lose it.
      }
    },
    [storageKey],
  );
  /**
   * Sends a write in its annotation's queue. A call that throws got no answer (the connection or
   * the server is down), and one answered UNAVAILABLE reached a server whose database is down: it
   * is retried, with backoff up to 3 s, until the server answers. Creates
   * are idempotent by id, so a retry of a create that did arrive returns the stored annotation.
   * `description` is the write as data, for localStorage; the rare writes without one (a
   * document's status, re-attaching an orphan) are retried only while the page is open.
   */
  const write = useCallback(<T,>(id: string | null, call: () => Promise<T>, description?: NewPendingWrite): Promise<T> => {
    setPending((n) => n + 1);
    if (id) inflight.current.set(id, (inflight.current.get(id) ?? 0) + 1);
    const key = newClientId();
    if (description) persist((list) => [...list, { ...description, key }]);
    const attempt = async (): Promise<T> => {
      for (let delay = 400; ; delay = Math.min(delay * 2, 3000)) {
        try {
          const result = await call();
          // The server answered but its database did not (an outage): as good as no answer, so
          // the write stays queued and is sent again.
          if ((result as { ok?: boolean; error?: { code?: string } } | null)?.ok === false && (result as { error?: { code?: string } }).error?.code === 'UNAVAILABLE') {
            setOffline(true);
            await waitToRetry(delay);
            continue;
          }
          setOffline(false);
          return result;
        } catch (error) {
          console.warn('[parallax] a write got no answer; retrying', error);
          setOffline(true);
          await waitToRetry(delay);
        }
      }
    };
    const previous = (id && writeQueues.current.get(id)) || Promise.resolve();
    const next = previous.then(attempt, attempt).finally(() => {
      setPending((n) => n - 1);
      if (description) persist((list) => list.filter((w) => w.key !== key));
      if (id) {
        const left = (inflight.current.get(id) ?? 1) - 1;
        if (left > 0) inflight.current.set(id, left);
        else inflight.current.delete(id);
      }
    });
    if (id) writeQueues.current.set(id, next);
    return next;
  }, [persist]);
  /** Shows an optimistic state (the version is not the server's yet). */
  const show = (a: ViewAnnotation) => setAnnotations((m) => new Map(m).set(a.id, a));
  /** Stores what the server confirmed. */
  const put = (a: ViewAnnotation) => {
    versions.current.set(a.id, a.version);
    show(a);
  };
  const drop = (id: string) =>
    setAnnotations((m) => {
      const next = new Map(m);
      next.delete(id);
      return next;
    });
  const pendingTagMark = useRef<string>(undefined);
  const annotationsRef = useRef(annotations);
  annotationsRef.current = annotations;

  // Each send* sends one write and shows the server's answer. The user's actions further down show
  // their change at once and record it for undo first; writes left from an earlier visit (see the
  // replay below) are only sent.
  const sendCreate = useCallback(
    async (id: string, start: number, end: number, categoryId: string) => {
      const quote = doc.text.slice(start, end);
      const result = await write(id, () => createAnnotationAction(doc.id, { id, start, end, quote, categoryId }), { kind: 'create', id, start, end, categoryId });
      if (result.ok) {
        put(result.data.annotation);
        // The server marks a document in progress on the first annotation; show the same.
        setStatus((s) => (s === 'NOT_STARTED' ? 'IN_PROGRESS' : s));
      } else {
        drop(id);
        setToast({ message: `Not saved: ${result.error.message}`, tone: 'error' });
      }
    },
    [doc.id, doc.text, write],
  );

  /** `before`: the annotation to show again if the edit is refused without a current state. */
  const sendUpdate = useCallback(
    async (id: string, change: PendingFields, before?: ViewAnnotation) => {
      // Read when the write's turn comes, so that it names the version the previous write produced.
      const version = () => versions.current.get(id) ?? annotationsRef.current.get(id)?.version ?? before?.version ?? 1;
      const result = await write(id, () => updateAnnotationAction(id, { version: version(), ...change }), { kind: 'update', id, change });
      if (result.ok) put(result.data);
      // A retried edit whose first try did arrive comes back stale, carrying this very change.
      else if (result.error.current && carriesChange(result.error.current, change)) put(result.error.current);
      else if (result.error.current) {
        put(result.error.current);
        setToast({ message: `${result.error.message} The current version is shown.`, tone: 'error' });
      } else {
        if (before) put(before);
        setToast({ message: `Not saved: ${result.error.message}`, tone: 'error' });
      }
    },
    [write],
  );

  const sendDelete = useCallback(
    async (id: string, before?: ViewAnnotation) => {
      drop(id);
      const result = await write(id, () => deleteAnnotationAction(id), { kind: 'delete', id });
      // NOT_FOUND: already deleted (a retried delete whose first try arrived, or someone else).
      if (!result.ok && result.error.code !== 'NOT_FOUND') {
        if (before) put(before);
        setToast({ message: `Not deleted: ${result.error.message}`, tone: 'error' });
      }
    },
    [write],
  );

  const sendRestore = useCallback(
    async (id: string): Promise<boolean> => {
      const result = await write(id, () => restoreAnnotationAction(id), { kind: 'restore', id });
      if (result.ok) put(result.data);
      else setToast({ message: `Could not restore: ${result.error.message}`, tone: 'error' });
      return result.ok;
    },
    [write],
  );

  const createTag = useCallback(
    async (start: number, end: number, categoryId: string) => {
      const category = categoryById.get(categoryId);
      if (!category || end <= start) return;
      const id = newClientId();
      pendingTagMark.current = id;
      performance.mark('parallax:tag-start', { detail: { id } });
      put({
        id, start, end, quote: doc.text.slice(start, end), categoryId, categoryName: category.name, categoryPath: category.path, color: category.color,
        annotatorId: me.id, annotatorName: me.name, layer: 'ANNOTATOR', note: '', attributes: {}, version: 1, orphaned: false,
      });
      setUndoStack((s) => [...s, { kind: 'create', id, label: `tag “${category.name}”` }]);
      await sendCreate(id, start, end, categoryId);
    },
    [categoryById, doc.text, me.id, me.name, sendCreate],
  );

  const saveFields = useCallback(
    async (id: string, change: Partial<AnnotationFields>, recordUndo = true) => {
      const current = annotationsRef.current.get(id);
      if (!current) return;
      const category = change.categoryId ? categoryById.get(change.categoryId) : undefined;
      show({
        ...current,
        ...change,
        ...(category ? { categoryName: category.name, categoryPath: category.path, color: category.color } : {}),
      });
      if (recordUndo) setUndoStack((s) => [...s, { kind: 'update', id, before: fieldsOf(current), label: 'edit' }]);
      await sendUpdate(id, change, current);
    },
    [categoryById, sendUpdate],
  );

  const remove = useCallback(
    async (id: string, recordUndo = true) => {
      const current = annotationsRef.current.get(id);
      if (!current) return;
      setPopover(null);
      if (recordUndo) {
        setUndoStack((s) => [...s, { kind: 'delete', id, label: `“${current.categoryName}”` }]);
        setToast({ message: `Deleted “${current.categoryName}”.`, tone: 'info', undo: true });
      }
      await sendDelete(id, current);
    },
    [sendDelete],
  );

  const undo = useCallback(async () => {
    const entry = undoStack[undoStack.length - 1];
    if (!entry) return setToast({ message: 'Nothing to undo.', tone: 'info' });
    setUndoStack((s) => s.slice(0, -1));
    if (entry.kind === 'create') {
      await remove(entry.id, false);
      setToast({ message: `Undid ${entry.label}.`, tone: 'info' });
    } else if (entry.kind === 'update') {
      await saveFields(entry.id, entry.before, false);
      setToast({ message: 'Undid the edit.', tone: 'info' });
    } else if (await sendRestore(entry.id)) setToast({ message: `Restored ${entry.label}.`, tone: 'info' });
  }, [undoStack, remove, saveFields, sendRestore]);

  // Writes left unanswered the last time this document was open here (the tab was closed while the
  // server could not be reached) are sent now, in their order, except those that had arrived after all.
  const replayed = useRef(false);
  useEffect(() => {
    if (replayed.current) return;
    replayed.current = true;
    let left: PendingWrite[];
    try {
      left = parsePendingWrites(localStorage.getItem(storageKey));
    } catch {
      return;
    }
    if (left.length === 0) return;
    const toSend = writesStillToSend(left, new Map([...annotationsRef.current.values()].map((a) => [a.id, fieldsOf(a)])));
    // Taken off the list (each is stored again while it is sent); another tab's writes stay.
    persist((list) => list.filter((w) => !left.some((l) => l.key === w.key)));
    if (toSend.length === 0) return;
    void (async () => {
      for (const w of toSend) {
        if (w.kind === 'create') await sendCreate(w.id, w.start, w.end, w.categoryId);
        else if (w.kind === 'update') await sendUpdate(w.id, w.change);
        else if (w.kind === 'delete') await sendDelete(w.id);
        else await sendRestore(w.id);
      }
      setToast({ message: `Saved ${plural(toSend.length, 'change')} left unsent when this document was last open here.`, tone: 'info' });
    })();
  }, [storageKey, persist, sendCreate, sendUpdate, sendDelete, sendRestore]);

  // ── Live changes by others ──────────────────────────────────────────────────────────────────
  const addAnnotators = (list: readonly ViewAnnotation[]) => {
    const fresh = list.filter((a) => a.layer === 'ANNOTATOR').map((a) => ({ id: a.annotatorId, name: a.annotatorName }));
    setAnnotators((known) => {
      const add = fresh.filter((u, i) => !known.some((k) => k.id === u.id) && fresh.findIndex((f) => f.id === u.id) === i);
      if (add.length === 0) return known;
      // Someone new started annotating: show their layer if the user asked to see every layer.
      if (props.initialLayers === 'all') setShownLayers((s) => new Set([...s, ...add.map((u) => u.id)]));
      return [...known, ...add];
    });
  };
  const applyChanged = (changed: CompactAnnotations, removed: readonly string[]) => {
    const incoming = decodeAnnotations(changed, doc.text, categoryById).filter(
      (a) => !inflight.current.has(a.id) && a.version > (versions.current.get(a.id) ?? 0),
    );
    const gone = removed.filter((id) => !inflight.current.has(id));
    if (incoming.length === 0 && gone.length === 0) return;
    for (const a of incoming) versions.current.set(a.id, a.version);
    addAnnotators(incoming);
    setAnnotations((m) => {
      const next = new Map(m);
      for (const a of incoming) next.set(a.id, a);
      for (const id of gone) next.delete(id);
      return next;
    });
  };
  /** After a gap in the stream: everything as the server has it now, except what is still being sent. */
  const resync = async () => {
    const result = await listAnnotationsForViewAction(doc.id).catch(() => null);
    if (!result?.ok) return;
    const fresh = decodeAnnotations(result.data, doc.text, categoryById);
    addAnnotators(fresh);
    setAnnotations((m) => {
      const next = new Map<string, ViewAnnotation>();
      for (const a of fresh) if (!inflight.current.has(a.id)) next.set(a.id, a);
      for (const [id, a] of m) if (inflight.current.has(id)) next.set(id, a);
      for (const a of next.values()) if (!inflight.current.has(a.id)) versions.current.set(a.id, a.version);
      return next;
    });
  };
  useLiveListener({
    annotations: ({ changed, removed }) => applyChanged(changed, removed),
    comments: (changes) => comments?.applyChanges(changes),
    resync: () => {
      void resync();
      void comments?.resync();
    },
  });

  // Leaving the page with unsent changes would lose them: ask first.
  useEffect(() => {
    if (pending === 0) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [pending]);

  // ── Editor ──────────────────────────────────────────────────────────────────────────────────
  const selectionRange = useCallback(
    (view: EditorView) => {
      const { from, to, empty } = view.state.selection;
      if (empty) return null;
      const { start, end } = toCanonicalRange(doc.blocks, { from, to });
      const trimmed = trimRange(doc.text, start, end);
      return trimmed.end > trimmed.start ? trimmed : null;
    },
    [doc.blocks, doc.text],
  );
  const anchorFor = (view: EditorView, start: number, end: number): DOMRect => {
    const a = view.coordsAtPos(toEditorPosition(doc.blocks, start, 'start'));
    const b = view.coordsAtPos(toEditorPosition(doc.blocks, end, 'end'));
    return new DOMRect(Math.min(a.left, b.left), Math.min(a.top, b.top), Math.abs(b.right - a.left), Math.max(a.bottom, b.bottom) - Math.min(a.top, b.top));
  };

  /** After tagging, the caret goes just past the passage, so the next Shift+arrow starts afresh. */
  const collapseAfter = (view: EditorView, end: number) => {
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, toEditorPosition(doc.blocks, end, 'end'))));
    view.focus();
  };

  const callbacks = useRef<HighlightCallbacks>(null as unknown as HighlightCallbacks);
  callbacks.current = {
    onHighlightClick: (ids, anchor) => setPopover({ kind: 'card', ids, anchor }),
    onSelectionSettled: (view, source) => {
      const range = selectionRange(view);
      if (!range) {
        setPopover((p) => (p?.kind === 'tag' ? null : p));
        return;
      }
      if (source === 'mouse' && canAnnotate) {
        const snapped = snapToWords(doc.text, range.start, range.end);
        setPopover({ kind: 'tag', ...snapped, anchor: anchorFor(view, snapped.start, snapped.end) });
      }
    },
    onKey: (event, view) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        void undo();
        return true;
      }
      if (event.key === 'Escape') {
        setPopover(null);
        return false;
      }
      if (!canAnnotate || event.ctrlKey || event.metaKey || event.altKey) return false;
      const range = selectionRange(view);
      if (!range) return false;
      if (event.key === 'Enter') {
        setPopover({ kind: 'tag', ...range, anchor: anchorFor(view, range.start, range.end) });
        return true;
      }
      const category = categories.find((c) => c.shortcut && c.shortcut === event.key.toLowerCase());
      if (category) {
        void createTag(range.start, range.end, category.id);
        collapseAfter(view, range.end);
        setPopover(null);
        return true;
      }
      return false;
    },
  };

  const extensions = useMemo(
    () => [
      StarterKit.configure({ heading: { levels: [2, 3] }, undoRedo: false, trailingNode: false, dropcursor: false, gapcursor: false }),
      createHighlightExtension(() => callbacks.current),
    ],
    [],
  );
  const content = useMemo(() => toTiptapDoc(doc.text, doc.blocks), [doc.text, doc.blocks]);
  const editor = useEditor({
    extensions,
    content,
    editable: true,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        'aria-label': canAnnotate ? 'Document text: select a passage, then press a category key or Enter' : 'Document text',
        'aria-readonly': 'true',
        role: 'textbox',
        'aria-multiline': 'true',
        spellcheck: 'false',
      },
    },
  });

  // Draw highlights: segments of the visible annotations, mapped to editor positions.
  // Only the part of the text near the viewport carries decorations (as Recogito draws only what is
  // in view): a long document with thousands of highlights then renders and updates in time
  // proportional to a screenful. The window follows scrolling, and covers everything for printing.
  const [textWindow, setTextWindow] = useState({ start: 0, end: 12_000 });
  const windowMargin = 8_000;
  useEffect(() => {
    if (!editor) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const view = editor.view;
      const rect = view.dom.getBoundingClientRect();
      const x = rect.left + 8;
      const top = view.posAtCoords({ left: x, top: Math.max(rect.top, 0) + 2 })?.pos ?? 0;
      const bottom = view.posAtCoords({ left: x, top: Math.min(rect.bottom, window.innerHeight) - 2 })?.pos ?? view.state.doc.content.size;
      const start = toCanonicalOffset(doc.blocks, top, 'start');
      const end = toCanonicalOffset(doc.blocks, bottom, 'end');
      setTextWindow((w) =>
        // Hysteresis: move the window only when the viewport nears its edge, not on every frame.
        start - w.start < windowMargin / 4 && w.start > 0 || w.end - end < windowMargin / 4 && w.end < doc.text.length
          ? { start: Math.max(0, start - windowMargin), end: end + windowMargin }
          : w,
      );
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    const onPrint = () => setTextWindow({ start: 0, end: doc.text.length });
    measure();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    window.addEventListener('beforeprint', onPrint);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      window.removeEventListener('beforeprint', onPrint);
    };
  }, [editor, doc.blocks, doc.text.length]);

  // Segments are computed for the window only: the annotations overlapping it (a linear scan),
  // cut at its edges. Tagging one passage therefore costs the same in a page or a book.
  const segments = useMemo<SegmentDecoration[]>(() => {
    const { start: ws, end: we } = textWindow;
    const inWindow = drawn.filter((a) => a.end > ws && a.start < we);
    const byId = new Map(inWindow.map((a) => [a.id, a]));
    const out: SegmentDecoration[] = [];
    for (const seg of computeSegments(inWindow)) {
      const start = Math.max(seg.start, ws);
      const end = Math.min(seg.end, we);
      if (end <= start) continue;
      const looks: HighlightLook[] = seg.ids.map((id) => {
        const a = byId.get(id)!;
        return { color: a.color, kind: a.layer === 'CONSENSUS' ? 'consensus' : a.annotatorId === me.id ? 'mine' : 'other' };
      });
      const { style, className } = segmentStyle(looks, focusId !== undefined && seg.ids.includes(focusId));
      for (const piece of splitRangeByBlocks(doc.blocks, { start, end })) out.push({ from: piece.from, to: piece.to, ids: seg.ids, style, className });
    }
    return out;
  }, [drawn, textWindow, focusId, me.id, doc.blocks]);
  const [drawnCount, setDrawnCount] = useState(-1);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    setHighlights(editor.view, segments);
    setDrawnCount(drawn.length);
    // Marks for `npm run bench`: when the text first became interactive, and when a new tag showed.
    if (performance.getEntriesByName('parallax:ready').length === 0) performance.mark('parallax:ready', { detail: { annotations: drawn.length } });
    const pendingTag = pendingTagMark.current;
    if (pendingTag && drawn.some((a) => a.id === pendingTag)) {
      pendingTagMark.current = undefined;
      performance.mark('parallax:tag-drawn', { detail: { id: pendingTag } });
    }
  }, [editor, segments, drawn]);

  // Ctrl/Cmd+Z anywhere outside a text field undoes the last annotation change.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, .ProseMirror')) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        void undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), toast.undo ? 8000 : 5000);
    return () => clearTimeout(t);
  }, [toast]);

  const flash = (a: ViewAnnotation) => {
    setFocusId(a.id);
    if (!shownLayers.has(layerOf(a))) setShownLayers((s) => new Set(s).add(layerOf(a)));
    // Bring the passage into the decorated window first, then scroll to it once it is drawn.
    setTextWindow((w) => (a.start >= w.start && a.end <= w.end ? w : { start: Math.max(0, a.start - windowMargin), end: a.end + windowMargin }));
    const view = editor?.view;
    if (!view) return;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const els = [...view.dom.querySelectorAll<HTMLElement>('[data-ids]')].filter((el) => el.dataset.ids?.split(' ').includes(a.id));
        const first = els[0];
        if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
        else view.domAtPos(toEditorPosition(doc.blocks, a.start)).node.parentElement?.scrollIntoView({ block: 'center' });
        for (const el of els) {
          el.classList.remove('ann-flash');
          void el.offsetWidth;
          el.classList.add('ann-flash');
        }
      }),
    );
  };

  // ?at=<offset> (from the disagreement explorer): open with that passage in view.
  const jumped = useRef(false);
  useEffect(() => {
    const offset = props.initialOffset;
    if (jumped.current || offset === undefined || !editor) return;
    jumped.current = true;
    const at = Math.min(Math.max(0, offset), doc.text.length);
    setTextWindow((w) => (at >= w.start && at <= w.end ? w : { start: Math.max(0, at - windowMargin), end: at + windowMargin }));
    requestAnimationFrame(() => editor.view.domAtPos(toEditorPosition(doc.blocks, at)).node.parentElement?.scrollIntoView({ block: 'center' }));
  }, [editor, props.initialOffset, doc.text.length, doc.blocks]);

  const reattach = (orphan: ViewAnnotation) => {
    const range = editor ? selectionRange(editor.view) : null;
    if (!range) return setToast({ message: 'Select the passage in the text first, then press “Attach to selection”.', tone: 'info' });
    void (async () => {
      const result = await write(orphan.id, () =>
        updateAnnotationAction(orphan.id, { version: orphan.version, start: range.start, end: range.end, quote: doc.text.slice(range.start, range.end) }),
      );
      if (result.ok) put(result.data);
      else setToast({ message: `Not attached: ${result.error.message}`, tone: 'error' });
    })();
  };

  const changeStatus = async (next: DocumentProgress) => {
    const before = status;
    setStatus(next);
    const result = await write(null, () => setDocumentStatusAction(doc.id, next));
    if (!result.ok) {
      setStatus(before);
      return setToast({ message: `Status not saved: ${result.error.message}`, tone: 'error' });
    }
    // Finishing can open other annotators' layers under blind coding: reload what may be seen.
    if (props.blindCoding && (next === 'FINISHED' || before === 'FINISHED')) router.refresh();
  };

  const cardAnnotations = popover?.kind === 'card' ? popover.ids.map((id) => annotations.get(id)).filter((a): a is ViewAnnotation => !!a) : [];
  const countIn = (layer: string) => placed.filter((a) => layerOf(a) === layer).length;
  const consensusCount = countIn('consensus');

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0">
        <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white px-4 py-2.5 shadow-sm ring-1 ring-stone-200">
          <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <legend className="sr-only">Layers</legend>
            <span className="text-xs font-semibold uppercase tracking-wide text-stone-500">Layers</span>
            {annotators
              .filter((u) => u.id === me.id || props.othersVisible)
              .map((u) => (
                <label key={u.id} className="flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    className="h-4 w-4 rounded border-stone-300 accent-accent-600"
                    checked={shownLayers.has(u.id)}
                    onChange={(e) => setShownLayers((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(u.id);
                      else next.delete(u.id);
                      return next;
                    })}
                  />
                  {u.id === me.id ? 'Mine' : u.name}
                  <span className="text-xs tabular-nums text-stone-500">{countIn(u.id)}</span>
                </label>
              ))}
            <label className={`flex items-center gap-1.5 ${consensusCount === 0 ? 'text-stone-500' : ''}`} title={consensusCount === 0 ? 'No consensus layer yet: a curator builds it from the annotators’ layers.' : undefined}>
              <input
                type="checkbox"
                className="h-4 w-4 rounded border-stone-300 accent-accent-600"
                disabled={consensusCount === 0}
                checked={shownLayers.has('consensus')}
                onChange={(e) => setShownLayers((s) => {
                  const next = new Set(s);
                  if (e.target.checked) next.add('consensus');
                  else next.delete('consensus');
                  return next;
                })}
              />
              Consensus
              <span className="text-xs tabular-nums text-stone-500">{consensusCount}</span>
            </label>
            {!props.othersVisible && props.blindCoding ? (
              <span className="text-xs text-amber-700">Blind coding: other layers appear when you mark this document finished.</span>
            ) : null}
          </fieldset>
          <div className="flex items-center gap-3">
            <LiveBadge />
            <span
              className={`text-xs ${offline ? 'rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900' : 'text-stone-500'}`}
              aria-live="polite"
              data-testid="save-state"
              title={offline ? 'The server cannot be reached. Your changes are kept here and sent when it is back.' : undefined}
            >
              {offline && pending > 0 ? `Offline — ${pending} pending` : pending > 0 ? 'Saving…' : 'All changes saved'}
            </span>
            {canAnnotate ? (
              <div role="radiogroup" aria-label="Your progress on this document" className="flex rounded-lg bg-stone-100 p-0.5 text-xs">
                {progressOptions.map((o) => (
                  <button
                    key={o.value}
                    role="radio"
                    aria-checked={status === o.value}
                    onClick={() => void changeStatus(o.value)}
                    className={`rounded-md px-2.5 py-1 font-medium ${status === o.value ? 'bg-white text-stone-900 shadow-sm' : 'text-stone-600 hover:text-stone-900'}`}
                  >
                    {o.label}
                  </button>
                ))}
              </div>
            ) : null}
          </div>
        </div>
        {offline && pending > 0 ? (
          // Stays in view while the reader scrolls (the header's own mark scrolls away with it).
          <div
            role="status"
            data-testid="offline-banner"
            className="no-print fixed bottom-4 left-4 z-40 max-w-sm rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 shadow-lg ring-1 ring-amber-300"
          >
            <p className="font-medium">The server or its database is not answering.</p>
            <p className="mt-0.5 text-amber-900">
              {pending === 1 ? '1 change is' : `${pending} changes are`} kept in this browser and will be sent when it answers again. Keep annotating.
            </p>
          </div>
        ) : null}
        <div className="reader" data-testid="document-reader" data-ready={editor ? 'true' : 'false'} data-highlighted={drawnCount}>
          {editor ? (
            <EditorContent editor={editor} />
          ) : (
            <div role="article" aria-label="Document text">
              {doc.blocks.map((b, i) =>
                b.type === 'heading' ? <h2 key={i}>{doc.text.slice(b.start, b.end)}</h2> : <p key={i}>{doc.text.slice(b.start, b.end)}</p>,
              )}
            </div>
          )}
        </div>
      </div>
      <aside className="no-print lg:sticky lg:top-20 lg:h-[calc(100vh-6rem)] lg:self-start" aria-label="Annotations">
        <div className="flex h-full flex-col rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <div className="mb-3 flex items-center justify-between gap-2">
            <div role="tablist" aria-label="Side panel" className="flex gap-1">
              {[{ id: 'annotations', label: 'Annotations' }, ...(props.extraTabs ?? [])].map((t) => (
                <button
                  key={t.id}
                  role="tab"
                  aria-selected={tab === t.id}
                  onClick={() => setTab(t.id)}
                  className={`rounded-md px-2.5 py-1 text-sm font-medium ${tab === t.id ? 'bg-stone-100 text-stone-900' : 'text-stone-500 hover:text-stone-800'}`}
                >
                  {t.label}
                </button>
              ))}
            </div>
            <button
              onClick={() => void undo()}
              disabled={undoStack.length === 0}
              className="whitespace-nowrap rounded-md px-2 py-1 text-xs font-medium text-stone-600 hover:bg-stone-100 disabled:text-stone-300"
              title="Undo (Ctrl+Z)"
            >
              ↶ Undo
            </button>
          </div>
          {tab === 'annotations' ? (
            <>
              <AnnotationPanel
                annotations={inLayers}
                categories={categories}
                attributes={attributes}
                annotators={annotators.filter((u) => shownLayers.has(u.id))}
                filters={filters}
                onFilters={setFilters}
                selectedId={focusId}
                onSelect={(a) => flash(a)}
                orphans={orphans}
                onReattach={reattach}
                meId={me.id}
                comments={comments}
              />
              {canAnnotate ? (
                <p className="mt-3 border-t border-stone-100 pt-2 text-[11px] leading-relaxed text-stone-500">
                  Select text (mouse, or Shift+arrows), then press a category key or Enter. Click a highlight to edit it. <kbd className="font-mono">Ctrl+Z</kbd> undoes.
                </p>
              ) : null}
            </>
          ) : (
            <div className="min-h-0 flex-1 overflow-y-auto" role="tabpanel">
              {props.extraTabs?.find((t) => t.id === tab)?.content}
            </div>
          )}
        </div>
      </aside>

      {popover?.kind === 'tag' ? (
        <TagPopover
          categories={categories}
          anchor={popover.anchor}
          quote={doc.text.slice(popover.start, popover.end)}
          onClose={() => {
            setPopover(null);
            editor?.view.focus();
          }}
          onPick={(categoryId) => {
            void createTag(popover.start, popover.end, categoryId);
            setPopover(null);
            if (editor) collapseAfter(editor.view, popover.end);
          }}
        />
      ) : null}
      {popover?.kind === 'card' && cardAnnotations.length > 0 ? (
        <AnnotationCard
          annotations={cardAnnotations}
          anchor={popover.anchor}
          initialId={popover.initialId}
          meId={me.id}
          canAnnotate={canAnnotate}
          categories={categories}
          attributes={attributes}
          onSave={(id, change) => void saveFields(id, change)}
          onDelete={(id) => void remove(id)}
          onClose={() => {
            setPopover(null);
            setFocusId(undefined);
          }}
          onFocusChange={setFocusId}
          comments={comments}
        />
      ) : null}
      {toast ? (
        <div role="status" className={`fixed bottom-6 left-1/2 z-50 flex -translate-x-1/2 items-center gap-4 rounded-lg px-4 py-2.5 text-sm shadow-lg ${toast.tone === 'error' ? 'bg-red-700 text-white' : 'bg-stone-900 text-white'}`}>
          <span>{toast.message}</span>
          {toast.undo ? (
            <button onClick={() => void undo()} className="font-semibold text-amber-300 hover:text-amber-200">
              Undo
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
