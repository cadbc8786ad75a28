'use client';
import { useState, useTransition } from 'react';
import { Button } from './button';

/**
 * A destructive row action in two steps ("Revoke…", then "Revoke" beside a warning), so one stray
 * click does nothing irreversible.
 */
export function ConfirmAction({
  label,
  pendingLabel,
  ariaLabel,
  warning,
  onConfirm,
}: {
  label: string;
  pendingLabel: string;
  ariaLabel: string;
  warning: string;
  onConfirm: () => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  if (!confirming) {
    return (
      <Button type="button" variant="ghost" className="px-2.5 py-1 text-red-700" onClick={() => setConfirming(true)} aria-label={ariaLabel}>
        {label}…
      </Button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      <span className="text-xs text-stone-600">{warning}</span>
      <Button
        type="button"
        variant="danger"
        className="px-2.5 py-1"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            await onConfirm();
            setConfirming(false);
          })
        }
      >
        {pending ? pendingLabel : label}
      </Button>
      <Button type="button" variant="ghost" className="px-2.5 py-1" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </span>
  );
}
