import type { Metadata } from 'next';
import Link from 'next/link';
import { AgreementFilters } from '@/components/agreement/agreement-filters';
import { AlphaCell, Card, CategoryBars, DocumentCategoryTable, exploreHref, Guidance, Headline, Legend, PairMatrix } from '@/components/agreement/figures';
import { EmptyState } from '@/components/ui/states';
import { FormError, selectClass } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';
import { getAgreement, type AgreementView } from '@/lib/data/agreement';
import { isAppError } from '@/lib/errors';
import { formatAgreement } from '@/lib/agreement/types';
import { orNotFound } from '@/lib/page-data';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Agreement' };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AgreementPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const { actor } = await requireActor();
  const tab = first(query.view) === 'sentences' ? 'sentences' : 'spans';
  const pairCategory = first(query.pair) ?? '';
  let view: AgreementView;
  try {
    view = await orNotFound(getAgreement(actor, slug, { annotators: query.annotators, documents: query.documents, categories: query.categories, group: first(query.group) || undefined }));
  } catch (error) {
    if (isAppError(error) && error.code === 'FORBIDDEN') {
      return (
        <EmptyState title="Agreement is not open to annotators in this project" action={<Link href={`/projects/${slug}`} className="text-sm font-medium text-accent-700 hover:underline">Back to the corpus</Link>}>
          {error.message}
        </EmptyState>
      );
    }
    if (isAppError(error) && error.code === 'INVALID') {
      return (
        <div className="space-y-4">
          <FormError message={error.message} />
          <Link href={`/projects/${slug}/agreement`} className="text-sm font-medium text-accent-700 hover:underline">
            Show the default comparison
          </Link>
        </div>
      );
    }
    throw error;
  }
  const { report, selection } = view;
  const base = `/projects/${slug}/agreement`;
  const keep = new URLSearchParams();
  for (const key of ['annotators', 'documents', 'categories'] as const) if (query[key] !== undefined) keep.set(key, selection[key].join(','));
  if (selection.group) keep.set('group', selection.group);
  const tabHref = (t: string) => {
    const q = new URLSearchParams(keep);
    if (t !== 'spans') q.set('view', t);
    return `${base}${q.size > 0 ? `?${q.toString()}` : ''}`;
  };
  const link = exploreHref(slug, selection.annotators);
  const pairs = report?.unitized.pairs ?? [];
  const pairOf = (a: string, b: string) => pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  const sentencePairOf = (a: string, b: string) => report?.sentences.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  const mean = (xs: number[]) => {
    const ok = xs.filter(Number.isFinite);
    return ok.length === 0 ? Number.NaN : ok.reduce((s, x) => s + x, 0) / ok.length;
  };
  const pairCategoryName = report?.categories.find((c) => c.id === pairCategory)?.name;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 className="font-semibold text-stone-900">Agreement</h2>
          <p className="mt-1 max-w-3xl text-sm text-stone-600">
            How far the annotators agree, per category, document and pair. Every coloured figure opens the passages behind it.
          </p>
        </div>
        <nav aria-label="Agreement views" className="no-print flex rounded-lg bg-stone-100 p-1 text-sm">
          {[
            ['spans', 'Passages (αu)'],
            ['sentences', 'Sentences (α, κ, %)'],
          ].map(([t, label]) => (
            <Link key={t} href={tabHref(t!)} aria-current={tab === t ? 'page' : undefined} className={cn('rounded-md px-3 py-1.5 font-medium', tab === t ? 'bg-white text-stone-900 shadow-sm' : 'text-stone-600 hover:text-stone-900')}>
              {label}
            </Link>
          ))}
        </nav>
      </div>
      <AgreementFilters view={view} action={base} extra={tab === 'sentences' ? { view: 'sentences' } : undefined} />
      {view.notes.length > 0 ? (
        <ul className="space-y-1 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="agreement-notes">
          {view.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      {!report ? (
        <EmptyState title="Nothing to compare yet">Agreement needs two annotators who have both annotated at least one document.</EmptyState>
      ) : tab === 'spans' ? (
        <div className="space-y-6">
          <div className="grid gap-6 xl:grid-cols-[1fr_22rem]">
            <div className="space-y-6">
              <Headline report={report} />
              <Card title="By category" caption="αu per category over the chosen documents; the lines mark 0.667 and 0.8. Click a category to see its disagreements.">
                <CategoryBars report={report} link={link} />
              </Card>
            </div>
            <Guidance />
          </div>
          <Card title="Documents × categories" caption="αu of each category in each document; “All” pools the categories. Click a cell to compare the annotators’ passages.">
            <DocumentCategoryTable report={report} link={link} documents={view.documents} />
            <div className="mt-3">
              <Legend />
            </div>
          </Card>
          <Card
            title="Annotator pairs"
            caption={`αu between each two annotators${pairCategoryName ? ` for “${pairCategoryName}”` : ', all categories pooled'}. Click a cell to see where the two differ.`}
          >
            <form method="get" action={base} className="mb-4 flex items-center gap-2 text-sm">
              {[...keep.entries()].map(([k, v]) => (
                <input key={k} type="hidden" name={k} value={v} />
              ))}
              <label htmlFor="pair-category" className="text-stone-600">
                Category
              </label>
              <select id="pair-category" name="pair" defaultValue={pairCategory} className={selectClass}>
                <option value="">All categories</option>
                {report.categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="rounded-md px-2 py-1 text-sm font-medium text-accent-700 hover:bg-accent-50">
                Show
              </button>
            </form>
            <PairMatrix
              report={report}
              label={pairCategoryName ? `αu for ${pairCategoryName}` : 'αu, all categories'}
              value={(a, b) => (pairCategory ? pairOf(a, b)?.byCategory[pairCategory] : pairOf(a, b)?.overall) ?? Number.NaN}
              link={(a, b) => link({ annotators: [a, b], category: pairCategory || undefined })}
            />
          </Card>
        </div>
      ) : (
        <div className="space-y-6">
          <Card
            title="Sentence units, per category"
            caption={`${report.sentences.unitCount.toLocaleString('en')} sentences (headings count as one). A category is present in a sentence when a span of it covers at least half the sentence, or at least half the span lies in it.`}
          >
            <div className="overflow-x-auto">
              <table className="w-full border-separate border-spacing-1 text-sm" data-testid="sentence-table">
                <thead>
                  <tr className="text-xs text-stone-500">
                    <th className="text-left font-medium">Category</th>
                    <th className="font-medium" title="Krippendorff's alpha, nominal, on present/absent per sentence">α (nominal)</th>
                    <th className="font-medium" title="Fleiss' kappa over all chosen annotators">Fleiss’ κ</th>
                    <th className="font-medium" title="Cohen's kappa, mean over annotator pairs">Cohen’s κ (mean)</th>
                    <th className="font-medium" title="Sentences on which every annotator agrees">% agreement</th>
                    <th className="font-medium">Marked by all / any</th>
                  </tr>
                </thead>
                <tbody>
                  {report.categories.map((c) => {
                    const f = report.sentences.byCategory[c.id]!;
                    const href = link({ category: c.id });
                    return (
                      <tr key={c.id}>
                        <th scope="row" className="pr-2 text-left font-normal text-stone-800">
                          <span className="mr-2 inline-block h-2.5 w-2.5 rounded-full align-middle" style={{ background: c.color }} aria-hidden />
                          {c.name}
                        </th>
                        <td className="h-9 w-28"><AlphaCell value={f.alpha} label={`${c.name}, α`} href={href} /></td>
                        <td className="h-9 w-28"><AlphaCell value={f.fleissKappa} label={`${c.name}, Fleiss’ κ`} href={href} /></td>
                        <td className="h-9 w-28"><AlphaCell value={f.cohenKappaMean} label={`${c.name}, mean Cohen’s κ`} href={href} /></td>
                        <td className="h-9 w-28"><AlphaCell value={f.percentAgreement} percent label={`${c.name}, % agreement`} href={href} /></td>
                        <td className="text-center tabular-nums text-stone-700">
                          {f.markedByAll} / {f.markedByAny}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div className="mt-3">
              <Legend />
            </div>
          </Card>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title="Cohen’s κ per pair" caption="Mean over the chosen categories of Cohen’s κ on present/absent per sentence.">
              <PairMatrix
                report={report}
                label="Cohen’s κ, mean over categories"
                value={(a, b) => mean(Object.values(sentencePairOf(a, b)?.kappaByCategory ?? {}))}
                link={(a, b) => link({ annotators: [a, b] })}
              />
            </Card>
            <Card title="Percentage agreement per pair" caption="Share of sentence × category decisions on which the two agree; it does not correct for chance.">
              <PairMatrix
                report={report}
                percent
                label="Percentage agreement"
                value={(a, b) => mean(Object.values(sentencePairOf(a, b)?.percentByCategory ?? {}))}
                link={(a, b) => link({ annotators: [a, b] })}
              />
            </Card>
          </div>
          <Guidance />
          <p className="text-xs text-stone-500">
            Overall αu on passages for the same choice: <strong>{formatAgreement(report.unitized.overall)}</strong>.
          </p>
        </div>
      )}
    </div>
  );
}
