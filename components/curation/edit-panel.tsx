'use client';
import { useRef } from 'react';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { selectClass } from '@/components/ui/field';
import { Kbd } from '@/components/ui/kbd';
import type { BoardCodebook, Draft } from './use-curation';

/** Editing a version before accepting it: boundaries by selecting text or by word, category, attributes, note. */
export function EditPanel({
  text,
  context,
  draft,
  setDraft,
  codebook,
  onSave,
  onCancel,
  busy,
}: {
  text: string;
  context: { start: number; end: number };
  draft: Draft;
  setDraft: (d: Draft) => void;
  codebook: BoardCodebook;
  onSave: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const box = useRef<HTMLParagraphElement>(null);
  const color = codebook.categories.find((c) => c.id === draft.categoryId)?.color ?? '#a8a29e';
  const from = Math.min(context.start, draft.start);
  const to = Math.max(context.end, draft.end);
  // Word boundaries near an offset, for the nudge buttons.
  const wordStep = (at: number, dir: 1 | -1): number => {
    let i = at;
    if (dir === 1) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      while (i < text.length && !/\s/.test(text[i]!)) i++;
    } else {
      while (i > 0 && /\s/.test(text[i - 1]!)) i--;
      while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
    }
    return i;
  };
  const set = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    if (next.end > next.start) setDraft(next);
  };
  const useSelection = () => {
    const sel = window.getSelection();
    const root = box.current;
    if (!sel || sel.rangeCount === 0 || !root) return;
    const range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
    const offsetOf = (node: Node, offset: number) => {
      const pre = document.createRange();
      pre.selectNodeContents(root);
      pre.setEnd(node, offset);
      return from + pre.toString().length;
    };
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) set({ start, end });
  };
  return (
    <div className="mt-3 space-y-3" data-testid="edit-panel">
      <p className="text-xs text-stone-500">Select text below and press “Use selection”, or move the ends word by word.</p>
      <p ref={box} className="select-text rounded-lg bg-stone-50 p-3 font-serif text-[15px] leading-relaxed text-stone-500">
        {text.slice(from, draft.start)}
        <mark className="rounded-sm text-stone-900" style={{ background: `${color}38`, boxShadow: `inset 0 -2px 0 ${color}` }}>
          {text.slice(draft.start, draft.end)}
        </mark>
        {text.slice(draft.end, to)}
      </p>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <button type="button" onClick={useSelection} className={buttonClass('secondary', 'px-2.5 py-1 text-xs')}>
          Use selection
        </button>
        <span className="text-stone-500">Start</span>
        <button type="button" aria-label="Start one word earlier" onClick={() => set({ start: wordStep(draft.start, -1) })} className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
          ←
        </button>
        <button type="button" aria-label="Start one word later" onClick={() => set({ start: Math.min(wordStep(draft.start, 1) + 1, draft.end - 1) })} className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
          →
        </button>
        <span className="text-stone-500">End</span>
        <button type="button" aria-label="End one word earlier" onClick={() => set({ end: Math.max(wordStep(draft.end, -1) - 1, draft.start + 1) })} className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
          ←
        </button>
        <button type="button" aria-label="End one word later" onClick={() => set({ end: wordStep(draft.end, 1) })} className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
          →
        </button>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="text-xs font-medium text-stone-600">
          Category
          <select value={draft.categoryId} onChange={(e) => set({ categoryId: e.target.value })} className={cn(selectClass, 'mt-1 block w-full')}>
            {codebook.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.path}
              </option>
            ))}
          </select>
        </label>
        {codebook.attributes.map((a) => (
          <label key={a.key} className="text-xs font-medium text-stone-600">
            {a.name}
            <select
              value={draft.attributes[a.key] ?? ''}
              onChange={(e) => {
                const attributes = { ...draft.attributes };
                if (e.target.value) attributes[a.key] = e.target.value;
                else delete attributes[a.key];
                set({ attributes });
              }}
              className={cn(selectClass, 'mt-1 block w-full')}
            >
              <option value="">—</option>
              {a.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <label className="block text-xs font-medium text-stone-600">
        Note (optional; the annotators’ notes are kept when left empty)
        <textarea value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} rows={2} className="mt-1 block w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-stone-300" />
      </label>
      <div className="flex gap-2">
        <button type="button" disabled={busy} onClick={onSave} className={buttonClass('primary', 'px-3 py-1.5 text-sm')}>
          Accept this version <Kbd>Enter</Kbd>
        </button>
        <button type="button" onClick={onCancel} className={buttonClass('ghost', 'px-3 py-1.5 text-sm')}>
          Cancel <Kbd>Esc</Kbd>
        </button>
      </div>
    </div>
  );
}
