import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { displayTitle } from '@/components/documents/format';
import type { AgreementView } from '@/lib/data/agreement';

/**
 * The agreement page's choices as a plain GET form: annotators, documents and categories are
 * checkbox lists in drop-down panels, so the chosen view lives in the URL (shareable, bookmarkable)
 * and works before any script has loaded.
 */
export function AgreementFilters({ view, action, extra }: { view: AgreementView; action: string; extra?: Record<string, string> }) {
  const { selection } = view;
  return (
    <form method="get" action={action} className="flex flex-wrap items-center gap-2" aria-label="Choose what to compare">
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Checklist
        name="annotators"
        label="Annotators"
        summary={`${selection.annotators.length} of ${view.annotators.length}`}
        options={view.annotators.map((a) => ({ id: a.id, label: a.name, hint: `${a.spanCount} spans` }))}
        chosen={selection.annotators}
      />
      <Checklist
        name="documents"
        label="Documents"
        summary={`${selection.documents.length} of ${view.documents.length}`}
        options={view.documents.map((d) => ({
          id: d.id,
          label: displayTitle(d),
          hint: view.annotators.map((a) => `${a.name} ${d.spanCounts[a.id] ?? 0}`).join(' · '),
        }))}
        chosen={selection.documents}
        wide
      />
      <Checklist
        name="categories"
        label="Categories"
        summary={`${selection.categories.length} of ${view.categories.length}`}
        options={view.categories.map((c) => ({ id: c.id, label: c.path, hint: `${c.spanCount}`, color: c.color }))}
        chosen={selection.categories}
        wide
      />
      <button type="submit" className={buttonClass('secondary', 'py-1.5')}>
        Compare
      </button>
      <Link href={action + (extra && Object.keys(extra).length > 0 ? `?${new URLSearchParams(extra).toString()}` : '')} className={buttonClass('ghost', 'py-1.5')}>
        Reset
      </Link>
    </form>
  );
}

function Checklist({
  name,
  label,
  summary,
  options,
  chosen,
  wide = false,
}: {
  name: string;
  label: string;
  summary: string;
  options: { id: string; label: string; hint?: string; color?: string }[];
  chosen: string[];
  wide?: boolean;
}) {
  return (
    <details className="group relative">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-stone-300 hover:bg-stone-50"
        data-testid={`filter-${name}`}
      >
        <span className="font-medium text-stone-800">{label}</span>
        <span className="tabular-nums text-stone-500">{summary}</span>
        <span aria-hidden className="text-stone-400 transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <fieldset
        className={`absolute left-0 z-20 mt-1 max-h-80 overflow-y-auto rounded-lg border border-stone-200 bg-white p-2 shadow-lg ${wide ? 'w-[26rem]' : 'w-64'}`}
      >
        <legend className="sr-only">{label}</legend>
        {options.map((o) => (
          <label key={o.id} className="flex cursor-pointer items-start gap-2 rounded px-2 py-1.5 text-sm hover:bg-stone-50">
            <input type="checkbox" name={name} value={o.id} defaultChecked={chosen.includes(o.id)} className="mt-0.5 accent-accent-600" />
            {o.color ? <span aria-hidden className="mt-1 h-2.5 w-2.5 shrink-0 rounded-full" style={{ background: o.color }} /> : null}
            <span className="min-w-0">
              <span className="block text-stone-800">{o.label}</span>
              {o.hint ? <span className="block text-xs text-stone-500">{o.hint}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}
