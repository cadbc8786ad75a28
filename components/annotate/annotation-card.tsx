'use client';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Kbd } from '@/components/ui/kbd';
import { firstWords } from '@/lib/editor/navigation';
import { CommentThread } from './comment-thread';
import { useFloatingPanel } from './use-floating-panel';
import type { CommentsApi } from './use-comments';
import type { ViewAnnotation, AnnotationFields, CodebookAttribute, CodebookCategory } from './types';

const selectClass =
  'block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-inset ring-stone-300 focus:ring-2 focus:ring-accent-500 focus:outline-none';

function layerLabel(a: ViewAnnotation, meId: string): string {
  if (a.layer === 'CONSENSUS') return 'Consensus';
  return a.annotatorId === meId ? 'Mine' : a.annotatorName;
}

const number = new Intl.NumberFormat('en');

/** Where a passage is: its own start and length, so that overlapping ones can be told apart. */
function placeLabel(a: ViewAnnotation): string {
  const length = a.end - a.start;
  return `characters ${number.format(a.start)}–${number.format(a.end)} (${number.format(length)} ${length === 1 ? 'character' : 'characters'})`;
}

/** A key pressed on a form field belongs to the field (typing, a select's type-ahead). */
function isField(target: EventTarget): boolean {
  return target instanceof HTMLElement && !!target.closest('input, textarea, select, [contenteditable="true"]');
}

/**
 * The annotations under a click, a tap or the caret. With several (overlaps), a list of them, each
 * with its own quote, place, annotator and note, and hovering or focusing one outlines exactly its
 * span in the text. The user's own are editable — category, attributes, note — and deletable;
 * others' are shown read-only. It takes the focus when it opens: its category keys re-categorise,
 * Delete or x deletes (with undo), Tab moves through its fields, and Escape returns to the text.
 */
export function AnnotationCard({
  annotations,
  anchor,
  meId,
  canAnnotate,
  categories,
  attributes,
  initialId,
  onSave,
  onDelete,
  onClose,
  onFocusChange,
  comments,
}: {
  annotations: ViewAnnotation[];
  /** The passage's box, asked again as the page scrolls. */
  anchor: () => DOMRect;
  meId: string;
  canAnnotate: boolean;
  categories: CodebookCategory[];
  attributes: CodebookAttribute[];
  initialId?: string;
  onSave: (id: string, fields: Partial<AnnotationFields>) => void;
  onDelete: (id: string) => void;
  onClose: () => void;
  /** The annotation to outline in the text (the selected one, or the one hovered or focused in the list). */
  onFocusChange: (id: string) => void;
  /** The comment threads; null or absent shows none. */
  comments?: CommentsApi | null;
}) {
  const [selectedId, setSelectedId] = useState(initialId ?? annotations[0]?.id);
  const selected = annotations.find((a) => a.id === selectedId) ?? annotations[0];
  const [note, setNote] = useState(selected?.note ?? '');
  const dialog = useRef<HTMLDivElement>(null);
  const { setFloating, style } = useFloatingPanel(anchor);
  useEffect(() => setNote(selected?.note ?? ''), [selected?.id, selected?.note]);
  useEffect(() => {
    if (selected) onFocusChange(selected.id);
  }, [selected, onFocusChange]);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  // Focus moves into the card as it opens, so that its keys work at once.
  useEffect(() => dialog.current?.focus({ preventScroll: true }), []);
  if (!selected) return null;
  const editable = canAnnotate && selected.layer === 'ANNOTATOR' && selected.annotatorId === meId;
  const category = categories.find((c) => c.id === selected.categoryId);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!editable || e.ctrlKey || e.metaKey || e.altKey || isField(e.target)) return;
    if (e.key === 'Delete' || e.key === 'x') {
      e.preventDefault();
      onDelete(selected.id);
      return;
    }
    const next = categories.find((c) => c.shortcut && c.shortcut === e.key.toLowerCase());
    if (next) {
      e.preventDefault();
      if (next.id !== selected.categoryId) onSave(selected.id, { categoryId: next.id });
    }
  };
  return (
    <div
      ref={(el) => {
        dialog.current = el;
        setFloating(el);
      }}
      role="dialog"
      aria-label="Annotation"
      aria-describedby="annotation-card-keys"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      className="z-50 w-[min(24rem,calc(100vw-1rem))] overflow-y-auto overscroll-contain rounded-xl bg-white shadow-xl ring-1 ring-stone-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent-500"
      style={style}
    >
      {annotations.length > 1 ? (
        <div role="tablist" aria-label={`${annotations.length} annotations here`} aria-orientation="vertical" className="max-h-56 space-y-1 overflow-y-auto border-b border-stone-100 p-2">
          <p className="px-1 text-[11px] font-medium uppercase tracking-wide text-stone-600">{annotations.length} annotations here</p>
          {annotations.map((a) => (
            <button
              key={a.id}
              type="button"
              role="tab"
              aria-selected={a.id === selected.id}
              onClick={() => setSelectedId(a.id)}
              onMouseEnter={() => onFocusChange(a.id)}
              onMouseLeave={() => onFocusChange(selected.id)}
              onFocus={() => onFocusChange(a.id)}
              onBlur={() => onFocusChange(selected.id)}
              onKeyDown={(e) => {
                if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
                e.preventDefault();
                const at = annotations.findIndex((x) => x.id === a.id);
                const to = annotations[(at + (e.key === 'ArrowDown' ? 1 : annotations.length - 1)) % annotations.length];
                if (to) {
                  setSelectedId(to.id);
                  (e.currentTarget.parentElement?.querySelector(`[data-annotation-id="${to.id}"]`) as HTMLElement | null)?.focus();
                }
              }}
              data-annotation-id={a.id}
              className={`flex w-full items-start gap-2 rounded-md px-2 py-1.5 text-left text-xs ${a.id === selected.id ? 'bg-stone-100 ring-1 ring-stone-300' : 'hover:bg-stone-50'}`}
            >
              <span className="mt-0.5 h-2.5 w-2.5 shrink-0 rounded-sm ring-1 ring-black/10" style={{ backgroundColor: a.color }} aria-hidden />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium text-stone-900">{a.categoryName}</span>
                <span className="block truncate font-serif italic text-stone-700">“{a.quote}”</span>
                <span className="block truncate text-stone-600">
                  {layerLabel(a, meId)} · {placeLabel(a)}
                </span>
                {a.note ? <span className="block truncate text-stone-600">Note: {firstWords(a.note)}</span> : null}
              </span>
            </button>
          ))}
        </div>
      ) : null}
      <div className="space-y-3 p-4">
        <div className="flex items-start gap-2">
          <span className="mt-1 h-3 w-3 shrink-0 rounded-sm ring-1 ring-black/10" style={{ backgroundColor: selected.color }} aria-hidden />
          <div className="min-w-0 flex-1">
            <p className="text-sm font-semibold text-stone-900" aria-live="polite">{category?.path ?? selected.categoryName}</p>
            <p className="text-xs text-stone-500">
              {layerLabel(selected, meId)} · {placeLabel(selected)} · version {selected.version}
              {selected.orphaned ? ' · needs re-anchoring' : ''}
            </p>
          </div>
          <button onClick={onClose} aria-label="Close" className="rounded p-1 text-stone-500 hover:bg-stone-100 hover:text-stone-700">
            ✕
          </button>
        </div>
        <blockquote className="line-clamp-3 border-l-2 pl-2 font-serif text-sm italic text-stone-600" style={{ borderColor: selected.color }}>
          {selected.quote}
        </blockquote>
        {editable ? (
          <>
            <label className="block text-xs font-medium text-stone-600">
              Category
              <select className={`${selectClass} mt-1`} value={selected.categoryId} onChange={(e) => onSave(selected.id, { categoryId: e.target.value })}>
                {categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {'\u2002'.repeat(c.depth)}
                    {c.name}
                    {c.shortcut ? ` (${c.shortcut})` : ''}
                  </option>
                ))}
              </select>
            </label>
            {attributes.map((attr) => (
              <label key={attr.id} className="block text-xs font-medium text-stone-600">
                {attr.name}
                <select
                  className={`${selectClass} mt-1`}
                  value={selected.attributes[attr.key] ?? ''}
                  onChange={(e) => {
                    const next = { ...selected.attributes };
                    if (e.target.value) next[attr.key] = e.target.value;
                    else delete next[attr.key];
                    onSave(selected.id, { attributes: next });
                  }}
                >
                  <option value="">—</option>
                  {attr.options.map((o) => (
                    <option key={o.id} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <label className="block text-xs font-medium text-stone-600">
              Note
              <textarea
                className={`${selectClass} mt-1 min-h-16`}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                onBlur={() => note !== selected.note && onSave(selected.id, { note })}
                placeholder="Why this tag? (saved when you leave the field)"
              />
            </label>
            <div className="flex justify-between">
              <button onClick={() => onDelete(selected.id)} className="rounded-md px-2.5 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50">
                Delete
              </button>
              <button
                onClick={() => {
                  if (note !== selected.note) onSave(selected.id, { note });
                  onClose();
                }}
                className="rounded-md bg-accent-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-700"
              >
                Done
              </button>
            </div>
          </>
        ) : (
          <dl className="space-y-1 text-sm">
            {attributes.map((attr) =>
              selected.attributes[attr.key] ? (
                <div key={attr.id} className="flex gap-2">
                  <dt className="text-stone-500">{attr.name}:</dt>
                  <dd className="text-stone-800">{attr.options.find((o) => o.value === selected.attributes[attr.key])?.label}</dd>
                </div>
              ) : null,
            )}
            {selected.note ? <p className="whitespace-pre-wrap text-stone-700">{selected.note}</p> : null}
          </dl>
        )}
        {comments ? <CommentThread key={selected.id} annotationId={selected.id} api={comments} /> : null}
        <p id="annotation-card-keys" className="border-t border-stone-100 pt-2 text-[11px] leading-relaxed text-stone-500">
          {editable ? (
            <>
              A category’s key re-categorises, <Kbd>x</Kbd> or <Kbd>Delete</Kbd> deletes (<Kbd>Ctrl+Z</Kbd> undoes), <Kbd>Esc</Kbd> returns to the text.
            </>
          ) : (
            <>
              <Kbd>Esc</Kbd> returns to the text.
            </>
          )}
        </p>
      </div>
    </div>
  );
}

