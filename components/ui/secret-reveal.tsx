'use client';
import { useState, type ReactNode } from 'react';
import { Button } from './button';

/**
 * A secret shown once (an API token, an invitation link): only its hash is stored, so this is the
 * user's one chance to copy it.
 */
export function SecretReveal({
  title,
  secret,
  secretLabel,
  note,
  onDone,
}: {
  title: ReactNode;
  secret: string;
  secretLabel: string;
  note?: ReactNode;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  return (
    <div role="status" className="space-y-3 rounded-lg bg-emerald-50 p-4 ring-1 ring-inset ring-emerald-200">
      <p className="text-sm font-medium text-emerald-900">{title}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code aria-label={secretLabel} className="min-w-0 flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-xs text-stone-900 ring-1 ring-inset ring-emerald-200">
          {secret}
        </code>
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            // The clipboard API exists only in secure contexts (https or localhost).
            try {
              await navigator.clipboard.writeText(secret);
              setCopied('yes');
            } catch {
              setCopied('failed');
            }
          }}
        >
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      {note ? <p className="text-xs text-emerald-900">{note}</p> : null}
      {copied === 'failed' ? <p className="text-xs text-emerald-900">This browser did not allow copying; select the text and copy it by hand.</p> : null}
    </div>
  );
}
