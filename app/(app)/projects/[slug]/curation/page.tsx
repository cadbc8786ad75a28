import type { Metadata } from 'next';
import Link from 'next/link';
import { displayTitle } from '@/components/documents/format';
import { EmptyState } from '@/components/ui/states';
import { cn } from '@/components/ui/cn';
import { listCurationOverview } from '@/lib/data/curation';
import { getProjectCached, orNotFound } from '@/lib/page-data';
import { canCurate } from '@/lib/permissions';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Curation' };

const statusStyle = {
  NOT_STARTED: ['Not started', 'bg-stone-100 text-stone-700 ring-stone-200'],
  IN_PROGRESS: ['In progress', 'bg-amber-50 text-amber-800 ring-amber-200'],
  DONE: ['Done', 'bg-emerald-50 text-emerald-800 ring-emerald-200'],
} as const;

export default async function CurationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor } = await requireActor();
  const { role } = await orNotFound(getProjectCached(actor, slug));
  if (!canCurate(role)) {
    return <EmptyState title="Curation is for curators and owners">The consensus layer is built by the project’s curators.</EmptyState>;
  }
  const rows = await listCurationOverview(actor, slug);
  const done = rows.filter((r) => r.status === 'DONE').length;
  return (
    <div className="space-y-5">
      <div>
        <h2 className="font-semibold text-stone-900">Curation</h2>
        <p className="mt-1 max-w-3xl text-sm text-stone-600">
          Each document’s consensus layer, built from the annotators’ layers. {done} of {rows.length} document{rows.length === 1 ? '' : 's'} done.
        </p>
        <div className="mt-3 flex h-2 max-w-md overflow-hidden rounded-full bg-stone-200" aria-hidden>
          <span className="bg-emerald-500" style={{ width: `${rows.length ? (done / rows.length) * 100 : 0}%` }} />
          <span className="bg-amber-400" style={{ width: `${rows.length ? (rows.filter((r) => r.status === 'IN_PROGRESS').length / rows.length) * 100 : 0}%` }} />
        </div>
      </div>
      {rows.length === 0 ? (
        <EmptyState title="No documents yet">Import articles first; their curation appears here.</EmptyState>
      ) : (
        <div className="overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm">
          <table className="w-full text-sm" data-testid="curation-overview">
            <thead className="border-b border-stone-200 bg-stone-50 text-left text-xs font-medium uppercase tracking-wide text-stone-500">
              <tr>
                <th className="px-4 py-3">Document</th>
                <th className="px-4 py-3">Status</th>
                <th className="px-4 py-3 text-right">Annotators</th>
                <th className="px-4 py-3 text-right">Spans</th>
                <th className="px-4 py-3">Review items decided</th>
                <th className="px-4 py-3 text-right">Consensus</th>
                <th className="px-4 py-3" />
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {rows.map((r) => {
                const total = r.openCount + r.decidedCount;
                const [label, style] = statusStyle[r.status];
                return (
                  <tr key={r.id} className="hover:bg-stone-50/60">
                    <td className="px-4 py-3 text-stone-900">{displayTitle(r)}</td>
                    <td className="px-4 py-3">
                      <span className={cn('inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', style)}>{label}</span>
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">{r.annotatorCount}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{r.spanCount}</td>
                    <td className="px-4 py-3">
                      <div className="flex items-center gap-2">
                        <span className="h-1.5 w-24 overflow-hidden rounded-full bg-stone-200">
                          <span className="block h-full bg-accent-500" style={{ width: `${total ? (r.decidedCount / total) * 100 : 0}%` }} />
                        </span>
                        <span className="text-xs tabular-nums text-stone-600">
                          {r.decidedCount} / {total}
                        </span>
                      </div>
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">{r.consensusCount}</td>
                    <td className="px-4 py-3 text-right">
                      <Link href={`/projects/${slug}/documents/${r.id}/curate`} className="font-medium text-accent-700 hover:underline">
                        Curate
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
