import type { Metadata } from 'next';
import Link from 'next/link';
import { CompareFilters, filtersOf, selectionQuery, type SearchParams } from '@/components/compare/compare-filters';
import { PassageCard, pct } from '@/components/compare/figures';
import { ParallelText } from '@/components/compare/parallel-text';
import { displayTitle } from '@/components/documents/format';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { FormError, selectClass } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/states';
import { getComparisonPassages, getParallelText } from '@/lib/data/compare';
import { getComparison } from '@/lib/data/compare';
import { isAppError } from '@/lib/errors';
import { orNotFound } from '@/lib/page-data';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Side by side' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const maxColumns = 5;

export default async function ReaderPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const { actor } = await requireActor();
  const base = `/projects/${slug}/compare/reader`;
  const mode = first(query.mode) === 'parallel' ? 'parallel' : 'passages';
  try {
    // The whole comparison first: it knows which factor has the most text, for the default.
    const view = await orNotFound(getComparison(actor, slug, filtersOf(query)));
    const categories = view.categories.filter((c) => view.selection.categories.includes(c.id));
    const covered = (id: string) => view.selection.documents.reduce((n, d) => n + (view.comparison.matrix[d]?.[id]?.chars ?? 0), 0);
    const category = categories.find((c) => c.id === first(query.category)) ?? [...categories].sort((a, b) => covered(b.id) - covered(a.id))[0];
    if (!category) {
      // Not an error: a codebook with no factors yet, or filters that leave none.
      return view.categories.length === 0 ? (
        <EmptyState
          title="No factors to read by yet"
          action={<Link href={`/projects/${slug}/codebook`} className={buttonClass('primary')}>Open the codebook</Link>}
        >
          Side by side shows each article’s passages on one factor. Add the factors of your study to the codebook first.
        </EmptyState>
      ) : (
        <div className="space-y-5">
          <CompareFilters action={base} selection={view.selection} options={view} />
          <EmptyState title="No factor chosen">Tick at least one factor in the filters above, then press Apply.</EmptyState>
        </div>
      );
    }
    const chosenDocs = view.selection.documents;
    const modeHref = (m: string) => `${base}?${selectionQuery(view.selection, view, { category: category.id, mode: m === 'parallel' ? 'parallel' : undefined })}`;
    const header = (
      <div className="no-print flex flex-wrap items-center justify-between gap-3">
        <form method="get" action={base} className="flex flex-wrap items-center gap-2 text-sm" aria-label="Choose a factor">
          {[...new URLSearchParams(selectionQuery(view.selection, view, { mode: mode === 'parallel' ? 'parallel' : undefined, a: first(query.a), b: first(query.b) })).entries()].map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <label htmlFor="reader-factor" className="font-medium text-stone-800">
            Factor
          </label>
          <select id="reader-factor" name="category" defaultValue={category.id} className={selectClass}>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.path}
              </option>
            ))}
          </select>
          <button type="submit" className={buttonClass('secondary', 'py-1.5')}>
            Show
          </button>
        </form>
        <nav aria-label="Reading mode" className="no-print flex rounded-lg bg-stone-100 p-1 text-sm">
          {[
            ['passages', 'Passages by article'],
            ['parallel', 'Parallel text'],
          ].map(([m, label]) => (
            <Link key={m} href={modeHref(m!)} aria-current={mode === m ? 'page' : undefined} className={cn('rounded-md px-3 py-1 font-medium', mode === m ? 'bg-white text-stone-900 shadow-sm' : 'text-stone-600 hover:text-stone-900')}>
              {label}
            </Link>
          ))}
        </nav>
      </div>
    );

    if (mode === 'parallel') {
      const a = first(query.a) ?? chosenDocs[0];
      const b = first(query.b) ?? chosenDocs.find((d) => d !== a);
      if (!a || !b) return <FormError message="Parallel text needs two articles: choose at least two." />;
      const parallel = await getParallelText(actor, slug, { ...filtersOf(query), documents: [a, b] });
      const pick = (name: 'a' | 'b', value: string) => (
        <label className="flex items-center gap-2 text-sm">
          <span className="font-medium text-stone-700">{name === 'a' ? 'Left' : 'Right'}</span>
          <select name={name} defaultValue={value} className={cn(selectClass, 'max-w-72')}>
            {view.documents.map((d) => (
              <option key={d.id} value={d.id}>
                {displayTitle(d)}
              </option>
            ))}
          </select>
        </label>
      );
      return (
        <div className="space-y-4">
          <CompareFilters action={base} selection={view.selection} options={view} hidden={{ mode: 'parallel', category: category.id }} />
          {header}
          <form method="get" action={base} className="no-print flex flex-wrap items-center gap-3" aria-label="Choose two articles">
            {[...new URLSearchParams(selectionQuery(view.selection, view, { mode: 'parallel', category: category.id })).entries()].map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            {pick('a', a)}
            {pick('b', b)}
            <button type="submit" className={buttonClass('secondary', 'py-1.5')}>
              Read
            </button>
          </form>
          <p className="text-xs text-stone-500">
            Two whole articles, each scrolling on its own, with every chosen factor highlighted in its colour; “{category.path}” is drawn strongest. Passages overlapping several factors show one bar per factor.
          </p>
          <ParallelText documents={parallel.documents} categories={categories} focus={category.id} />
        </div>
      );
    }

    const shown = chosenDocs.slice(0, maxColumns);
    const columns = (await getComparisonPassages(actor, slug, { ...filtersOf(query), documents: shown, category: category.id })).columns;
    return (
      <div className="space-y-4">
        <CompareFilters action={base} selection={view.selection} options={view} hidden={{ category: category.id }} />
        {header}
        <p className="text-xs text-stone-500">
          One column per article: its passages on “{category.path}” in text order, each in its sentence, with who tagged it, their notes and attribute values.
          {chosenDocs.length > maxColumns ? ` Showing the first ${maxColumns} of ${chosenDocs.length} chosen articles; choose up to ${maxColumns} under Articles.` : ''}
        </p>
        <div className="overflow-x-auto pb-2">
        <div className="grid gap-3" style={{ gridTemplateColumns: `repeat(${shown.length}, minmax(15rem, 1fr))` }} data-testid="reader-columns">
          {columns.map((col) => (
            <section key={col.document.id} className="flex min-w-0 flex-col rounded-xl border border-stone-200 bg-stone-50/60" aria-label={displayTitle(col.document)} data-testid="reader-column" data-document={col.document.id}>
              <header className="border-b border-stone-200 bg-white p-3">
                <h3 className="line-clamp-2 text-sm font-semibold text-stone-900">{displayTitle(col.document)}</h3>
                <p className="mt-0.5 text-xs text-stone-500">
                  {col.document.author ?? 'Author unknown'} · {col.passages.length} passage{col.passages.length === 1 ? '' : 's'} · {pct(col.chars / Math.max(1, col.document.length))} of the text
                </p>
              </header>
              <div className="max-h-[70vh] space-y-2 overflow-y-auto p-2 print:max-h-none print:overflow-visible">
                {col.passages.length === 0 ? (
                  <p className="px-2 py-6 text-center text-sm text-stone-500">No passage on this factor.</p>
                ) : (
                  col.passages.map((p) => <PassageCard key={p.start} passage={p} color={category.color} attributes={view.attributes} />)
                )}
              </div>
            </section>
          ))}
        </div>
        </div>
      </div>
    );
  } catch (error) {
    if (isAppError(error) && error.code === 'INVALID') return <FormError message={error.message} />;
    throw error;
  }
}
