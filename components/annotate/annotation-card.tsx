'use client';
import { useEffect, useState } from 'react';
import { CommentThread } from './comment-thread';
import { floatingPosition } from './tag-popover';
import type { CommentsApi } from './use-comments';
import type { ViewAnnotation, AnnotationFields, CodebookAttribute, CodebookCategory } from './types';

const selectClass =
  'block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm ring-1 ring-inset ring-stone-300 focus:ring-2 focus:ring-accent-500 focus:outline-none';

function layerLabel(a: ViewAnnotation, meId: string): string {
  if (a.layer === 'CONSENSUS') return 'Consensus';
  return a.annotatorId === meId ? 'Mine' : a.annotatorName;
}

/**
 * The annotations under a click. With several (overlaps), a tab per annotation; the user's own
 * are editable — category, attributes, note — and deletable; others' are shown read-only.
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
  anchor: DOMRect;
  meId: string;
  canAnnotate: boolean;
  categories: CodebookCategory[];
  attributes: CodebookAttribute[];
  initialId?: string;
  onSave: (id: string, fields: Partial<AnnotationFields>) => void;
  onDelete: (id: string) => void;
  onClose: () => void;
  onFocusChange: (id: string) => void;
  /** The comment threads; null or absent shows none. */
  comments?: CommentsApi | null;
}) {
  const [selectedId, setSelectedId] = useState(initialId ?? annotations[0]?.id);
  const selected = annotations.find((a) => a.id === selectedId) ?? annotations[0];
  const [note, setNote] = useState(selected?.note ?? '');
  useEffect(() => setNote(selected?.note ?? ''), [selected?.id, selected?.note]);
  useEffect(() => {
    if (selected) onFocusChange(selected.id);
  }, [selected, onFocusChange]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  if (!selected) return null;
  const editable = canAnnotate && selected.layer === 'ANNOTATOR' && selected.annotatorId === meId;
  const width = 360;
  // A thread makes the card taller; the card scrolls within the room the viewport leaves.
  const { left, top, maxHeight } = floatingPosition(anchor, width, (editable ? 420 : 240) + (comments ? 220 : 0));
  const category = categories.find((c) => c.id === selected.categoryId);
  return (
    <div role="dialog" aria-label="Annotation" className="fixed z-50 overflow-y-auto rounded-xl bg-white shadow-xl ring-1 ring-stone-200" style={{ left, top, width, maxHeight }}>
      {annotations.length > 1 ? (
        <div role="tablist" aria-label="Annotations here" className="flex gap-1 overflow-x-auto border-b border-stone-100 px-2 pt-2">
          {annotations.map((a) => (
            <button
              key={a.id}
              role="tab"
              aria-selected={a.id === selected.id}
              onClick={() => setSelectedId(a.id)}
              className={`flex items-center gap-1.5 rounded-t-md px-2 py-1 text-xs ${a.id === selected.id ? 'bg-stone-100 font-medium text-stone-900' : 'text-stone-600 hover:bg-stone-50'}`}
            >
              <span className="h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: a.color }} aria-hidden />
              {a.categoryName.length > 18 ? `${a.categoryName.slice(0, 17)}…` : a.categoryName}
            </button>
          ))}
        </div>
      ) : null}
      <div className="space-y-3 p-4">
        <div className="flex items-start gap-2">
          <span className="mt-1 h-3 w-3 shrink-0 rounded-sm ring-1 ring-black/10" style={{ backgroundColor: selected.color }} aria-hidden />
          <div className="min-w-0 flex-1">
            <p className="text-sm font-semibold text-stone-900">{category?.path ?? selected.categoryName}</p>
            <p className="text-xs text-stone-500">
              {layerLabel(selected, meId)} · v{selected.version}
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
      </div>
    </div>
  );
}
