import type { Metadata } from 'next';
import Link from 'next/link';
import { DisagreementExplorer } from '@/components/agreement/disagreement-explorer';
import { annotatorColor } from '@/components/agreement/scale';
import { displayTitle } from '@/components/documents/format';
import { buttonClass } from '@/components/ui/button';
import { FormError, selectClass } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/states';
import { getDisagreements, type DisagreementView } from '@/lib/data/agreement';
import { isAppError } from '@/lib/errors';
import { getProjectCached, orNotFound } from '@/lib/page-data';
import { canCurate } from '@/lib/permissions';
import { requireActor } from '@/lib/session';
import { cn } from '@/components/ui/cn';

export const metadata: Metadata = { title: 'Disagreements' };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ExplorePage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const { actor } = await requireActor();
  const access = await orNotFound(getProjectCached(actor, slug));
  let view: DisagreementView;
  try {
    view = await orNotFound(getDisagreements(actor, slug, { document: first(query.document), category: first(query.category), annotators: query.annotators }));
  } catch (error) {
    if (isAppError(error) && (error.code === 'FORBIDDEN' || error.code === 'INVALID')) {
      return error.code === 'FORBIDDEN' ? (
        <EmptyState title="Agreement is not open to annotators in this project">{error.message}</EmptyState>
      ) : (
        <FormError message={error.message} />
      );
    }
    throw error;
  }
  const colorOf = new Map(view.annotators.map((a, i) => [a.id, annotatorColor(i)]));
  const chosen = view.annotators.filter((a) => view.chosen.includes(a.id));
  const back = `/projects/${slug}/agreement?annotators=${view.chosen.join(',')}`;
  const { summary } = view;
  const total = summary.agreedChars + summary.disagreedChars;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <Link href={back} className="text-xs font-medium text-stone-500 hover:text-stone-800">
            ← Agreement
          </Link>
          <h2 className="mt-1 flex items-center gap-2 font-semibold text-stone-900">
            <span aria-hidden className="h-3 w-3 rounded-full" style={{ background: view.category.color }} />
            {view.category.path}
            <span className="font-normal text-stone-500">in</span>
            <span className="truncate">{displayTitle(view.document)}</span>
          </h2>
          <p className="mt-1 text-sm text-stone-600" data-testid="explore-summary">
            {total === 0
              ? 'Nobody marked this category here.'
              : `${Math.round((summary.agreedChars / total) * 100)} % of the marked text is marked by all ${chosen.length} annotators; ${summary.regions.length} passage${summary.regions.length === 1 ? '' : 's'} where they differ (${summary.disagreedChars.toLocaleString('en')} characters).`}
          </p>
        </div>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Choose a document and a category">
          <input type="hidden" name="annotators" value={view.chosen.join(',')} />
          <label className="text-xs font-medium text-stone-600">
            <span className="mb-1 block">Document</span>
            <select name="document" defaultValue={view.document.id} className={cn(selectClass, 'max-w-64')}>
              {view.documents.map((d) => (
                <option key={d.id} value={d.id}>
                  {displayTitle(d)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-stone-600">
            <span className="mb-1 block">Category</span>
            <select name="category" defaultValue={view.category.id} className={cn(selectClass, 'max-w-64')}>
              {view.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.path}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClass('secondary', 'py-1.5')}>
            Show
          </button>
        </form>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="text-stone-500">Annotators:</span>
        {view.annotators.map((a) => {
          const on = view.chosen.includes(a.id);
          const next = on ? view.chosen.filter((id) => id !== a.id) : [...view.chosen, a.id];
          const q = new URLSearchParams({ document: view.document.id, category: view.category.id, annotators: next.join(',') });
          return (
            <Link
              key={a.id}
              href={`?${q.toString()}`}
              aria-pressed={on}
              title={on ? `Leave ${a.name} out` : `Add ${a.name}`}
              className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 font-medium ring-1 ring-inset ${on ? 'bg-white text-stone-800 ring-stone-300' : 'bg-stone-100 text-stone-400 ring-stone-200 line-through'}`}
            >
              <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: colorOf.get(a.id) }} />
              {a.name}
            </Link>
          );
        })}
      </div>
      {chosen.length < 2 ? (
        <EmptyState title="Choose at least two annotators">A disagreement needs two annotators to compare.</EmptyState>
      ) : (
        <DisagreementExplorer
          text={view.document.text}
          documentHref={`/projects/${slug}/documents/${view.document.id}?layers=all`}
          curateHref={canCurate(access.role) ? `/projects/${slug}/documents/${view.document.id}/curate` : null}
          category={{ name: view.category.path, color: view.category.color }}
          annotators={chosen.map((a) => ({ id: a.id, name: a.name, color: colorOf.get(a.id)! }))}
          spans={view.spans}
          regions={summary.regions}
          agreedPassages={summary.agreedPassages}
        />
      )}
    </div>
  );
}
