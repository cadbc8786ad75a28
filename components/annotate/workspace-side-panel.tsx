'use client';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * The panel beside the text: tabs (the annotations list first), and the undo button. On a narrow
 * screen it is a drawer over the lower part of the screen, opened from a button that stays in
 * view, rather than a panel after the whole article.
 */
export function WorkspaceSidePanel(props: {
  tabs: { id: string; label: string; content?: ReactNode }[];
  tab: string;
  onTab: (id: string) => void;
  canUndo: boolean;
  onUndo: () => void;
  /** The first tab's content: the annotations list. */
  children: ReactNode;
}) {
  const first = props.tabs[0]?.id;
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !e.defaultPrevented && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <>
    <button
      type="button"
      aria-expanded={open}
      aria-controls="workspace-side-panel"
      onClick={() => setOpen((o) => !o)}
      className="no-print fixed bottom-4 right-4 z-40 rounded-full bg-stone-900 px-4 py-2.5 text-sm font-medium text-white shadow-lg lg:hidden"
    >
      {open ? 'Close panel' : 'Annotations'}
    </button>
    <aside
      id="workspace-side-panel"
      className={`no-print lg:sticky lg:top-20 lg:block lg:h-[calc(100vh-6rem)] lg:self-start max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-30 max-lg:h-[72vh] max-lg:p-2 ${open ? '' : 'max-lg:hidden'}`}
      aria-label="Annotations"
    >
      <div className="flex h-full flex-col rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 max-lg:shadow-2xl">
        <div className="mb-3 flex items-center justify-between gap-2 max-lg:pr-28">
          <div role="tablist" aria-label="Side panel" className="flex gap-1">
            {props.tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={props.tab === t.id}
                onClick={() => props.onTab(t.id)}
                className={`rounded-md px-2.5 py-1 text-sm font-medium ${props.tab === t.id ? 'bg-stone-100 text-stone-900' : 'text-stone-500 hover:text-stone-800'}`}
              >
                {t.label}
              </button>
            ))}
          </div>
          <button
            type="button"
            onClick={props.onUndo}
            disabled={!props.canUndo}
            className="whitespace-nowrap rounded-md px-2 py-1 text-xs font-medium text-stone-600 hover:bg-stone-100 disabled:text-stone-300"
            title="Undo (Ctrl+Z)"
          >
            ↶ Undo
          </button>
        </div>
        {props.tab === first ? (
          props.children
        ) : (
          <div className="min-h-0 flex-1 overflow-y-auto" role="tabpanel">
            {props.tabs.find((t) => t.id === props.tab)?.content}
          </div>
        )}
      </div>
    </aside>
    </>
  );
}
