'use client';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { decideCurationAction, refreshCurationAction } from '@/lib/actions/curation';
import type { Cluster, MergeRule, Variant } from '@/lib/curation/clusters';
import type { CurationView } from '@/lib/data/curation';
import { annotatorColor } from '@/components/agreement/scale';

export type BoardCodebook = {
  categories: { id: string; path: string; color: string }[];
  attributes: { key: string; name: string; options: { value: string; label: string }[] }[];
};

export type Draft = { clusterKey: string; categoryId: string; start: number; end: number; attributes: Record<string, string>; note: string };

export type Message = { tone: 'info' | 'error'; text: string } | null;

/**
 * The curation board's state and its actions: the view as the server computed it (re-read after
 * every decision), the merge rule, the review item in hand, the edit draft, and the keyboard
 * (j / k move, 1–9 accept a version, e edits, r rejects, Esc cancels an edit, Enter saves it).
 */
export function useCuration({ initial, codebook }: { initial: CurationView; codebook: BoardCodebook }) {
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


  /** Curates another set of annotators: the address says which, and the view is re-read for them. */
  const chooseAnnotators = (next: string[]) => {
    router.replace(`?annotators=${next.join(',')}`);
    startBusy(async () => {
      const result = await refreshCurationAction(doc.id, next);
      if (result.ok) setView(result.data);
      else setMessage({ tone: 'error', text: result.error.message });
      setCurrent(0);
    });
  };
  const select = (index: number) => {
    setCurrent(index);
    setDraft(null);
  };

  return {
    view, rule, setRule, current, select, draft, setDraft, message, busy, startBusy, items, doc, text, open, item,
    colorOf, nameOf, categoryOf, reload, run, accept, reject, saveDraft, startEdit, chooseAnnotators,
  };
}

export type CurationBoardState = ReturnType<typeof useCuration>;
