'use client';
import { applyMergeRuleAction } from '@/lib/actions/curation';
import { mergeRuleDescriptions, mergeRuleLabels, mergeRules } from '@/lib/curation/clusters';
import type { CurationView } from '@/lib/data/curation';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { CurationSidebar } from './curation-sidebar';
import { Kbd } from '@/components/ui/kbd';
import { ReviewItem } from './review-item';
import { useCuration, type BoardCodebook } from './use-curation';

export type { BoardCodebook };

/**
 * The curation board of one document: apply a merge rule to what the annotators agree on, then
 * settle the rest one review item at a time (accept a version, edit one, or reject), with the
 * consensus layer and the decision log beside it. Keyboard: j / k move, 1–9 accept a version,
 * e edits, r rejects, Esc cancels an edit.
 */
export function CurationBoard({ initial, codebook, slug }: { initial: CurationView; codebook: BoardCodebook; slug: string }) {
  const board = useCuration({ initial, codebook });
  const { view, rule, setRule, message, busy, startBusy, doc, open, reload } = board;
  const plan = view.plans[rule];

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_24rem]">
      <div className="min-w-0 space-y-6">
        <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm" aria-label="Merge rule">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h3 className="text-sm font-semibold text-stone-900">1 · Merge what the annotators agree on</h3>
            <div role="radiogroup" aria-label="Rule" className="flex rounded-lg bg-stone-100 p-1 text-sm">
              {mergeRules.map((r) => (
                <button
                  key={r}
                  type="button"
                  role="radio"
                  aria-checked={rule === r}
                  onClick={() => setRule(r)}
                  className={cn('rounded-md px-3 py-1 font-medium', rule === r ? 'bg-white text-stone-900 shadow-sm' : 'text-stone-600 hover:text-stone-900')}
                >
                  {mergeRuleLabels[r]}
                </button>
              ))}
            </div>
          </div>
          <p className="mt-2 text-sm text-stone-600">{mergeRuleDescriptions[rule]}</p>
          <ul className="mt-3 space-y-0.5 text-sm text-stone-800" data-testid="merge-preview">
            {plan.summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <div className="mt-4 flex items-center gap-3">
            <button
              type="button"
              disabled={busy || plan.accepted === 0}
              onClick={() =>
                startBusy(async () => {
                  const result = await applyMergeRuleAction(doc.id, { rule, annotators: view.chosen });
                  await reload(result.ok ? { tone: 'info', text: result.data.summary[0] ?? 'Merged.' } : { tone: 'error', text: result.error.message });
                })
              }
              className={buttonClass('primary')}
            >
              {busy ? 'Working…' : `Apply “${mergeRuleLabels[rule]}” to ${plan.accepted} passage${plan.accepted === 1 ? '' : 's'}`}
            </button>
            <span className="text-xs text-stone-500">Each merged passage records the rule and the annotators’ spans it came from.</span>
          </div>
        </section>

        {message ? (
          <p role="status" className={cn('rounded-lg px-4 py-2 text-sm', message.tone === 'error' ? 'bg-red-50 text-red-800 ring-1 ring-red-200' : 'bg-emerald-50 text-emerald-900 ring-1 ring-emerald-200')}>
            {message.text}
          </p>
        ) : null}

        <section aria-label="Review" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="text-sm font-semibold text-stone-900">
              2 · Review the rest{' '}
              <span className="font-normal text-stone-500" data-testid="open-count">
                {open.length} open · {view.settledCount} decided
              </span>
            </h3>
            <p className="flex flex-wrap gap-x-3 text-xs text-stone-500">
              <span><Kbd>j</Kbd> <Kbd>k</Kbd> move</span>
              <span><Kbd>1</Kbd>–<Kbd>9</Kbd> accept a version</span>
              <span><Kbd>e</Kbd> edit</span>
              <span><Kbd>r</Kbd> reject</span>
            </p>
          </div>
          {open.length === 0 ? (
            <div className="rounded-xl border border-dashed border-emerald-300 bg-emerald-50/60 px-6 py-10 text-center text-sm text-emerald-900" data-testid="review-empty">
              Every passage the chosen annotators marked has been decided.
              {view.status !== 'DONE' ? ' Mark the curation done when the consensus reads right.' : ''}
            </div>
          ) : (
            <ol className="space-y-3">
              {open.map((cluster, i) => (
                <ReviewItem key={cluster.key} board={board} cluster={cluster} i={i} codebook={codebook} />
              ))}
            </ol>
          )}
        </section>
      </div>

      <CurationSidebar board={board} slug={slug} />
    </div>
  );
}
