import type { Metadata } from 'next';
import Link from 'next/link';
import { CompareFilters, filtersOf, selectionQuery, type SearchParams } from '@/components/compare/compare-filters';
import { Card, FramingMatrixTable, PassageCard, pct } from '@/components/compare/figures';
import { displayTitle } from '@/components/documents/format';
import { buttonClass } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/states';
import { getComparison, getComparisonPassages } from '@/lib/data/compare';
import { isAppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { orNotFound } from '@/lib/page-data';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Framing matrix' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function FramingMatrixPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const { actor } = await requireActor();
  const base = `/projects/${slug}/compare`;
  let view: Awaited<ReturnType<typeof getComparison>>;
  try {
    view = await orNotFound(getComparison(actor, slug, filtersOf(query)));
  } catch (error) {
    if (isAppError(error) && error.code === 'INVALID') {
      return (
        <div className="space-y-3">
          <FormError message={error.message} />
          <Link href={base} className="text-sm font-medium text-accent-700 hover:underline">
            Show every article and factor
          </Link>
        </div>
      );
    }
    throw error;
  }
  const [cellDoc, cellCat] = (first(query.cell) ?? '').split(':');
  const active = cellDoc && cellCat && isUuid(cellDoc) && isUuid(cellCat) && view.selection.documents.includes(cellDoc) && view.selection.categories.includes(cellCat) ? { documentId: cellDoc, categoryId: cellCat } : null;
  const passages = active ? await getComparisonPassages(actor, slug, { ...filtersOf(query), documents: [active.documentId], category: active.categoryId }) : null;
  const documents = view.documents.filter((d) => view.selection.documents.includes(d.id));
  const categories = view.categories.filter((c) => view.selection.categories.includes(c.id));
  const sourceLabel =
    view.selection.layer === 'consensus' ? 'the consensus layer' : view.selection.layer === 'pooled' ? `all annotators pooled (${view.selection.annotators.length})` : `${view.annotators.find((a) => a.id === view.selection.layer)?.name ?? 'one annotator'}’s layer`;
  const cellHref = (documentId: string, categoryId: string) => `${base}?${selectionQuery(view.selection, view, { cell: `${documentId}:${categoryId}` })}#passages`;
  const activeDoc = active ? view.documents.find((d) => d.id === active.documentId) : null;
  const activeCat = active ? view.categories.find((c) => c.id === active.categoryId) : null;
  const column = passages?.columns[0];
  const anyPassage = documents.some((d) => categories.some((c) => (view.comparison.matrix[d.id]?.[c.id]?.chars ?? 0) > 0));
  if (!anyPassage) {
    // An empty grid with a "0.0 %" legend says nothing: say what is missing and what fills it.
    const [title, text, href, label] =
      view.documents.length === 0
        ? ['No articles yet', 'The framing matrix compares articles. Import the articles of your study first.', `/projects/${slug}/import`, 'Import articles']
        : view.categories.length === 0
          ? ['No factors yet', 'The framing matrix compares how much of each article argues each factor. Add your factors to the codebook first.', `/projects/${slug}/codebook`, 'Open the codebook']
          : ['No tagged passages here yet', 'The matrix fills as passages are tagged: open an article and tag a passage with a factor. (Or widen the filters above.)', `/projects/${slug}`, 'Open the corpus'];
    return (
      <div className="space-y-5">
        <CompareFilters action={base} selection={view.selection} options={view} />
        <EmptyState title={title} action={<Link href={href} className={buttonClass('primary')}>{label}</Link>}>
          {text}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="space-y-5">
      <CompareFilters action={base} selection={view.selection} options={view} />
      <Card
        title="Framing matrix"
        caption={`How much of each article argues each factor: the share of its characters inside passages tagged with the factor (overlapping passages counted once), from ${sourceLabel}${view.selection.attr ? `, only passages with ${view.selection.attr.replace(':', ' = ')}` : ''}. Click a cell for its passages.`}
      >
        <FramingMatrixTable comparison={view.comparison} documents={documents} categories={categories} cellHref={cellHref} active={active} />
      </Card>
      {active && activeDoc && activeCat && column ? (
        <section id="passages" className="scroll-mt-4 space-y-3" aria-label="Passages of the chosen cell" data-testid="cell-passages">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="text-sm font-semibold text-stone-900">
              <span className="mr-2 inline-block h-2.5 w-2.5 rounded-full align-middle" style={{ background: activeCat.color }} aria-hidden />
              {activeCat.path} in “{displayTitle(activeDoc)}” — {column.passages.length} passage{column.passages.length === 1 ? '' : 's'}, {pct(column.chars / Math.max(1, activeDoc.length))} of the text
            </h3>
            <span className="flex gap-4 text-xs">
              <Link href={`${base}/reader?${selectionQuery(view.selection, view, { category: activeCat.id })}`} className="font-medium text-accent-700 hover:underline">
                Compare this factor across articles
              </Link>
              <Link href={`${base}?${selectionQuery(view.selection, view)}`} scroll={false} className="font-medium text-stone-500 hover:underline">
                Close
              </Link>
            </span>
          </div>
          {column.passages.length === 0 ? (
            <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-center text-sm text-stone-500">This article has no passage tagged with this factor in this source.</p>
          ) : (
            <div className="grid gap-3 lg:grid-cols-2">
              {column.passages.map((p) => (
                <PassageCard key={p.start} passage={p} color={activeCat.color} attributes={view.attributes} />
              ))}
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}
