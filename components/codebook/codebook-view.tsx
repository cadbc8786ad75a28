import type { Codebook } from '@/lib/data/codebook';
import { EmptyState } from '@/components/ui/states';

/** The codebook as annotators and viewers read it: no controls. */
export function CodebookView({ categories, attributes }: Codebook) {
  if (categories.length === 0) return <EmptyState title="No categories yet">The codebook of this project is empty.</EmptyState>;
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <ul className="space-y-3">
        {categories.map((c) => (
          <li key={c.id} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200" style={{ marginLeft: `${c.depth * 1.5}rem` }}>
            <div className="flex items-center gap-3">
              <span className="h-4 w-4 rounded ring-1 ring-black/10" style={{ backgroundColor: c.color }} aria-hidden />
              <h2 className="flex-1 font-semibold text-stone-900">{c.path}</h2>
              {c.shortcut ? (
                <span className="text-xs text-stone-500">
                  key <kbd className="rounded border border-stone-300 bg-stone-50 px-1.5 font-mono text-xs text-stone-700">{c.shortcut}</kbd>
                </span>
              ) : null}
            </div>
            {c.description ? <p className="mt-2 text-sm text-stone-700">{c.description}</p> : null}
            {c.example ? (
              <blockquote className="mt-3 border-l-4 py-0.5 pl-3 font-serif text-sm italic text-stone-600" style={{ borderColor: c.color }}>
                “{c.example}”
              </blockquote>
            ) : null}
          </li>
        ))}
      </ul>
      <aside className="space-y-4">
        {attributes.map((a) => (
          <section key={a.id} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
            <h2 className="font-semibold text-stone-900">{a.name}</h2>
            <p className="mt-1 text-xs text-stone-500">Attribute · {a.key}</p>
            {a.description ? <p className="mt-2 text-sm text-stone-700">{a.description}</p> : null}
            <ul className="mt-3 flex flex-wrap gap-1.5">
              {a.options.map((o) => (
                <li key={o.id} className="rounded-full bg-stone-100 px-2.5 py-0.5 text-xs text-stone-700">{o.label}</li>
              ))}
            </ul>
          </section>
        ))}
      </aside>
    </div>
  );
}
