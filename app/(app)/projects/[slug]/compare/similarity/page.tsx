import type { Metadata } from 'next';
import Link from 'next/link';
import { CompareFilters, filtersOf, selectionQuery, type SearchParams } from '@/components/compare/compare-filters';
import { Card, mixHex, pct } from '@/components/compare/figures';
import { FormError } from '@/components/ui/field';
import { getComparison } from '@/lib/data/compare';
import { orInvalid } from '@/lib/page-data';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Author similarity' };

const distanceColor = (d: number) =>
  Number.isFinite(d) ? { background: mixHex('#ecfdf5', '#7c2d12', d), color: d > 0.55 ? '#fff' : '#1c1917' } : { background: '#f5f5f4', color: '#a8a29e' };

export default async function SimilarityPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const { actor } = await requireActor();
  const base = `/projects/${slug}/compare/similarity`;
  const loaded = await orInvalid(getComparison(actor, slug, filtersOf(query)));
  if (!loaded.ok) return <FormError message={loaded.message} />;
  const view = loaded.value;
  const { authors, distances } = view.comparison;
  const pairOf = (a: string, b: string) => distances.find((d) => (d.a === a && d.b === b) || (d.a === b && d.b === a));
  const nameOf = new Map(view.categories.map((c) => [c.id, c]));
  const readerHref = (documentIds: string[], categoryId: string | undefined) =>
    `/projects/${slug}/compare/reader?${selectionQuery({ ...view.selection, documents: documentIds }, view, { category: categoryId })}`;
  const sorted = [...distances].filter((d) => Number.isFinite(d.distance)).sort((x, y) => y.distance - x.distance);
  const label = new Map(authors.map((a) => [a.key, a.label]));
  return (
    <div className="space-y-5">
      <CompareFilters action={base} selection={view.selection} options={view} />
      <div className="grid gap-5 xl:grid-cols-[auto_minmax(0,1fr)]">
        <Card title="How far apart the authors’ framings are" caption="Jensen–Shannon distance between framing profiles: 0 = the same mix of factors, 1 = no factor in common. Click a cell to read the two side by side on the factor that separates them most.">
          <div className="overflow-x-auto">
            <table className="border-separate border-spacing-1 text-sm" data-testid="distance-matrix">
              <thead>
                <tr>
                  <th />
                  {authors.map((a, i) => (
                    <th key={a.key} className="w-20 align-bottom text-xs font-medium text-stone-600" title={a.label}>
                      <span className="line-clamp-3">{String.fromCharCode(65 + i)}. {a.label}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {authors.map((row, i) => (
                  <tr key={row.key}>
                    <th scope="row" className="max-w-48 pr-2 text-right text-xs font-medium text-stone-700">
                      <span className="line-clamp-2">{String.fromCharCode(65 + i)}. {row.label}</span>
                    </th>
                    {authors.map((col) => {
                      if (col.key === row.key) return <td key={col.key} className="h-14 w-20 rounded-md bg-stone-50 text-center text-xs text-stone-300">0</td>;
                      const pair = pairOf(row.key, col.key);
                      const d = pair?.distance ?? Number.NaN;
                      const top = pair?.separating[0]?.category;
                      const text = Number.isFinite(d) ? d.toFixed(2) : 'n/c';
                      const title = `${row.label} and ${col.label}: ${text}${top ? `; most separated on ${nameOf.get(top)?.path}` : ''}`;
                      return (
                        <td key={col.key} className="h-14 w-20">
                          <Link href={readerHref([...row.documentIds, ...col.documentIds], top)} title={title} aria-label={title} style={distanceColor(d)} className="flex h-full items-center justify-center rounded-md font-medium tabular-nums hover:ring-2 hover:ring-accent-500">
                            {text}
                          </Link>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="mt-3 flex items-center gap-2 text-xs text-stone-600">
            <span>0</span>
            <span className="h-3 w-40 rounded-sm" style={{ background: `linear-gradient(90deg, #ecfdf5, ${mixHex('#ecfdf5', '#7c2d12', 0.5)}, #7c2d12)` }} />
            <span>1 (nothing in common)</span>
          </div>
        </Card>
        <Card title="What separates them" caption="For each pair, most distant first: the factors that account for most of the difference, with the share of each author’s tagged text they take.">
          <ol className="space-y-3" data-testid="separating">
            {sorted.map((d) => (
              <li key={`${d.a}-${d.b}`} className="rounded-lg border border-stone-100 p-3">
                <p className="text-sm text-stone-900">
                  <span className="font-medium">{label.get(d.a)}</span> and <span className="font-medium">{label.get(d.b)}</span>
                  <span className="ml-2 rounded bg-stone-100 px-1.5 py-0.5 text-xs tabular-nums text-stone-700">{d.distance.toFixed(2)}</span>
                </p>
                <ul className="mt-1.5 space-y-1 text-xs text-stone-600">
                  {d.separating.slice(0, 3).map((f) => {
                    const c = nameOf.get(f.category);
                    const more = f.a > f.b ? label.get(d.a) : label.get(d.b);
                    return (
                      <li key={f.category} className="flex items-center gap-2">
                        <span aria-hidden className="h-2 w-2 shrink-0 rounded-full" style={{ background: c?.color }} />
                        <span>
                          <span className="font-medium text-stone-800">{c?.path}</span>: {pct(f.a, 0)} vs {pct(f.b, 0)} — argued more by {more} ({pct(f.contribution, 0)} of the difference)
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
            {sorted.length === 0 ? <li className="text-sm text-stone-500">Nothing to compare: at least two authors need tagged passages in this source.</li> : null}
          </ol>
        </Card>
      </div>
    </div>
  );
}
