'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from 'react';
import {
  applyMergeRuleAction,
  decideCurationAction,
  refreshCurationAction,
  removeConsensusAction,
  setCurationStatusAction,
} from '@/lib/actions/curation';
import { mergeRuleDescriptions, mergeRuleLabels, mergeRules, type Cluster, type MergeRule, type Variant } from '@/lib/curation/clusters';
import type { CurationView } from '@/lib/data/curation';
import type { CurationStatus } from '@/lib/generated/prisma/enums';
import { annotatorColor } from '@/components/agreement/scale';
import { contextWindow } from '@/components/agreement/context';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { selectClass } from '@/components/ui/field';

export type BoardCodebook = {
  categories: { id: string; path: string; color: string }[];
  attributes: { key: string; name: string; options: { value: string; label: string }[] }[];
};

type Draft = { clusterKey: string; categoryId: string; start: number; end: number; attributes: Record<string, string>; note: string };

const statusLabels: Record<CurationStatus, string> = { NOT_STARTED: 'Not started', IN_PROGRESS: 'In progress', DONE: 'Done' };

function Kbd({ children }: { children: string }) {
  return <kbd className="rounded border border-stone-300 bg-stone-50 px-1 font-sans text-[11px] text-stone-600">{children}</kbd>;
}

/**
 * The curation board of one document: apply a merge rule to what the annotators agree on, then
 * settle the rest one review item at a time (accept a version, edit one, or reject), with the
 * consensus layer and the decision log beside it. Keyboard: j / k move, 1–9 accept a version,
 * e edits, r rejects, Esc cancels an edit.
 */
export function CurationBoard({ initial, codebook, slug }: { initial: CurationView; codebook: BoardCodebook; slug: string }) {
  const router = useRouter();
  const [view, setView] = useState(initial);
  const [rule, setRule] = useState<MergeRule>('majority');
  const [current, setCurrent] = useState(0);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [busy, startBusy] = useTransition();
  const items = useRef<(HTMLElement | null)[]>([]);
  const doc = view.document;
  const text = doc.text;
  const colorOf = useMemo(() => new Map(view.annotators.map((a, i) => [a.id, annotatorColor(i)])), [view.annotators]);
  const nameOf = useMemo(() => new Map(view.annotators.map((a) => [a.id, a.name])), [view.annotators]);
  const categoryOf = useMemo(() => new Map(codebook.categories.map((c) => [c.id, c])), [codebook.categories]);
  const open = view.open;
  const item = open[Math.min(current, open.length - 1)];

  const reload = useCallback(async (note?: { tone: 'info' | 'error'; text: string }) => {
    const result = await refreshCurationAction(doc.id, view.chosen);
    if (result.ok) setView(result.data);
    setMessage(note ?? (result.ok ? null : { tone: 'error', text: result.error.message }));
  }, [doc.id, view.chosen]);

  const run = useCallback(
    (work: () => Promise<{ ok: true } | { ok: false; error: { message: string; code: string } }>, success: string) => {
      startBusy(async () => {
        const result = await work();
        if (!result.ok) {
          await reload({ tone: 'error', text: result.error.message });
          return;
        }
        setDraft(null);
        await reload({ tone: 'info', text: success });
      });
    },
    [reload],
  );

  const accept = useCallback(
    (cluster: Cluster, variant: Variant) =>
      run(
        () => decideCurationAction(doc.id, {
          kind: 'accept',
          sources: cluster.spans.map((s) => ({ id: s.id, version: s.version })),
          passage: { categoryId: variant.categoryId, start: variant.start, end: variant.end, attributes: variant.attributes },
        }),
        `Accepted “${text.slice(variant.start, variant.end).slice(0, 60)}” into the consensus.`,
      ),
    [doc.id, run, text],
  );
  const reject = useCallback(
    (cluster: Cluster) =>
      run(() => decideCurationAction(doc.id, { kind: 'reject', sources: cluster.spans.map((s) => ({ id: s.id, version: s.version })) }), 'Rejected: the passage stays out of the consensus.'),
    [doc.id, run],
  );
  const saveDraft = useCallback(() => {
    if (!draft) return;
    const cluster = open.find((c) => c.key === draft.clusterKey);
    if (!cluster) return;
    run(
      () => decideCurationAction(doc.id, {
        kind: 'edit',
        sources: cluster.spans.map((s) => ({ id: s.id, version: s.version })),
        passage: { categoryId: draft.categoryId, start: draft.start, end: draft.end, attributes: draft.attributes, note: draft.note },
      }),
      'Accepted your edited version into the consensus.',
    );
  }, [doc.id, draft, open, run]);
  const startEdit = useCallback((cluster: Cluster, variant?: Variant) => {
    const v = variant ?? cluster.variants[0]!;
    setDraft({ clusterKey: cluster.key, categoryId: v.categoryId, start: v.start, end: v.end, attributes: { ...v.attributes }, note: '' });
  }, []);

  const go = useCallback(
    (index: number) => {
      if (open.length === 0) return;
      const next = (index + open.length) % open.length;
      setCurrent(next);
      setDraft(null);
      items.current[next]?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    },
    [open.length],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) {
        if (e.key === 'Escape') setDraft(null);
        return;
      }
      if (e.metaKey || e.ctrlKey || e.altKey || busy) return;
      if (draft) {
        if (e.key === 'Escape') setDraft(null);
        // Enter on a focused button is that button's click, not a save.
        if (e.key === 'Enter' && target?.tagName !== 'BUTTON') saveDraft();
        return;
      }
      if (!item) return;
      if (e.key === 'j' || e.key === 'ArrowDown') go(current + 1);
      else if (e.key === 'k' || e.key === 'ArrowUp') go(current - 1);
      else if (e.key === 'r') reject(item);
      else if (e.key === 'e') startEdit(item);
      else if (/^[1-9]$/.test(e.key)) {
        const v = item.variants[Number(e.key) - 1];
        if (v) accept(item, v);
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [accept, busy, current, draft, go, item, reject, saveDraft, startEdit]);

  const plan = view.plans[rule];
  const chosenQuery = (ids: string[]) => `?annotators=${ids.join(',')}`;

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
              {open.map((cluster, i) => {
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
                      if (!active) {
                        setCurrent(i);
                        setDraft(null);
                      }
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
              })}
            </ol>
          )}
        </section>
      </div>

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
                  onClick={() => {
                    router.replace(chosenQuery(next));
                    startBusy(async () => {
                      const result = await refreshCurationAction(doc.id, next);
                      if (result.ok) setView(result.data);
                      else setMessage({ tone: 'error', text: result.error.message });
                      setCurrent(0);
                    });
                  }}
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
    </div>
  );
}

/** Editing a version before accepting it: boundaries by selecting text or by word, category, attributes, note. */
function EditPanel({
  text,
  context,
  draft,
  setDraft,
  codebook,
  onSave,
  onCancel,
  busy,
}: {
  text: string;
  context: { start: number; end: number };
  draft: Draft;
  setDraft: (d: Draft) => void;
  codebook: BoardCodebook;
  onSave: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const box = useRef<HTMLParagraphElement>(null);
  const color = codebook.categories.find((c) => c.id === draft.categoryId)?.color ?? '#a8a29e';
  const from = Math.min(context.start, draft.start);
  const to = Math.max(context.end, draft.end);
  // Word boundaries near an offset, for the nudge buttons.
  const wordStep = (at: number, dir: 1 | -1): number => {
    let i = at;
    if (dir === 1) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      while (i < text.length && !/\s/.test(text[i]!)) i++;
    } else {
      while (i > 0 && /\s/.test(text[i - 1]!)) i--;
      while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
    }
    return i;
  };
  const set = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    if (next.end > next.start) setDraft(next);
  };
  const useSelection = () => {
    const sel = window.getSelection();
    const root = box.current;
    if (!sel || sel.rangeCount === 0 || !root) return;
    const range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
    const offsetOf = (node: Node, offset: number) => {
      const pre = document.createRange();
      pre.selectNodeContents(root);
      pre.setEnd(node, offset);
      return from + pre.toString().length;
    };
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) set({ start, end });
  };
  return (
    <div className="mt-3 space-y-3" data-testid="edit-panel">
      <p className="text-xs text-stone-500">Select text below and press “Use selection”, or move the ends word by word.</p>
      <p ref={box} className="select-text rounded-lg bg-stone-50 p-3 font-serif text-[15px] leading-relaxed text-stone-500">
        {text.slice(from, draft.start)}
        <mark className="rounded-sm text-stone-900" style={{ background: `${color}38`, boxShadow: `inset 0 -2px 0 ${color}` }}>
          {text.slice(draft.start, draft.end)}
        </mark>
        {text.slice(draft.end, to)}
      </p>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <button type="button" onClick={useSelection} className={buttonClass('secondary', 'px-2.5 py-1 text-xs')}>
          Use selection
        </button>
        <span className="text-stone-500">Start</span>
        <button type="button" aria-label="Start one word earlier" onClick={() => set({ start: wordStep(draft.start, -1) })} className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
          ←
        </button>
        <button type="button" aria-label="Start one word later" onClick={() => set({ start: Math.min(wordStep(draft.start, 1) + 1, draft.end - 1) })} className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
          →
        </button>
        <span className="text-stone-500">End</span>
        <button type="button" aria-label="End one word earlier" onClick={() => set({ end: Math.max(wordStep(draft.end, -1) - 1, draft.start + 1) })} className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
          ←
        </button>
        <button type="button" aria-label="End one word later" onClick={() => set({ end: wordStep(draft.end, 1) })} className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
          →
        </button>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="text-xs font-medium text-stone-600">
          Category
          <select value={draft.categoryId} onChange={(e) => set({ categoryId: e.target.value })} className={cn(selectClass, 'mt-1 block w-full')}>
            {codebook.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.path}
              </option>
            ))}
          </select>
        </label>
        {codebook.attributes.map((a) => (
          <label key={a.key} className="text-xs font-medium text-stone-600">
            {a.name}
            <select
              value={draft.attributes[a.key] ?? ''}
              onChange={(e) => {
                const attributes = { ...draft.attributes };
                if (e.target.value) attributes[a.key] = e.target.value;
                else delete attributes[a.key];
                set({ attributes });
              }}
              className={cn(selectClass, 'mt-1 block w-full')}
            >
              <option value="">—</option>
              {a.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <label className="block text-xs font-medium text-stone-600">
        Note (optional; the annotators’ notes are kept when left empty)
        <textarea value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} rows={2} className="mt-1 block w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-stone-300" />
      </label>
      <div className="flex gap-2">
        <button type="button" disabled={busy} onClick={onSave} className={buttonClass('primary', 'px-3 py-1.5 text-sm')}>
          Accept this version <Kbd>Enter</Kbd>
        </button>
        <button type="button" onClick={onCancel} className={buttonClass('ghost', 'px-3 py-1.5 text-sm')}>
          Cancel <Kbd>Esc</Kbd>
        </button>
      </div>
    </div>
  );
}
