'use client';
import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { CommentsApi } from './use-comments';
import { VirtualList } from './virtual-list';
import type { ViewAnnotation, CodebookAttribute, CodebookCategory } from './types';

export type PanelFilters = { categoryId: string; annotatorId: string; attribute: string /* "key=value" or "" */ };

const selectClass =
  'block w-full rounded-md border-0 bg-white px-2 py-1.5 text-xs ring-1 ring-inset ring-stone-300 focus:ring-2 focus:ring-accent-500 focus:outline-none';

/** Does an annotation pass the panel's filters? Shared with the text, which dims what is filtered out. */
export function matchesFilters(a: ViewAnnotation, f: PanelFilters, categoryIds?: Set<string>): boolean {
  if (f.categoryId && !(categoryIds ? categoryIds.has(a.categoryId) : a.categoryId === f.categoryId)) return false;
  if (f.annotatorId && (f.annotatorId === 'consensus' ? a.layer !== 'CONSENSUS' : a.annotatorId !== f.annotatorId || a.layer !== 'ANNOTATOR')) return false;
  if (f.attribute) {
    const [key, value] = f.attribute.split('=');
    if (!key || a.attributes[key] !== value) return false;
  }
  return true;
}

/**
 * The document's annotations in text order with filters and per-category counts. The rows are one
 * tab stop: ↑/↓ (Home, End) move through them and flash each passage in the text, Enter or a
 * click opens its card, and Escape there comes back to the row.
 */
export function AnnotationPanel({
  annotations,
  categories,
  attributes,
  annotators,
  filters,
  onFilters,
  selectedId,
  onSelect,
  onOpen,
  orphans,
  onReattach,
  meId,
  comments,
}: {
  annotations: ViewAnnotation[];
  categories: CodebookCategory[];
  attributes: CodebookAttribute[];
  annotators: { id: string; name: string }[];
  filters: PanelFilters;
  onFilters: (f: PanelFilters) => void;
  selectedId?: string;
  onSelect: (a: ViewAnnotation) => void;
  /** Opens the annotation's card; `row` gets the focus back when it closes. */
  onOpen: (a: ViewAnnotation, row: HTMLElement) => void;
  orphans: ViewAnnotation[];
  onReattach: (a: ViewAnnotation) => void;
  meId: string;
  comments?: CommentsApi | null;
}) {
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const a of annotations) m.set(a.categoryId, (m.get(a.categoryId) ?? 0) + 1);
    return m;
  }, [annotations]);
  const shown = useMemo(() => annotations.filter((a) => matchesFilters(a, filters)), [annotations, filters]);
  const selectedIndex = selectedId ? shown.findIndex((a) => a.id === selectedId) : -1;
  const max = Math.max(1, ...counts.values());
  const listRef = useRef<HTMLDivElement>(null);
  // The row that takes the list's one tab stop: the selected one, else the first.
  const tabIndexRow = selectedIndex >= 0 ? selectedIndex : 0;
  // The row a key moved to before its focus arrived: keys pressed in quick succession count from it.
  const pending = useRef<number | null>(null);
  const moveTo = (index: number) => {
    const to = Math.max(0, Math.min(shown.length - 1, index));
    const a = shown[to];
    if (!a) return;
    pending.current = to;
    onSelect(a);
    const focusRow = () => {
      const row = listRef.current?.querySelector<HTMLElement>(`[data-row-id="${a.id}"]`);
      if (!row) return false;
      row.focus();
      if (pending.current === to) pending.current = null;
      return true;
    };
    // The list is windowed: a row far away exists only once it has scrolled into view.
    if (!focusRow()) requestAnimationFrame(() => void focusRow());
  };
  const onRowKey = (e: KeyboardEvent<HTMLButtonElement>, rowIndex: number) => {
    const index = pending.current ?? rowIndex;
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: shown.length - 1, PageDown: index + 8, PageUp: index - 8 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    moveTo(to);
  };
  return (
    <div className="flex h-full flex-col gap-3">
      <div>
        <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-stone-500">By category</h2>
        <ul className="space-y-1" aria-label="Annotation counts by category">
          {categories.map((c) => {
            const n = counts.get(c.id) ?? 0;
            const active = filters.categoryId === c.id;
            return (
              <li key={c.id}>
                <button
                  onClick={() => onFilters({ ...filters, categoryId: active ? '' : c.id })}
                  aria-pressed={active}
                  className={`group flex w-full items-center gap-2 rounded px-1 py-0.5 text-left text-xs ${active ? 'bg-accent-50' : 'hover:bg-stone-50'}`}
                >
                  <span className="min-w-0 flex-1 truncate text-stone-700" title={c.path}>{c.name}</span>
                  <span className="relative h-1.5 w-16 shrink-0 rounded-full bg-stone-100">
                    <span className="absolute inset-y-0 left-0 rounded-full" style={{ width: `${(n / max) * 100}%`, backgroundColor: c.color }} />
                  </span>
                  <span className="w-7 text-right tabular-nums text-stone-600">{n}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      <div className="grid grid-cols-2 gap-1.5">
        <select aria-label="Filter by category" className={`${selectClass} col-span-2`} value={filters.categoryId} onChange={(e) => onFilters({ ...filters, categoryId: e.target.value })}>
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
        <select aria-label="Filter by annotator" className={selectClass} value={filters.annotatorId} onChange={(e) => onFilters({ ...filters, annotatorId: e.target.value })}>
          <option value="">All layers</option>
          {annotators.map((u) => (
            <option key={u.id} value={u.id}>{u.id === meId ? 'Mine' : u.name}</option>
          ))}
          <option value="consensus">Consensus</option>
        </select>
        <select aria-label="Filter by attribute" className={selectClass} value={filters.attribute} onChange={(e) => onFilters({ ...filters, attribute: e.target.value })}>
          <option value="">Any attribute</option>
          {attributes.map((attr) => (
            <optgroup key={attr.id} label={attr.name}>
              {attr.options.map((o) => (
                <option key={o.id} value={`${attr.key}=${o.value}`}>{o.label}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {orphans.length > 0 ? (
        <div className="rounded-lg bg-amber-50 p-2.5 text-xs text-amber-900 ring-1 ring-amber-200" role="region" aria-label="Annotations that need re-anchoring">
          <p className="font-medium">{orphans.length} {orphans.length === 1 ? 'annotation lost its place' : 'annotations lost their place'} after a text correction.</p>
          <ul className="mt-1.5 space-y-1">
            {orphans.slice(0, 20).map((o) => (
              <li key={o.id} className="flex items-center gap-2">
                <span className="flex-1 truncate font-serif italic">“{o.quote}”</span>
                {o.annotatorId === meId ? (
                  <button onClick={() => onReattach(o)} className="shrink-0 rounded bg-white px-1.5 py-0.5 font-medium ring-1 ring-amber-300 hover:bg-amber-100">
                    Attach to selection
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="text-xs text-stone-500" aria-live="polite">
        {shown.length === annotations.length
          ? `${annotations.length} ${annotations.length === 1 ? 'annotation' : 'annotations'}`
          : `${shown.length} of ${annotations.length} annotations`}
      </p>
      {shown.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 p-4 text-center text-xs text-stone-500">
          {annotations.length === 0 ? 'No annotations yet. Select a passage and press a category key.' : 'No annotation matches these filters.'}
        </p>
      ) : (
        <VirtualList
          ref={listRef}
          label="Annotations in text order"
          className="min-h-40 flex-1 rounded-lg ring-1 ring-stone-200"
          items={shown}
          rowHeight={64}
          scrollToIndex={selectedIndex}
          renderRow={(a, index) => (
            <button
              type="button"
              data-row-id={a.id}
              tabIndex={index === tabIndexRow ? 0 : -1}
              onClick={(e) => onOpen(a, e.currentTarget)}
              onKeyDown={(e) => onRowKey(e, index)}
              onFocus={() => a.id !== selectedId && onSelect(a)}
              className={`flex h-full w-full items-start gap-2 border-b border-stone-100 px-2.5 py-2 text-left hover:bg-stone-50 focus:bg-accent-50 ${a.id === selectedId ? 'bg-accent-50' : 'bg-white'}`}
            >
              <span className="mt-1 h-2.5 w-2.5 shrink-0 rounded-sm" style={{ backgroundColor: a.color }} aria-hidden />
              <span className="min-w-0 flex-1">
                <span className="line-clamp-2 font-serif text-[13px] leading-snug text-stone-800">{a.quote}</span>
                <span className="block truncate text-[11px] text-stone-500">
                  {a.categoryName} · {a.layer === 'CONSENSUS' ? 'consensus' : a.annotatorId === meId ? 'mine' : a.annotatorName}
                  {a.note ? ' · note' : ''}
                </span>
              </span>
              <CommentBadge annotationId={a.id} comments={comments} />
            </button>
          )}
        />
      )}
    </div>
  );
}

/** How many comments an annotation has, with a dot when some are new to the user. */
function CommentBadge({ annotationId, comments }: { annotationId: string; comments?: CommentsApi | null }) {
  const count = comments?.countOf(annotationId) ?? 0;
  if (!comments || count === 0) return null;
  const unread = comments.hasUnread(annotationId);
  const resolved = comments.stateOf(annotationId).resolvedAt !== null;
  const label = `${count} ${count === 1 ? 'comment' : 'comments'}${unread ? ', new' : ''}${resolved ? ', resolved' : ''}`;
  return (
    <span className={`relative mt-0.5 flex shrink-0 items-center gap-0.5 text-[11px] tabular-nums ${resolved ? 'text-stone-500' : 'text-stone-500'}`} title={label} data-testid="comment-badge">
      <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden>
        <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" strokeLinejoin="round" />
      </svg>
      <span aria-hidden>{count}</span>
      <span className="sr-only">{label}</span>
      {unread ? <span className="absolute -right-1 -top-0.5 h-2 w-2 rounded-full bg-accent-600 ring-2 ring-white" aria-hidden /> : null}
    </span>
  );
}
