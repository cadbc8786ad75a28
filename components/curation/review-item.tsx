'use client';
import type { Cluster } from '@/lib/curation/clusters';
import { contextWindow } from '@/components/agreement/context';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EditPanel } from './edit-panel';
import { Kbd } from '@/components/ui/kbd';
import type { BoardCodebook, CurationBoardState } from './use-curation';

/** One review item: the passage the annotators marked differently, its versions to accept, or the edit in progress. */
export function ReviewItem({ board, cluster, i, codebook }: { board: CurationBoardState; cluster: Cluster; i: number; codebook: BoardCodebook }) {
  const { view, open, current, draft, setDraft, text, items, categoryOf, nameOf, colorOf, busy, accept, reject, startEdit, saveDraft } = board;
  const category = categoryOf.get(cluster.categoryId);
  const ctx = contextWindow(text, cluster.start, cluster.end, 60);
  const active = i === Math.min(current, open.length - 1);
  const editing = draft?.clusterKey === cluster.key ? draft : null;
  const missing = view.chosen.filter((id) => !cluster.annotatorIds.includes(id));
  return (
    <li
      key={cluster.key}
      ref={(el) => {
        items.current[i] = el;
      }}
      data-testid="review-item"
      aria-current={active ? 'true' : undefined}
      onClick={() => {
        if (!active) board.select(i);
      }}
      className={cn('rounded-xl border bg-white shadow-sm transition', active ? 'border-accent-500 p-4 ring-2 ring-accent-100' : 'cursor-pointer border-stone-200 px-4 py-2.5 hover:border-stone-300')}
    >
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-stone-600">
        <span className="flex items-center gap-2">
          <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ background: category?.color }} />
          <span className="font-medium text-stone-800">{category?.path ?? 'Unknown category'}</span>
          <span>
            · {cluster.variants.length} version{cluster.variants.length === 1 ? '' : 's'}
            {missing.length > 0 ? ` · not marked by ${missing.map((id) => nameOf.get(id)).join(', ')}` : ''}
          </span>
        </span>
        <span className="tabular-nums">
          {i + 1} / {open.length}
        </span>
      </div>
      {!active ? (
        <p className="mt-1.5 flex items-center gap-2 text-sm text-stone-600">
          <span className="min-w-0 flex-1 truncate font-serif text-stone-700">“{text.slice(cluster.variants[0]!.start, cluster.variants[0]!.end)}”</span>
          <span className="flex shrink-0 gap-1">
            {cluster.annotatorIds.map((id) => (
              <span key={id} title={nameOf.get(id)} aria-label={nameOf.get(id)} className="h-2 w-2 rounded-full" style={{ background: colorOf.get(id) }} />
            ))}
          </span>
        </p>
      ) : editing ? (
        <EditPanel
          text={text}
          context={ctx}
          draft={editing}
          setDraft={setDraft}
          codebook={codebook}
          onSave={saveDraft}
          onCancel={() => setDraft(null)}
          busy={busy}
        />
      ) : (
        <div className="mt-3 space-y-2">
          {cluster.variants.map((v, n) => (
            <div key={v.key} className="grid grid-cols-[auto_1fr_auto] items-start gap-3 rounded-lg bg-stone-50/80 p-2.5" data-testid="variant">
              <span className="mt-0.5 flex h-5 w-5 items-center justify-center rounded bg-white text-xs font-semibold text-stone-600 ring-1 ring-stone-200">{n + 1}</span>
              <div className="min-w-0">
                <p className="font-serif text-[15px] leading-relaxed text-stone-500">
                  {ctx.start > 0 ? '… ' : ''}
                  {text.slice(ctx.start, v.start)}
                  <mark className="rounded-sm px-0.5 text-stone-900" style={{ background: `${category?.color ?? '#a8a29e'}38`, boxShadow: `inset 0 -2px 0 ${category?.color ?? '#a8a29e'}` }}>
                    {text.slice(v.start, v.end)}
                  </mark>
                  {text.slice(v.end, ctx.end)}
                  {ctx.end < text.length ? ' …' : ''}
                </p>
                <p className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-stone-600">
                  {v.annotatorIds.map((id) => (
                    <span key={id} className="inline-flex items-center gap-1 rounded-full bg-white px-2 py-0.5 font-medium ring-1 ring-stone-200">
                      <span aria-hidden className="h-1.5 w-1.5 rounded-full" style={{ background: colorOf.get(id) }} />
                      {nameOf.get(id)}
                    </span>
                  ))}
                  {Object.entries(v.attributes).map(([k, value]) => (
                    <span key={k} className="rounded bg-white px-1.5 py-0.5 ring-1 ring-stone-200">
                      {codebook.attributes.find((a) => a.key === k)?.name ?? k}: {codebook.attributes.find((a) => a.key === k)?.options.find((o) => o.value === value)?.label ?? value}
                    </span>
                  ))}
                  {v.spans.filter((s) => s.note).map((s) => (
                    <span key={s.id} className="italic text-stone-500">
                      {nameOf.get(s.annotatorId)}: “{s.note}”
                    </span>
                  ))}
                </p>
              </div>
              <button type="button" disabled={busy} onClick={() => accept(cluster, v)} className={buttonClass('secondary', 'px-2.5 py-1 text-xs')}>
                Accept <Kbd>{String(n + 1)}</Kbd>
              </button>
            </div>
          ))}
          <div className="flex gap-2 pt-1">
            <button type="button" disabled={busy} onClick={() => startEdit(cluster)} className={buttonClass('secondary', 'px-2.5 py-1 text-xs')}>
              Edit… <Kbd>e</Kbd>
            </button>
            <button type="button" disabled={busy} onClick={() => reject(cluster)} className={buttonClass('ghost', 'px-2.5 py-1 text-xs text-red-700 hover:bg-red-50')}>
              Reject <Kbd>r</Kbd>
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
