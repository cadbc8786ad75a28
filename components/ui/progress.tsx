/** A labelled progress bar: what is happening, how far along, and the bar itself. */
export function ProgressBar({ label, stage, done, total, detail, testId }: { label: string; stage: string; done: number; total: number; detail?: string; testId?: string }) {
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  return (
    <div aria-live="polite" data-testid={testId}>
      <div className="flex justify-between gap-3 text-xs text-stone-600">
        <span data-testid={testId ? `${testId}-stage` : undefined}>{stage}</span>
        <span className="tabular-nums">{detail ?? (total > 0 ? `${done.toLocaleString('en')} / ${total.toLocaleString('en')}` : '')}</span>
      </div>
      <div className="mt-1.5 h-2 overflow-hidden rounded-full bg-stone-200" role="progressbar" aria-valuemin={0} aria-valuemax={total || 1} aria-valuenow={total ? done : 0} aria-label={label}>
        <div className="h-full rounded-full bg-accent-500 transition-[width] duration-300" style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
