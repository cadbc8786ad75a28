'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CodebookCategory } from './types';
import { useFloatingPanel } from './use-floating-panel';

/**
 * The category picker shown for a selection: type to filter, arrows and Enter to choose, or the
 * category's shortcut key straight away (while the filter is empty). Escape returns to the text.
 */
export function TagPopover({
  categories,
  anchor,
  quote,
  onPick,
  onClose,
}: {
  categories: CodebookCategory[];
  anchor: DOMRect;
  quote: string;
  onPick: (categoryId: string) => void;
  onClose: () => void;
}) {
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? categories.filter((c) => c.path.toLowerCase().includes(q) || c.description.toLowerCase().includes(q)) : categories;
  }, [categories, filter]);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => setActive(0), [filter]);
  const { setFloating, style } = useFloatingPanel(anchor);
  return (
    <div
      ref={setFloating}
      role="dialog"
      aria-label="Tag the selected passage"
      className="z-50 flex w-[min(20rem,calc(100vw-1rem))] flex-col overflow-hidden rounded-xl bg-white shadow-xl ring-1 ring-stone-200"
      style={{ ...style, maxHeight: style.maxHeight === undefined ? undefined : Math.min(420, style.maxHeight) }}
      onMouseDown={(e) => e.preventDefault() /* keep the text selection visible */}
    >
      <div className="border-b border-stone-100 p-2">
        <p className="mb-1.5 line-clamp-1 px-1 font-serif text-xs italic text-stone-500">“{quote}”</p>
        <input
          ref={input}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onMouseDown={(e) => e.stopPropagation()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') return onClose();
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              return setActive((a) => Math.min(shown.length - 1, a + 1));
            }
            if (e.key === 'ArrowUp') {
              e.preventDefault();
              return setActive((a) => Math.max(0, a - 1));
            }
            if (e.key === 'Enter') {
              e.preventDefault();
              const c = shown[active];
              if (c) onPick(c.id);
              return;
            }
            if (filter === '' && !e.ctrlKey && !e.metaKey && !e.altKey) {
              const c = categories.find((x) => x.shortcut === e.key.toLowerCase());
              if (c) {
                e.preventDefault();
                onPick(c.id);
              }
            }
          }}
          placeholder="Filter categories… or press a key"
          aria-label="Filter categories"
          aria-controls="tag-popover-list"
          aria-activedescendant={shown[active] ? `tag-option-${shown[active].id}` : undefined}
          className="w-full rounded-md border-0 bg-stone-50 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-stone-200 focus:ring-2 focus:ring-accent-500 focus:outline-none"
        />
      </div>
      <ul id="tag-popover-list" role="listbox" aria-label="Categories" className="min-h-0 flex-1 overflow-y-auto py-1">
        {shown.length === 0 ? <li className="px-3 py-2 text-sm text-stone-500">No category matches “{filter}”.</li> : null}
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={`tag-option-${c.id}`}
            role="option"
            aria-selected={i === active}
            onMouseEnter={() => setActive(i)}
            onClick={() => onPick(c.id)}
            className={`flex cursor-pointer items-center gap-2.5 px-3 py-1.5 text-sm ${i === active ? 'bg-accent-50 text-accent-700' : 'text-stone-800'}`}
            style={{ paddingLeft: `${0.75 + c.depth * 0.75}rem` }}
          >
            <span className="h-3 w-3 shrink-0 rounded-sm ring-1 ring-black/10" style={{ backgroundColor: c.color }} aria-hidden />
            <span className="flex-1 truncate">{c.name}</span>
            {c.shortcut ? <kbd className="rounded border border-stone-300 bg-white px-1.5 font-mono text-[11px] text-stone-600">{c.shortcut}</kbd> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
