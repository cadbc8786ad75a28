'use client';
import { useState, useTransition } from 'react';
import { acceptInviteAction } from '@/lib/actions/members';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';

export function AcceptInvite({ token }: { token: string }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-3">
      <Button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            // On success the action redirects to the project.
            const result = await acceptInviteAction(token);
            if (!result.ok) setError(result.error.message);
          })
        }
      >
        {pending ? 'Accepting…' : 'Accept invitation'}
      </Button>
      <FormError message={error} />
    </div>
  );
}
