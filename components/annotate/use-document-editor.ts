'use client';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useCallback, useMemo, useRef } from 'react';
import { toCanonicalRange, toEditorPosition } from '@/lib/anchoring';
import { createHighlightExtension, type HighlightCallbacks } from '@/lib/editor/highlight-plugin';
import { toTiptapDoc } from '@/lib/editor/to-tiptap';
import type { CodebookCategory, TextBlock } from './types';

type Range = { start: number; end: number };

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

export type DocumentEditorEvents = {
  onHighlightClick: (ids: string[], anchor: DOMRect) => void;
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

  /** After tagging, the caret goes just past the passage, so the next Shift+arrow starts afresh. */
  const collapseAfter = (view: EditorView, end: number) => {
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, toEditorPosition(doc.blocks, end, 'end'))));
    view.focus();
  };

  const callbacks = useRef<HighlightCallbacks>(null as unknown as HighlightCallbacks);
  callbacks.current = {
    onHighlightClick: (ids, anchor) => on.current.onHighlightClick(ids, anchor),
    onSelectionSettled: (view, source) => {
      const range = selectionRange(view);
      if (!range) {
        on.current.onSelectionCleared();
        return;
      }
      if (source === 'mouse' && canAnnotate) {
        const snapped = snapToWords(doc.text, range.start, range.end);
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
      if (!canAnnotate || event.ctrlKey || event.metaKey || event.altKey) return false;
      const range = selectionRange(view);
      if (!range) return false;
      if (event.key === 'Enter') {
        on.current.onTagRequest(range, anchorFor(view, range.start, range.end));
        return true;
      }
      const category = categories.find((c) => c.shortcut && c.shortcut === event.key.toLowerCase());
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
      },
    },
  });

  return { editor, selectionRange, collapseAfter };
}
