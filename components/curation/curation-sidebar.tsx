'use client';
import Link from 'next/link';
import { removeConsensusAction, setCurationStatusAction } from '@/lib/actions/curation';
import type { CurationStatus } from '@/lib/generated/prisma/enums';
import { cn } from '@/components/ui/cn';
import { selectClass } from '@/components/ui/field';
import type { CurationBoardState } from './use-curation';

const statusLabels: Record<CurationStatus, string> = { NOT_STARTED: 'Not started', IN_PROGRESS: 'In progress', DONE: 'Done' };

/** Beside the review: the curation's status and annotators, the consensus layer, and the decision log. */
export function CurationSidebar({ board, slug }: { board: CurationBoardState; slug: string }) {
  const { view, doc, busy, run, categoryOf, nameOf, colorOf } = board;
  return (
    <aside className="space-y-6">
      <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
        <label htmlFor="curation-status" className="text-sm font-semibold text-stone-900">
          Curation status
        </label>
        <select
          id="curation-status"
          value={view.status}
          disabled={busy}
          onChange={(e) => {
            const status = e.target.value as CurationStatus;
            run(() => setCurationStatusAction(doc.id, status), `Curation marked ${statusLabels[status].toLowerCase()}.`);
          }}
          className={cn(selectClass, 'mt-2 block w-full')}
        >
          {(Object.keys(statusLabels) as CurationStatus[]).map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
        <p className="mt-4 text-sm font-semibold text-stone-900">Annotators curated</p>
        <div className="mt-2 flex flex-wrap gap-1.5">
          {view.annotators.map((a) => {
            const on = view.chosen.includes(a.id);
            const next = on ? view.chosen.filter((id) => id !== a.id) : [...view.chosen, a.id];
            return (
              <button
                key={a.id}
                type="button"
                aria-pressed={on}
                disabled={busy || (on && view.chosen.length === 1)}
                onClick={() => board.chooseAnnotators(next)}
                className={cn('inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset', on ? 'bg-white text-stone-800 ring-stone-300' : 'bg-stone-100 text-stone-400 line-through ring-stone-200')}
              >
                <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: colorOf.get(a.id) }} />
                {a.name} <span className="font-normal text-stone-500">{a.spanCount}</span>
              </button>
            );
          })}
        </div>
      </section>

      <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm" aria-label="Consensus layer">
        <div className="flex items-baseline justify-between">
          <h3 className="text-sm font-semibold text-stone-900">Consensus layer</h3>
          <Link href={`/projects/${slug}/documents/${doc.id}?layers=all`} className="text-xs font-medium text-accent-700 hover:underline">
            Read it in the document
          </Link>
        </div>
        <p className="mt-0.5 text-xs text-stone-500" data-testid="consensus-count">
          {view.consensus.length} passage{view.consensus.length === 1 ? '' : 's'}
        </p>
        {view.consensus.length === 0 ? (
          <p className="mt-3 text-sm text-stone-500">Nothing yet: apply a rule or accept passages on the left.</p>
        ) : (
          <ul className="mt-3 max-h-[28rem] space-y-2 overflow-y-auto pr-1">
            {view.consensus.map((c) => {
              const category = categoryOf.get(c.categoryId);
              const decision = view.decisions.find((d) => d.id === c.decisionId);
              return (
                <li key={c.id} className="group rounded-lg border border-stone-100 p-2 text-sm" data-testid="consensus-item">
                  <div className="flex items-start gap-2">
                    <span aria-hidden className="mt-1.5 h-2 w-2 shrink-0 rounded-full" style={{ background: category?.color }} />
                    <p className="line-clamp-2 min-w-0 flex-1 font-serif text-stone-800">{c.quote}</p>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => run(() => removeConsensusAction(doc.id, c.id), 'Removed from the consensus; its passage is open for review again.')}
                      className="shrink-0 rounded px-1.5 text-xs text-stone-400 opacity-0 hover:bg-red-50 hover:text-red-700 focus:opacity-100 group-hover:opacity-100"
                      aria-label={`Remove “${c.quote.slice(0, 40)}” from the consensus`}
                    >
                      Remove
                    </button>
                  </div>
                  <p className="mt-1 pl-4 text-xs text-stone-500">
                    {category?.path}
                    {decision ? ` · ${decision.kind === 'MERGED' ? `merged (${decision.rule})` : decision.kind.toLowerCase()} from ${decision.sourceAnnotatorIds.map((id) => nameOf.get(id) ?? 'a former annotator').join(', ')}` : ''}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm" aria-label="Decisions">
        <h3 className="text-sm font-semibold text-stone-900">Decisions</h3>
        {view.decisions.length === 0 ? (
          <p className="mt-2 text-sm text-stone-500">None yet.</p>
        ) : (
          <ul className="mt-2 max-h-72 space-y-1.5 overflow-y-auto text-xs text-stone-600" data-testid="decision-log">
            {view.decisions.slice(0, 100).map((d) => (
              <li key={d.id} className={cn(d.revoked && 'line-through opacity-60')}>
                <span className="font-medium text-stone-800">{d.curator?.name ?? 'Command line'}</span>{' '}
                {d.kind === 'MERGED' ? `merged (${d.rule})` : d.kind.toLowerCase()} “{d.quote.slice(0, 50)}{d.quote.length > 50 ? '…' : ''}” ({d.categoryName})
                {d.sourceAnnotatorIds.length > 0 ? ` from ${d.sourceAnnotatorIds.map((id) => nameOf.get(id) ?? 'a former annotator').join(', ')}` : ''}
                <span className="text-stone-400"> · {new Date(d.createdAt).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
