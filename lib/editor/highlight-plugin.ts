// The ProseMirror side of highlighting: a plugin that draws annotation segments as inline
// decorations, and routes clicks on them and keyboard tagging to callbacks. No React: the
// workspace component owns state and hands this plugin plain data.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

export type SegmentDecoration = {
  /** ProseMirror positions. */
  from: number;
  to: number;
  ids: string[];
  style: string;
  className: string;
};

export type HighlightCallbacks = {
  /** A click on highlighted text: the annotation ids under the pointer, innermost first. */
  onHighlightClick: (ids: string[], anchor: DOMRect) => void;
  /** A key pressed in the text; return true when it was handled (e.g. a category shortcut). */
  onKey: (event: KeyboardEvent, view: EditorView) => boolean;
  /** The selection settled after a mouse or keyboard selection (empty selections included). */
  onSelectionSettled: (view: EditorView, source: 'mouse' | 'keyboard') => void;
};

export const highlightKey = new PluginKey<DecorationSet>('parallax-highlights');

/** Replaces the drawn segments; cheap to call whenever annotations, layers or filters change. */
export function setHighlights(view: EditorView, segments: readonly SegmentDecoration[]): void {
  view.dispatch(view.state.tr.setMeta(highlightKey, segments));
}

function buildSet(state: EditorState, segments: readonly SegmentDecoration[]): DecorationSet {
  return DecorationSet.create(
    state.doc,
    segments.map((s) =>
      Decoration.inline(s.from, s.to, { class: s.className, style: s.style, 'data-ids': s.ids.join(' ') }),
    ),
  );
}

export function createHighlightExtension(callbacks: () => HighlightCallbacks) {
  return Extension.create({
    name: 'parallaxHighlights',
    addProseMirrorPlugins() {
      let pointerSelecting = false;
      return [
        new Plugin<DecorationSet>({
          key: highlightKey,
          state: {
            init: () => DecorationSet.empty,
            apply(tr, old, _oldState, newState) {
              const next = tr.getMeta(highlightKey) as SegmentDecoration[] | undefined;
              return next ? buildSet(newState, next) : old;
            },
          },
          // The text is read-only: selections move, the document never changes. Keeping the
          // editor "editable" is what gives keyboard users a caret and Shift+arrow selection.
          filterTransaction: (tr) => !tr.docChanged,
          props: {
            decorations: (state) => highlightKey.getState(state),
            handleKeyDown: (view, event) => callbacks().onKey(event, view),
            handleDOMEvents: {
              mousedown: () => {
                pointerSelecting = true;
                return false;
              },
              mouseup: (view) => {
                if (!pointerSelecting) return false;
                pointerSelecting = false;
                // Let ProseMirror finish reading the DOM selection first.
                requestAnimationFrame(() => callbacks().onSelectionSettled(view, 'mouse'));
                return false;
              },
              keyup: (view, event) => {
                if (event.shiftKey || event.key.startsWith('Arrow')) callbacks().onSelectionSettled(view, 'keyboard');
                return false;
              },
              click: (view, event) => {
                if (!view.state.selection.empty) return false;
                const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-ids]');
                const ids = target?.dataset.ids?.split(' ').filter(Boolean);
                if (!target || !ids || ids.length === 0) return false;
                callbacks().onHighlightClick(ids, target.getBoundingClientRect());
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
