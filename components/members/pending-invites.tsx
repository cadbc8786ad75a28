'use client';
import { useState, useTransition } from 'react';
import { revokeInviteAction } from '@/lib/actions/members';
import type { InviteSummary } from '@/lib/data/members';
import { roleLabels } from '@/lib/permissions';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/states';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function InviteRow({ slug, invite }: { slug: string; invite: InviteSummary }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div className="min-w-0">
        <p className="text-sm font-medium text-stone-900">
          {invite.email} <Badge>{roleLabels[invite.role]}</Badge>
        </p>
        <p className="mt-0.5 text-xs text-stone-500">Expires {dateFormat.format(new Date(invite.expiresAt))}</p>
        {error ? (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Button
        type="button"
        variant="ghost"
        className="px-2.5 py-1 text-red-700"
        disabled={pending}
        aria-label={`Revoke the invitation for ${invite.email}`}
        onClick={() =>
          startTransition(async () => {
            const result = await revokeInviteAction(slug, invite.id);
            if (!result.ok) setError(result.error.message);
          })
        }
      >
        {pending ? 'Revoking…' : 'Revoke'}
      </Button>
    </li>
  );
}

export function PendingInvites({ slug, invites }: { slug: string; invites: InviteSummary[] }) {
  if (invites.length === 0) return <p className="text-sm text-stone-500">No pending invitations.</p>;
  return (
    <ul className="divide-y divide-stone-100" aria-label="Pending invitations">
      {invites.map((i) => (
        <InviteRow key={i.id} slug={slug} invite={i} />
      ))}
    </ul>
  );
}
