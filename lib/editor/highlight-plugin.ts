// The ProseMirror side of highlighting: a plugin that draws annotation segments as inline
// decorations, and routes clicks on them and keyboard tagging to callbacks. No React: the
// workspace component owns state and hands this plugin plain data.
//
// Two things keep it fast with 10,000 annotations: a segment's look becomes a class from a
// shared stylesheet (a few hundred distinct looks, instead of thousands of inline styles to parse),
// and a new list of segments replaces only the run that differs from the previous one, so tagging
// one passage touches a handful of decorations whatever the document's size.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

export type SegmentDecoration = {
  /** ProseMirror positions. */
  from: number;
  to: number;
  ids: string[];
  /** CSS declarations for the segment's look; equal looks share one generated class. */
  style: string;
  className: string;
};

export type HighlightCallbacks = {
  /** A click or tap on highlighted text: the annotation ids under the pointer, innermost first, and the position there. */
  onHighlightClick: (ids: string[], pos: number) => void;
  /** A key pressed in the text; return true when it was handled (e.g. a category shortcut). */
  onKey: (event: KeyboardEvent, view: EditorView) => boolean;
  /**
   * The selection settled after a pointer or keyboard selection (empty selections included):
   * 'mouse' for a mouse or touch selection, 'exact' for one made with Alt held (not snapped to words).
   */
  onSelectionSettled: (view: EditorView, source: 'mouse' | 'exact' | 'keyboard') => void;
};

type HighlightState = { set: DecorationSet; segments: readonly SegmentDecoration[]; decorations: Decoration[] };

export const highlightKey = new PluginKey<HighlightState>('parallax-highlights');

/**
 * Replaces the drawn segments; cheap to call whenever annotations, layers or filters change. An
 * unchanged list dispatches nothing: a transaction re-applies the editor's selection to the page,
 * which would swallow a Shift+arrow the user pressed a moment before (e.g. when a save returns).
 */
export function setHighlights(view: EditorView, segments: readonly SegmentDecoration[]): void {
  const current = highlightKey.getState(view.state)?.segments;
  if (current && current.length === segments.length && current.every((s, i) => sameSegment(s, segments[i]!))) return;
  // Otherwise this transaction would put the older selection back and swallow a Shift+arrow.
  syncSelection(view);
  view.dispatch(view.state.tr.setMeta(highlightKey, segments));
}

/**
 * Takes in any selection change the browser has made but ProseMirror has not read yet (it reads
 * on the asynchronous selectionchange event). Call before reading or replacing the selection in
 * response to a key: the last Shift+arrow may not have been read. `domObserver` is ProseMirror's
 * own, not exported in its types.
 */
export function syncSelection(view: EditorView): void {
  (view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush();
}

// One stylesheet for every editor on the page; class names are handed out per distinct look.
const lookClasses = new Map<string, string>();
let sheet: CSSStyleSheet | null = null;
function classForLook(style: string): string {
  let name = lookClasses.get(style);
  if (name) return name;
  name = `hl${lookClasses.size.toString(36)}`;
  lookClasses.set(style, name);
  if (!sheet) {
    const el = document.createElement('style');
    el.dataset.parallax = 'highlights';
    document.head.appendChild(el);
    sheet = el.sheet;
  }
  sheet?.insertRule(`.ProseMirror .${name}{${style}}`, sheet.cssRules.length);
  return name;
}

function toDecoration(s: SegmentDecoration): Decoration {
  return Decoration.inline(s.from, s.to, { class: `${s.className} ${classForLook(s.style)}`, 'data-ids': s.ids.join(' ') });
}

function sameSegment(a: SegmentDecoration, b: SegmentDecoration): boolean {
  return a.from === b.from && a.to === b.to && a.style === b.style && a.className === b.className && a.ids.join(' ') === b.ids.join(' ');
}

function update(state: EditorState, old: HighlightState, next: readonly SegmentDecoration[]): HighlightState {
  const prev = old.segments;
  let head = 0;
  while (head < prev.length && head < next.length && sameSegment(prev[head]!, next[head]!)) head++;
  let tail = 0;
  while (tail < prev.length - head && tail < next.length - head && sameSegment(prev[prev.length - 1 - tail]!, next[next.length - 1 - tail]!)) tail++;
  const removed = old.decorations.slice(head, prev.length - tail);
  const added = next.slice(head, next.length - tail).map(toDecoration);
  // DecorationSet.add nulls out the entries of the array it is given as it files them into child
  // nodes, so it gets a copy: `added` is kept below to remove these decorations later, and with
  // nulls in it they could never be removed (a deleted annotation stayed highlighted).
  const set = removed.length === 0 && added.length === 0 ? old.set : old.set.remove(removed).add(state.doc, [...added]);
  const decorations = [...old.decorations.slice(0, head), ...added, ...old.decorations.slice(prev.length - tail)];
  return { set, segments: next, decorations };
}

/** The document position under a pointer event, or at the start of the highlight it is on. */
function positionAt(view: EditorView, event: MouseEvent, target: HTMLElement): number {
  return view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? view.posAtDOM(target, 0);
}

export function createHighlightExtension(callbacks: () => HighlightCallbacks) {
  return Extension.create({
    name: 'parallaxHighlights',
    addProseMirrorPlugins() {
      let pointerSelecting = false;
      // Keys pressed so far: a mouse selection settles a frame after the button is released, and by
      // then the user (or a slow frame) may already be extending it with Shift+arrows. That selection
      // is the keyboard's, and opening the mouse's tag popover would take the focus from the text.
      let keysPressed = 0;
      // The touch that went down last, to tell a tap from a long press or a drag.
      let touch: { x: number; y: number; at: number } | null = null;
      let tapped = -Infinity;
      return [
        new Plugin<HighlightState>({
          key: highlightKey,
          state: {
            init: () => ({ set: DecorationSet.empty, segments: [], decorations: [] }),
            apply(tr, old, _oldState, newState) {
              const next = tr.getMeta(highlightKey) as SegmentDecoration[] | undefined;
              return next ? update(newState, old, next) : old;
            },
          },
          // A long press selects a word and its handles then move the selection, with no mouseup:
          // the selection settles once it has stopped changing for a moment.
          view: (view) => {
            let timer: ReturnType<typeof setTimeout> | undefined;
            let lastTouch = -Infinity;
            const onTouch = () => {
              lastTouch = performance.now();
            };
            const onSelectionChange = () => {
              if (performance.now() - lastTouch > 10_000 || !view.hasFocus()) return;
              clearTimeout(timer);
              timer = setTimeout(() => {
                syncSelection(view);
                if (!view.state.selection.empty) callbacks().onSelectionSettled(view, 'mouse');
              }, 500);
            };
            view.dom.addEventListener('touchstart', onTouch, { passive: true });
            document.addEventListener('selectionchange', onSelectionChange);
            return {
              destroy: () => {
                clearTimeout(timer);
                view.dom.removeEventListener('touchstart', onTouch);
                document.removeEventListener('selectionchange', onSelectionChange);
              },
            };
          },
          // The text is read-only: selections move, the document never changes. Keeping the
          // editor "editable" is what gives keyboard users a caret and Shift+arrow selection.
          filterTransaction: (tr) => !tr.docChanged,
          props: {
            decorations: (state) => highlightKey.getState(state)?.set,
            handleKeyDown: (view, event) => {
              keysPressed++;
              syncSelection(view);
              return callbacks().onKey(event, view);
            },
            handleDOMEvents: {
              mousedown: () => {
                pointerSelecting = true;
                return false;
              },
              mouseup: (view, event) => {
                if (!pointerSelecting) return false;
                pointerSelecting = false;
                // Let ProseMirror finish reading the DOM selection first.
                const keysAtRelease = keysPressed;
                const source = event.altKey ? 'exact' : 'mouse';
                requestAnimationFrame(() => {
                  if (keysPressed === keysAtRelease) callbacks().onSelectionSettled(view, source);
                });
                return false;
              },
              keyup: (view, event) => {
                if (event.shiftKey || event.key.startsWith('Arrow')) callbacks().onSelectionSettled(view, 'keyboard');
                return false;
              },
              pointerdown: (_view, event) => {
                touch = event.pointerType === 'touch' ? { x: event.clientX, y: event.clientY, at: event.timeStamp } : null;
                return false;
              },
              // A tap on a highlight opens it. A touch browser may fire no click on text it is
              // about to place a caret in, so the tap is read from the pointer itself: short and
              // still (a long press is the start of a selection, read from selectionchange).
              pointerup: (view, event) => {
                const start = touch;
                touch = null;
                if (!start || event.pointerType !== 'touch') return false;
                if (event.timeStamp - start.at > 450 || Math.hypot(event.clientX - start.x, event.clientY - start.y) > 10) return false;
                const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-ids]');
                const ids = target?.dataset.ids?.split(' ').filter(Boolean);
                if (!target || !ids || ids.length === 0) return false;
                tapped = event.timeStamp;
                event.preventDefault();
                callbacks().onHighlightClick(ids, positionAt(view, event, target));
                return true;
              },
              click: (view, event) => {
                if (!view.state.selection.empty) return false;
                // The tap already opened it.
                if (event.timeStamp - tapped < 800) return true;
                const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-ids]');
                const ids = target?.dataset.ids?.split(' ').filter(Boolean);
                if (!target || !ids || ids.length === 0) return false;
                callbacks().onHighlightClick(ids, positionAt(view, event, target));
                return true;
              },
            },
            handlePaste: () => true,
            handleDrop: () => true,
            handleTextInput: () => true,
          },
        }),
      ];
    },
  });
}
