import type { CodebookCategory } from '@/lib/data/codebook';

/** The codebook, read-only, as annotators consult it beside the text. */
export function CodebookLegend({ categories }: { categories: CodebookCategory[] }) {
  if (categories.length === 0) return <p className="text-sm text-stone-500">No categories in this codebook yet.</p>;
  return (
    <ul className="space-y-1">
      {categories.map((c) => (
        <li key={c.id} style={{ paddingLeft: `${c.depth * 0.75}rem` }}>
          <details className="group rounded-md px-2 py-1.5 hover:bg-stone-50">
            <summary className="flex cursor-pointer list-none items-center gap-2 text-sm">
              <span className="h-3 w-3 shrink-0 rounded-sm ring-1 ring-black/10" style={{ backgroundColor: c.color }} aria-hidden />
              <span className="flex-1 text-stone-800">{c.name}</span>
              {c.shortcut ? <kbd className="rounded border border-stone-300 bg-white px-1.5 font-mono text-[11px] text-stone-600">{c.shortcut}</kbd> : null}
            </summary>
            <div className="mt-2 space-y-2 pl-5 text-xs leading-relaxed text-stone-600">
              {c.description ? <p>{c.description}</p> : null}
              {c.example ? <blockquote className="border-l-2 pl-2 font-serif italic" style={{ borderColor: c.color }}>“{c.example}”</blockquote> : null}
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
