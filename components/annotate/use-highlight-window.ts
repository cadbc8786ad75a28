'use client';
import type { Editor } from '@tiptap/react';
import { useEffect, useMemo, useState, type RefObject } from 'react';
import { splitRangeByBlocks, toCanonicalOffset } from '@/lib/anchoring';
import { setHighlights, type SegmentDecoration } from '@/lib/editor/highlight-plugin';
import { segmentStyle, type HighlightLook } from '@/lib/editor/highlight-style';
import { computeSegments } from '@/lib/editor/segments';
import type { TextBlock, ViewAnnotation } from './types';

/** Characters decorated beyond the viewport on each side. */
export const windowMargin = 8_000;

/**
 * Draws the highlights: segments of the visible annotations, mapped to editor positions. Only the
 * part of the text near the viewport carries decorations (as Recogito draws only what is in view):
 * a long document with thousands of highlights then renders and updates in time proportional to a
 * screenful. The window follows scrolling, and covers everything for printing.
 */
export function useHighlightWindow(input: {
  editor: Editor | null;
  text: string;
  blocks: TextBlock[];
  drawn: readonly ViewAnnotation[];
  focusId: string | undefined;
  meId: string;
  /** The id of a tag just made, for the benchmark's "tag drawn" mark. */
  pendingTagMark: RefObject<string | undefined>;
}) {
  const { editor, text, blocks, drawn, focusId, meId, pendingTagMark } = input;
  const [textWindow, setTextWindow] = useState({ start: 0, end: 12_000 });
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
      const start = toCanonicalOffset(blocks, top, 'start');
      const end = toCanonicalOffset(blocks, bottom, 'end');
      setTextWindow((w) =>
        // Hysteresis: move the window only when the viewport nears its edge, not on every frame.
        (start - w.start < windowMargin / 4 && w.start > 0) || (w.end - end < windowMargin / 4 && w.end < text.length)
          ? { start: Math.max(0, start - windowMargin), end: end + windowMargin }
          : w,
      );
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    const onPrint = () => setTextWindow({ start: 0, end: text.length });
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
  }, [editor, blocks, text.length]);

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
        return { color: a.color, kind: a.layer === 'CONSENSUS' ? 'consensus' : a.annotatorId === meId ? 'mine' : 'other' };
      });
      const { style, className } = segmentStyle(looks, focusId !== undefined && seg.ids.includes(focusId));
      for (const piece of splitRangeByBlocks(blocks, { start, end })) out.push({ from: piece.from, to: piece.to, ids: seg.ids, style, className });
    }
    return out;
  }, [drawn, textWindow, focusId, meId, blocks]);

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
  }, [editor, segments, drawn, pendingTagMark]);

  /** Brings `[start, end)` into the decorated window (before scrolling to it). */
  const reveal = (start: number, end: number) =>
    setTextWindow((w) => (start >= w.start && end <= w.end ? w : { start: Math.max(0, start - windowMargin), end: end + windowMargin }));
  return { drawnCount, reveal };
}
