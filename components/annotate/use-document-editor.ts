'use client';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useCallback, useMemo, useRef } from 'react';
import { toCanonicalRange, toEditorPosition } from '@/lib/anchoring';
import { createHighlightExtension, type HighlightCallbacks } from '@/lib/editor/highlight-plugin';
import { toTiptapDoc } from '@/lib/editor/to-tiptap';
import { snapToWords, trimRange, type TextRange } from '@/lib/editor/navigation';
import type { CodebookCategory, TextBlock } from './types';

type Range = TextRange;

export type DocumentEditorEvents = {
  /** A click or tap on highlighted text at canonical offset `at`. */
  onHighlightClick: (ids: string[], at: number) => void;
  /** Enter with the caret (no selection) at `offset`: open the annotations there, if any. */
  onOpenAt: (offset: number) => boolean;
  /** Alt+↓ / Alt+↑ from the caret at `offset`; with Shift, to the next of the same category. */
  onStep: (offset: number, direction: 1 | -1, sameCategory: boolean) => void;
  /** A passage to tag: a mouse selection (snapped to words) as it settles, or Enter on a keyboard selection. */
  onTagRequest: (range: Range, anchor: DOMRect) => void;
  onSelectionCleared: () => void;
  /** A category's shortcut key pressed on a selection. */
  onShortcut: (range: Range, categoryId: string) => void;
  onEscape: () => void;
  onUndo: () => void;
};

/**
 * The document in a Tiptap editor whose text cannot change: selections become ranges of the
 * canonical text, keys and clicks become the workspace's events. The highlights themselves are
 * drawn by useHighlightWindow.
 */
/**
 * The character a key stands for, whatever the modifiers: with Alt held, a Mac keyboard reports
 * "∞" for Alt+5, so the key's place on the keyboard is read instead.
 */
function keyOf(event: KeyboardEvent): string {
  if (!event.altKey) return event.key.toLowerCase();
  if (/^Digit\d$/.test(event.code)) return event.code.slice(5);
  if (/^Key[A-Z]$/.test(event.code)) return event.code.slice(3).toLowerCase();
  return event.key.toLowerCase();
}

export function useDocumentEditor(input: { doc: { text: string; blocks: TextBlock[] }; categories: CodebookCategory[]; canAnnotate: boolean } & DocumentEditorEvents) {
  const { doc, categories, canAnnotate } = input;
  // The events change on every render; the editor, made once, calls the latest.
  const on = useRef<DocumentEditorEvents>(input);
  on.current = input;
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

  const caretOffset = (view: EditorView) => toCanonicalRange(doc.blocks, { from: view.state.selection.head, to: view.state.selection.head }).start;
  /** Puts the caret at a canonical offset and gives the text the focus (after a card closes, say). */
  const placeCaret = useCallback(
    (view: EditorView, offset: number) => {
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, toEditorPosition(doc.blocks, offset, 'start'))));
      view.focus();
    },
    [doc.blocks],
  );

  /** After tagging, the caret goes just past the passage, so the next Shift+arrow starts afresh. */
  const collapseAfter = (view: EditorView, end: number) => {
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, toEditorPosition(doc.blocks, end, 'end'))));
    view.focus();
  };

  const callbacks = useRef<HighlightCallbacks>(null as unknown as HighlightCallbacks);
  callbacks.current = {
    onHighlightClick: (ids, pos) => on.current.onHighlightClick(ids, toCanonicalRange(doc.blocks, { from: pos, to: pos }).start),
    onSelectionSettled: (view, source) => {
      const range = selectionRange(view);
      if (!range) {
        on.current.onSelectionCleared();
        return;
      }
      if (source !== 'keyboard' && canAnnotate) {
        const snapped = source === 'exact' ? range : snapToWords(doc.text, range.start, range.end);
        on.current.onTagRequest(snapped, anchorFor(view, snapped.start, snapped.end));
      }
    },
    onKey: (event, view) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        on.current.onUndo();
        return true;
      }
      if (event.key === 'Escape') {
        on.current.onEscape();
        return false;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        on.current.onStep(caretOffset(view), event.key === 'ArrowDown' ? 1 : -1, event.shiftKey);
        return true;
      }
      if (event.ctrlKey || event.metaKey) return false;
      if (event.key === 'Enter' && view.state.selection.empty) return on.current.onOpenAt(caretOffset(view));
      if (!canAnnotate) return false;
      const exact = selectionRange(view);
      if (!exact) return false;
      // Keyboard selections snap to words as mouse ones do; with Alt, the exact characters.
      const range = event.altKey ? exact : snapToWords(doc.text, exact.start, exact.end);
      if (event.key === 'Enter') {
        on.current.onTagRequest(range, anchorFor(view, range.start, range.end));
        return true;
      }
      const category = categories.find((c) => c.shortcut && c.shortcut === keyOf(event));
      if (category) {
        on.current.onShortcut(range, category.id);
        collapseAfter(view, range.end);
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
        // The skip link's target (components/layout/skip-link.tsx).
        'data-skip-target': 'true',
      },
    },
  });

  return { editor, selectionRange, collapseAfter, placeCaret, rangeBox: (start: number, end: number) => (editor ? anchorFor(editor.view, start, end) : new DOMRect()) };
}
