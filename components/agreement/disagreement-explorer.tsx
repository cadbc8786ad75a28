'use client';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Region } from '@/lib/agreement/disagreements';
import { cn } from '@/components/ui/cn';
import { contextWindow } from './context';

export type ExplorerProps = {
  text: string;
  documentHref: string;
  curateHref: string | null;
  category: { name: string; color: string };
  annotators: { id: string; name: string; color: string }[];
  spans: { id: string; annotatorId: string; start: number; end: number; note: string }[];
  regions: Region[];
  agreedPassages: { start: number; end: number }[];
};

/** Where a region is shown: the spans touching it, plus some words either side. */
function contextOf(text: string, region: Region, spans: ExplorerProps['spans']): { start: number; end: number } {
  let start = region.start;
  let end = region.end;
  for (const s of spans) {
    if (s.start < region.end && s.end > region.start) {
      start = Math.min(start, s.start);
      end = Math.max(end, s.end);
    }
  }
  return contextWindow(text, start, end);
}

/** The text between `from` and `to` cut at every boundary of `marks`, each piece flagged. */
function pieces(from: number, to: number, covered: { start: number; end: number }[], region: { start: number; end: number }) {
  const cuts = new Set([from, to, region.start, region.end]);
  for (const c of covered) {
    cuts.add(Math.max(from, Math.min(to, c.start)));
    cuts.add(Math.max(from, Math.min(to, c.end)));
  }
  const points = [...cuts].filter((p) => p >= from && p <= to).sort((a, b) => a - b);
  const out: { start: number; end: number; marked: boolean; inRegion: boolean }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (b <= a) continue;
    out.push({ start: a, end: b, marked: covered.some((c) => c.start <= a && c.end >= b), inRegion: a >= region.start && b <= region.end });
  }
  return out;
}

/**
 * The disagreement explorer: an overview of the document with one lane per annotator, and the
 * disagreements ranked by size, each shown as the same passage once per annotator with what that
 * annotator marked. j / k (or ↓ / ↑) move between disagreements.
 */
export function DisagreementExplorer(props: ExplorerProps) {
  const { text, regions, annotators, category } = props;
  const [current, setCurrent] = useState(0);
  const cards = useRef<(HTMLElement | null)[]>([]);
  const length = Math.max(1, text.length);

  const go = useCallback(
    (index: number) => {
      if (regions.length === 0) return;
      const next = (index + regions.length) % regions.length;
      setCurrent(next);
      cards.current[next]?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      cards.current[next]?.focus({ preventScroll: true });
    },
    [regions.length],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        go(current + 1);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        go(current - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, go]);

  const spansBy = useMemo(() => {
    const m = new Map<string, ExplorerProps['spans']>();
    for (const a of annotators) m.set(a.id, props.spans.filter((s) => s.annotatorId === a.id));
    return m;
  }, [annotators, props.spans]);

  const pct = (n: number) => `${(n / length) * 100}%`;

  return (
    <div className="space-y-6">
      <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm" aria-label="Overview of the document">
        <div className="flex items-baseline justify-between gap-4">
          <h3 className="text-sm font-semibold text-stone-900">The whole document</h3>
          <p className="text-xs text-stone-500">Each lane is one annotator’s “{category.name}” passages, from the first character to the last; red marks the disagreements.</p>
        </div>
        <div className="mt-4 space-y-1.5">
          {annotators.map((a) => (
            <div key={a.id} className="grid grid-cols-[6rem_1fr] items-center gap-3">
              <span className="truncate text-xs font-medium text-stone-700">{a.name}</span>
              <div className="relative h-4 rounded bg-stone-100" data-testid={`lane-${a.name}`}>
                {(spansBy.get(a.id) ?? []).map((s) => (
                  <span key={s.id} className="absolute inset-y-0 rounded-sm" style={{ left: pct(s.start), width: `max(2px, ${pct(s.end - s.start)})`, background: a.color }} />
                ))}
              </div>
            </div>
          ))}
          <div className="grid grid-cols-[6rem_1fr] items-center gap-3">
            <span className="text-xs font-medium text-rose-700">Differ</span>
            <div className="relative h-4 rounded bg-stone-50">
              {regions.map((r, i) => (
                <button
                  key={`${r.start}-${r.end}`}
                  type="button"
                  onClick={() => go(i)}
                  title={`Disagreement ${i + 1}: ${r.size} characters`}
                  aria-label={`Go to disagreement ${i + 1}`}
                  className={cn('absolute inset-y-0 rounded-sm', i === current ? 'bg-rose-600 ring-2 ring-rose-300' : 'bg-rose-400 hover:bg-rose-600')}
                  style={{ left: pct(r.start), width: `max(3px, ${pct(r.end - r.start)})` }}
                />
              ))}
            </div>
          </div>
        </div>
      </section>

      {regions.length === 0 ? (
        <div className="rounded-xl border border-dashed border-emerald-300 bg-emerald-50/60 px-6 py-10 text-center text-sm text-emerald-900" data-testid="no-disagreements">
          The chosen annotators marked exactly the same “{category.name}” passages here ({props.agreedPassages.length} passage
          {props.agreedPassages.length === 1 ? '' : 's'}), or none at all.
        </div>
      ) : (
        <section aria-label="Disagreements, largest first" className="space-y-3">
          <div className="flex items-baseline justify-between">
            <h3 className="text-sm font-semibold text-stone-900">
              {regions.length} disagreement{regions.length === 1 ? '' : 's'}, largest first
            </h3>
            <p className="text-xs text-stone-500">
              <kbd className="rounded border border-stone-300 bg-stone-50 px-1">j</kbd> /{' '}
              <kbd className="rounded border border-stone-300 bg-stone-50 px-1">k</kbd> next / previous
            </p>
          </div>
          <ol className="space-y-3">
            {regions.map((r, i) => {
              const ctx = contextOf(text, r, props.spans);
              return (
                <li
                  key={`${r.start}-${r.end}`}
                  ref={(el) => {
                    cards.current[i] = el;
                  }}
                  tabIndex={-1}
                  aria-current={i === current ? 'true' : undefined}
                  onClick={() => setCurrent(i)}
                  data-testid="disagreement"
                  className={cn(
                    'rounded-xl border bg-white p-4 shadow-sm outline-none transition',
                    i === current ? 'border-accent-500 ring-2 ring-accent-100' : 'border-stone-200',
                  )}
                >
                  <div className="flex flex-wrap items-baseline justify-between gap-2 text-xs text-stone-600">
                    <span>
                      <span className="font-semibold text-stone-900">#{i + 1}</span> · {r.size === 1 ? '1 character differs' : `${r.size} characters differ`} · marked by{' '}
                      {r.marked.map((id) => annotators.find((a) => a.id === id)?.name).join(', ') || 'nobody'}
                      {r.unmarked.length > 0 ? `, not by ${r.unmarked.map((id) => annotators.find((a) => a.id === id)?.name).join(', ')}` : ''}
                    </span>
                    <span className="flex gap-3">
                      <Link href={`${props.documentHref}${props.documentHref.includes('?') ? '&' : '?'}at=${r.start}`} className="font-medium text-accent-700 hover:underline">
                        In the document
                      </Link>
                      {props.curateHref ? (
                        <Link href={props.curateHref} className="font-medium text-accent-700 hover:underline">
                          Curate
                        </Link>
                      ) : null}
                    </span>
                  </div>
                  <div className="mt-3 space-y-2">
                    {annotators.map((a) => {
                      const covered = r.coverage[a.id] ?? [];
                      const whole = (spansBy.get(a.id) ?? []).filter((s) => s.start < ctx.end && s.end > ctx.start);
                      return (
                        <div key={a.id} className="grid grid-cols-[6rem_1fr] gap-3">
                          <span className="pt-0.5 text-xs font-medium" style={{ color: a.color }}>
                            {a.name}
                          </span>
                          <p className="font-serif text-[15px] leading-relaxed text-stone-500" data-testid={`lane-text-${a.name}`}>
                            {ctx.start > 0 ? '… ' : ''}
                            {pieces(ctx.start, ctx.end, whole, r).map((p) => (
                              <span
                                key={p.start}
                                className={cn(p.marked && 'text-stone-900', p.inRegion && 'underline decoration-rose-400 decoration-dotted decoration-2 underline-offset-4')}
                                style={p.marked ? { background: `${category.color}33`, boxShadow: `inset 0 -2px 0 ${category.color}` } : undefined}
                              >
                                {text.slice(p.start, p.end)}
                              </span>
                            ))}
                            {ctx.end < text.length ? ' …' : ''}
                            {covered.length === 0 ? <span className="ml-2 text-xs italic text-stone-400">(marked none of the differing part)</span> : null}
                          </p>
                        </div>
                      );
                    })}
                  </div>
                  {props.spans.some((s) => s.note && s.start < r.end && s.end > r.start) ? (
                    <ul className="mt-3 space-y-1 border-t border-stone-100 pt-2 text-xs text-stone-600">
                      {props.spans
                        .filter((s) => s.note && s.start < r.end && s.end > r.start)
                        .map((s) => (
                          <li key={s.id}>
                            <span className="font-medium">{annotators.find((a) => a.id === s.annotatorId)?.name}’s note:</span> {s.note}
                          </li>
                        ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
      )}
    </div>
  );
}
