import type { ReactNode } from 'react';

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-stone-300 bg-white px-6 py-14 text-center">
      <h3 className="text-base font-semibold text-stone-900">{title}</h3>
      {children ? <div className="mx-auto mt-2 max-w-md text-sm text-stone-600">{children}</div> : null}
      {action ? <div className="mt-6">{action}</div> : null}
    </div>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span role="status" className="inline-flex items-center gap-2 text-sm text-stone-500">
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-stone-300 border-t-accent-600" aria-hidden />
      {label}
    </span>
  );
}

/** Grey placeholder bars shown while a page streams in. */
export function SkeletonRows({ rows = 5 }: { rows?: number }) {
  return (
    <div className="animate-pulse space-y-3" aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-10 rounded-md bg-stone-200/70" />
      ))}
    </div>
  );
}

export function Unknown() {
  return <span className="text-stone-500 italic">unknown</span>;
}

export function Badge({ children, tone = 'stone' }: { children: ReactNode; tone?: 'stone' | 'accent' | 'green' | 'amber' }) {
  const tones = {
    stone: 'bg-stone-100 text-stone-700 ring-stone-200',
    accent: 'bg-accent-50 text-accent-700 ring-accent-100',
    green: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
    amber: 'bg-amber-50 text-amber-800 ring-amber-200',
  } as const;
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}

/** A route's loading state for pages that compute before they show: what is happening, and the shape of what comes. */
export function LoadingPanel({ label, rows = 8 }: { label: string; rows?: number }) {
  return (
    <div className="space-y-4">
      <Spinner label={label} />
      <SkeletonRows rows={rows} />
    </div>
  );
}
