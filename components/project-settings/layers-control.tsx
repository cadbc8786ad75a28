'use client';
import { useState } from 'react';
import { setLayersRevealedAction } from '@/lib/actions/projects';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { FormError } from '@/components/ui/field';

/** Reveal every annotator's layer to all annotators, or hide them again; both in two clicks. */
export function LayersControl({ slug, revealed }: { slug: string; revealed: boolean }) {
  const [error, setError] = useState<string>();
  const run = async (reveal: boolean) => {
    const result = await setLayersRevealedAction(slug, reveal);
    setError(result.ok ? undefined : result.error.message);
  };
  return (
    <div className="space-y-3">
      {revealed ? (
        // Keyed, so the other button starts unconfirmed instead of inheriting this one's state.
        <ConfirmAction
          key="hide"
          label="Hide layers again"
          pendingLabel="Hiding…"
          ariaLabel="Hide layers again"
          warning="Annotators will again see only their own layer until they finish a document."
          onConfirm={() => run(false)}
        />
      ) : (
        <ConfirmAction
          key="reveal"
          label="Reveal all layers to annotators"
          pendingLabel="Revealing…"
          ariaLabel="Reveal all layers to annotators"
          warning="Every annotator will see everyone's annotations on every document."
          onConfirm={() => run(true)}
        />
      )}
      <FormError message={error} />
    </div>
  );
}
