import type { Metadata } from 'next';
import Link from 'next/link';
import { CompareFilters, filtersOf, selectionQuery, type SearchParams } from '@/components/compare/compare-filters';
import { AttributeBars, Card, CooccurrenceMatrix, ProfileBars } from '@/components/compare/figures';
import { MemoEditor } from '@/components/compare/memo-editor';
import { displayTitle } from '@/components/documents/format';
import { cn } from '@/components/ui/cn';
import { FormError } from '@/components/ui/field';
import { getComparison } from '@/lib/data/compare';
import { getProjectCached, orInvalid, orNotFound } from '@/lib/page-data';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Framing profiles' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ProfilesPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const { actor } = await requireActor();
  const { project } = await orNotFound(getProjectCached(actor, slug));
  const base = `/projects/${slug}/compare/profiles`;
  const loaded = await orInvalid(getComparison(actor, slug, filtersOf(query)));
  if (!loaded.ok) return <FormError message={loaded.message} />;
  const view = loaded.value;
  const unit = first(query.co) === 'passage' ? 'passage' : 'paragraph';
  const categories = view.categories.filter((c) => view.selection.categories.includes(c.id));
  const documents = view.documents.filter((d) => view.selection.documents.includes(d.id));
  const attribute = view.attributes.find((a) => a.key === view.attributeKey);
  const reader = (documentIds: string[], categoryId: string) => `/projects/${slug}/compare/reader?${selectionQuery({ ...view.selection, documents: documentIds }, view, { category: categoryId })}`;
  const coHref = (u: string) => `${base}?${selectionQuery(view.selection, view, { co: u === 'passage' ? 'passage' : undefined })}`;
  return (
    <div className="space-y-5">
      <CompareFilters action={base} selection={view.selection} options={view} hidden={unit === 'passage' ? { co: 'passage' } : {}} />
      <div className="grid gap-5 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-5">
          <Card title="Framing profiles" caption="Each author’s tagged text divided among the factors (each bar sums to 100 %). Articles without a stated author stand alone. Click a segment to read those passages.">
            <ProfileBars comparison={view.comparison} categories={categories} authorLink={(a, c) => reader(a.documentIds, c)} />
          </Card>
          {attribute ? (
            <Card title={`${attribute.name} per author`} caption={`Passages of the chosen factors by the ${attribute.name.toLowerCase()} annotators gave them; the bar length is the number of passages (the number at the end). Click a segment for the matrix of those passages.`}>
              <AttributeBars
                comparison={view.comparison}
                attribute={attribute}
                link={(a, value) => `/projects/${slug}/compare?${selectionQuery({ ...view.selection, documents: a.documentIds, attr: `${attribute.key}:${value}` }, view)}`}
              />
            </Card>
          ) : null}
          <Card
            title="Factors argued together"
            caption={
              unit === 'paragraph'
                ? `Number of paragraphs (of ${view.comparison.cooccurrence.paragraph.units}) in which both factors are tagged; the diagonal is how many paragraphs argue the factor at all. Click a number for the matrix of the two factors.`
                : `Number of passages (runs of overlapping tagged text, ${view.comparison.cooccurrence.passage.units} in all) tagged with both factors; the diagonal counts each factor’s passages.`
            }
            actions={
              <nav aria-label="Co-occurrence unit" className="no-print flex rounded-lg bg-stone-100 p-0.5 text-xs">
                {(['paragraph', 'passage'] as const).map((u) => (
                  <Link key={u} href={coHref(u)} aria-current={unit === u ? 'page' : undefined} className={cn('rounded-md px-2.5 py-1 font-medium', unit === u ? 'bg-white text-stone-900 shadow-sm' : 'text-stone-600')}>
                    Same {u}
                  </Link>
                ))}
              </nav>
            }
          >
            <CooccurrenceMatrix
              comparison={view.comparison}
              categories={categories}
              unit={unit}
              link={(a, b) => `/projects/${slug}/compare?${selectionQuery({ ...view.selection, categories: a === b ? [a] : [a, b] }, view)}`}
            />
          </Card>
        </div>
        <section className="space-y-4" aria-label="Memos">
          <Card title="Memo on the whole comparison" caption="Shared with the project; carried into reports.">
            <MemoEditor slug={slug} documentId={null} label="Memo on the whole comparison" question={project.question} initial={view.memos.project} canWrite={view.canWriteMemos} />
          </Card>
          {documents.map((d) => (
            <Card key={d.id} title={displayTitle(d)} caption={d.author ? `by ${d.author}` : 'author unknown'}>
              <MemoEditor slug={slug} documentId={d.id} label={`Memo on ${displayTitle(d)}`} question={project.question} initial={view.memos.byDocument[d.id] ?? null} canWrite={view.canWriteMemos} />
            </Card>
          ))}
        </section>
      </div>
    </div>
  );
}
