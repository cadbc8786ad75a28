'use client';
import { EditorContent } from '@tiptap/react';
import { useRouter } from 'next/navigation';
import { newClientId } from '@/lib/ids';
import { useCallback, useMemo, useRef, useState, useEffect } from 'react';
import { listAnnotationsForViewAction, setDocumentStatusAction, updateAnnotationAction } from '@/lib/actions/annotations';
import { toEditorPosition } from '@/lib/anchoring';
import { annotationsAt, stepAnnotation } from '@/lib/editor/navigation';
import { decodeAnnotations, type CompactAnnotations } from '@/lib/annotations/compact';
import { useLiveListener } from '@/components/live/live-provider';
import { AnnotationCard } from './annotation-card';
import { AnnotationPanel, matchesFilters, type PanelFilters } from './annotation-panel';
import { TagPopover } from './tag-popover';
import { useAnnotationSync } from './use-annotation-sync';
import { useDocumentEditor } from './use-document-editor';
import { useComments } from './use-comments';
import { useHighlightWindow } from './use-highlight-window';
import { WorkspaceSidePanel } from './workspace-side-panel';
import { WorkspaceToast, type Toast } from './workspace-toast';
import { WorkspaceToolbar } from './workspace-toolbar';
import type { ViewAnnotation, DocumentProgress, WorkspaceProps } from './types';

type Popover =
  | { kind: 'tag'; start: number; end: number; anchor: DOMRect }
  /** `at`: the offset the card opened at (a click, a tap, the caret, a passage's start), where it sits and where the caret returns. */
  | { kind: 'card'; ids: string[]; at: number; initialId?: string; returnFocus?: HTMLElement | null }
  | null;

/**
 * The annotation workspace: the document in a Tiptap editor whose text cannot change, highlights
 * for every visible layer, tagging by popover or shortcut key, an editing card, a side panel, and
 * undo. Writes, their retries, the offline queue and live changes are the sync engine's
 * (lib/editor/annotation-sync.ts, through useAnnotationSync); this component binds it to the page.
 */
export function AnnotationWorkspace(props: WorkspaceProps) {
  const { document: doc, categories, attributes, me, canAnnotate } = props;
  const router = useRouter();
  const categoryById = useMemo(() => new Map(categories.map((c) => [c.id, c])), [categories]);
  const [initial] = useState(() => decodeAnnotations(props.annotations, doc.text, categoryById));
  const [toast, setToast] = useState<Toast>(null);
  const [status, setStatus] = useState<DocumentProgress>(props.status);
  const { engine, state } = useAnnotationSync({
    documentId: doc.id,
    text: doc.text,
    initial,
    userId: me.id,
    categoryById,
    notify: setToast,
    // The server marks a document in progress on the first annotation; show the same.
    onCreated: () => setStatus((s) => (s === 'NOT_STARTED' ? 'IN_PROGRESS' : s)),
  });
  const annotations = state.annotations;
  // Layers to offer: the user's own, and every annotator with annotations in their own layer.
  const [annotators, setAnnotators] = useState(() => {
    const m = new Map<string, string>([[me.id, me.name]]);
    for (const a of initial) if (a.layer === 'ANNOTATOR' && !m.has(a.annotatorId)) m.set(a.annotatorId, a.annotatorName);
    return [...m].map(([id, name]) => ({ id, name }));
  });
  const [shownLayers, setShownLayers] = useState<Set<string>>(() =>
    props.initialLayers === 'all' ? new Set([...annotators.map((u) => u.id), 'consensus']) : new Set([me.id]),
  );
  const [filters, setFilters] = useState<PanelFilters>({ categoryId: '', annotatorId: '', attribute: '' });
  const [popover, setPopover] = useState<Popover>(null);
  const [focusId, setFocusId] = useState<string>();
  const [tab, setTab] = useState('annotations');
  const comments = useComments(props.comments);

  const layerOf = useCallback((a: ViewAnnotation) => (a.layer === 'CONSENSUS' ? 'consensus' : a.annotatorId), []);
  const all = useMemo(() => [...annotations.values()].sort((a, b) => a.start - b.start || b.end - a.end), [annotations]);
  const placed = useMemo(() => all.filter((a) => !a.orphaned), [all]);
  const orphans = useMemo(() => all.filter((a) => a.orphaned), [all]);
  const inLayers = useMemo(() => placed.filter((a) => shownLayers.has(layerOf(a))), [placed, shownLayers, layerOf]);
  const drawn = useMemo(() => inLayers.filter((a) => matchesFilters(a, filters)), [inLayers, filters]);

  // ── The user's changes ──────────────────────────────────────────────────────────────────────
  const pendingTagMark = useRef<string>(undefined);
  const createTag = useCallback(
    async (start: number, end: number, categoryId: string) => {
      const category = categoryById.get(categoryId);
      if (!category || end <= start) return;
      const id = newClientId();
      pendingTagMark.current = id;
      performance.mark('parallax:tag-start', { detail: { id } });
      const annotation: ViewAnnotation = {
        id, start, end, quote: doc.text.slice(start, end), categoryId, categoryName: category.name, categoryPath: category.path, color: category.color,
        annotatorId: me.id, annotatorName: me.name, layer: 'ANNOTATOR', note: '', attributes: {}, version: 1, orphaned: false,
      };
      await engine.create(annotation, start, end);
    },
    [categoryById, doc.text, me.id, me.name, engine],
  );
  const remove = (id: string) => {
    closeCard();
    void engine.remove(id);
  };
  const undo = useCallback(() => void engine.undo(), [engine]);

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
  const decode = (compact: CompactAnnotations) => decodeAnnotations(compact, doc.text, categoryById);
  useLiveListener({
    annotations: ({ changed, removed }) => addAnnotators(engine.applyLive(decode(changed), removed)),
    comments: (changes) => comments?.applyChanges(changes),
    resync: () => {
      // After a gap in the stream: everything as the server has it now, except what is still being sent.
      void listAnnotationsForViewAction(doc.id)
        .then((result) => {
          if (!result.ok) return;
          const fresh = decode(result.data);
          addAnnotators(fresh);
          engine.resync(fresh);
        })
        .catch(() => undefined);
      void comments?.resync();
    },
  });

  const openCard = (ids: string[], at: number, initialId?: string, returnFocus?: HTMLElement | null) => {
    if (ids.length > 0) setPopover({ kind: 'card', ids, at, initialId, returnFocus });
  };
  const { editor, selectionRange, collapseAfter, placeCaret, rangeBox } = useDocumentEditor({
    doc,
    categories,
    canAnnotate,
    onHighlightClick: (ids, at) => openCard(ids, at),
    onOpenAt: (offset) => {
      const here = annotationsAt(drawn, offset);
      // After Alt+↓ to a passage, Enter opens that one among those here.
      const stepped = here.find((a) => a.id === focusId);
      openCard(
        here.map((a) => a.id),
        offset,
        stepped?.id,
      );
      return here.length > 0;
    },
    onStep: (offset, direction, sameCategory) => {
      const current = focusId ? annotationsAt(drawn, offset).find((a) => a.id === focusId) : undefined;
      const categoryId = sameCategory ? (current?.categoryId ?? (filters.categoryId || annotationsAt(drawn, offset)[0]?.categoryId)) : undefined;
      const next = stepAnnotation(drawn, { offset, currentId: current?.id }, direction, categoryId);
      if (!next) {
        setAnnouncement(`No ${direction === 1 ? 'next' : 'previous'} annotation${categoryId ? ` of ${categoryById.get(categoryId)?.name ?? 'this category'}` : ''}.`);
        return;
      }
      if (editor) placeCaret(editor.view, next.start);
      flash(next);
      const list = categoryId ? drawn.filter((a) => a.categoryId === categoryId) : drawn;
      setAnnouncement(`Annotation ${list.indexOf(next) + 1} of ${list.length}: ${next.categoryName}, “${next.quote.slice(0, 80)}”. Enter opens it.`);
    },
    onTagRequest: (range, anchor) => setPopover({ kind: 'tag', ...range, anchor }),
    onSelectionCleared: () => setPopover((p) => (p?.kind === 'tag' ? null : p)),
    onShortcut: (range, categoryId) => {
      void createTag(range.start, range.end, categoryId);
      setPopover(null);
    },
    onEscape: () => setPopover(null),
    onUndo: undo,
  });
  const [announcement, setAnnouncement] = useState('');
  // The card's place, asked again as the page scrolls: the caret box where it opened.
  const cardAt = popover?.kind === 'card' ? popover.at : null;
  const cardAnchor = useMemo(() => (cardAt === null ? null : () => rangeBox(cardAt, cardAt)), [cardAt, rangeBox]);
  /** Closes the card and gives the focus back: to the row it was opened from, or to the text where it opened. */
  const closeCard = () => {
    if (popover?.kind !== 'card') return;
    const back = popover.returnFocus;
    setPopover(null);
    setFocusId(undefined);
    if (back?.isConnected) back.focus();
    else if (editor) placeCaret(editor.view, popover.at);
  };

  // Ctrl/Cmd+Z anywhere outside a text field undoes the last annotation change.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, .ProseMirror')) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  const { drawnCount, reveal } = useHighlightWindow({ editor, text: doc.text, blocks: doc.blocks, drawn, focusId, meId: me.id, pendingTagMark });

  const flash = (a: ViewAnnotation) => {
    setFocusId(a.id);
    if (!shownLayers.has(layerOf(a))) setShownLayers((s) => new Set(s).add(layerOf(a)));
    // Bring the passage into the decorated window first, then scroll to it once it is drawn.
    reveal(a.start, a.end);
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
    reveal(at, at);
    requestAnimationFrame(() => editor.view.domAtPos(toEditorPosition(doc.blocks, at)).node.parentElement?.scrollIntoView({ block: 'center' }));
  }, [editor, props.initialOffset, doc.text.length, doc.blocks]);

  const reattach = (orphan: ViewAnnotation) => {
    const range = editor ? selectionRange(editor.view) : null;
    if (!range) return setToast({ message: 'Select the passage in the text first, then press “Attach to selection”.', tone: 'info' });
    void (async () => {
      const result = await engine.send(orphan.id, () =>
        updateAnnotationAction(orphan.id, { version: orphan.version, start: range.start, end: range.end, quote: doc.text.slice(range.start, range.end) }),
      );
      if (result.ok) engine.put(result.data);
      else setToast({ message: `Not attached: ${result.error.message}`, tone: 'error' });
    })();
  };

  const changeStatus = async (next: DocumentProgress) => {
    const before = status;
    setStatus(next);
    const result = await engine.send(null, () => setDocumentStatusAction(doc.id, next));
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
  const layers = [
    ...annotators.filter((u) => u.id === me.id || props.othersVisible).map((u) => ({ id: u.id, label: u.id === me.id ? 'Mine' : u.name, count: countIn(u.id) })),
    {
      id: 'consensus', label: 'Consensus', count: consensusCount, disabled: consensusCount === 0,
      title: consensusCount === 0 ? 'No consensus layer yet: a curator builds it from the annotators’ layers.' : undefined,
    },
  ];
  const toggleLayer = (id: string, on: boolean) =>
    setShownLayers((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const dismissToast = useCallback(() => setToast(null), []);

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0">
        <WorkspaceToolbar
          layers={layers}
          shown={shownLayers}
          onToggle={toggleLayer}
          blindNote={!props.othersVisible && props.blindCoding}
          pending={state.pending}
          offline={state.offline}
          status={canAnnotate ? status : null}
          onStatus={(next) => void changeStatus(next)}
        />
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
      <WorkspaceSidePanel tabs={[{ id: 'annotations', label: 'Annotations' }, ...(props.extraTabs ?? [])]} tab={tab} onTab={setTab} canUndo={state.undoDepth > 0} onUndo={undo}>
        <AnnotationPanel
          annotations={inLayers}
          categories={categories}
          attributes={attributes}
          annotators={annotators.filter((u) => shownLayers.has(u.id))}
          filters={filters}
          onFilters={setFilters}
          selectedId={focusId}
          onSelect={(a) => flash(a)}
          onOpen={(a, row) => {
            flash(a);
            const here = annotationsAt(drawn, a.start).filter((x) => x.id !== a.id);
            openCard([a.id, ...here.map((x) => x.id)], a.start, a.id, row);
          }}
          orphans={orphans}
          onReattach={reattach}
          meId={me.id}
          comments={comments}
        />
        {canAnnotate ? (
          <p className="mt-3 border-t border-stone-100 pt-2 text-[11px] leading-relaxed text-stone-500">
            Select text (mouse, or Shift+arrows; hold Alt for exact characters), then press a category key or Enter. Click a highlight, or press Enter in it, to open it;
            <kbd className="font-mono"> Alt+↓</kbd>/<kbd className="font-mono">Alt+↑</kbd> step through passages (with Shift, of one category). <kbd className="font-mono">Ctrl+Z</kbd> undoes.
          </p>
        ) : null}
      </WorkspaceSidePanel>

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
      {popover?.kind === 'card' && cardAnchor && cardAnnotations.length > 0 ? (
        <AnnotationCard
          key={`${popover.at}:${popover.ids.join(' ')}`}
          annotations={cardAnnotations}
          anchor={cardAnchor}
          initialId={popover.initialId}
          meId={me.id}
          canAnnotate={canAnnotate}
          categories={categories}
          attributes={attributes}
          onSave={(id, change) => void engine.edit(id, change)}
          onDelete={remove}
          onClose={closeCard}
          onFocusChange={setFocusId}
          comments={comments}
        />
      ) : null}
      <p className="sr-only" aria-live="polite" data-testid="workspace-announcement">
        {announcement}
      </p>
      <WorkspaceToast toast={toast} onDismiss={dismissToast} onUndo={undo} />
    </div>
  );
}
