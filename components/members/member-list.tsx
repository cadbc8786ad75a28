'use client';
import { useState, useTransition } from 'react';
import { removeMemberAction, setMemberRoleAction } from '@/lib/actions/members';
import type { MemberSummary } from '@/lib/data/projects';
import type { Role } from '@/lib/generated/prisma/enums';
import { isOwnerRole, roleLabels, roles } from '@/lib/permissions';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { inputClass } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';
import { InlineSpinner } from '@/components/ui/inline-spinner';
import { Badge } from '@/components/ui/states';

function MemberRow({ slug, member, isSelf, canManage }: { slug: string; member: MemberSummary; isSelf: boolean; canManage: boolean }) {
  const [role, setRole] = useState<Role>(member.role);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const label = member.name || member.email;

  const changeRole = (next: Role) => {
    const previous = role;
    setRole(next);
    setError(undefined);
    startTransition(async () => {
      const result = await setMemberRoleAction(slug, member.email, next);
      if (!result.ok) {
        // Back to what the server still has, with its reason (e.g. the last-owner rule).
        setRole(previous);
        setError(result.error.message);
      }
    });
  };

  return (
    <tr className="align-top">
      <td className="py-3 pr-4 font-medium text-stone-900">
        {member.name}
        {isSelf ? <span className="ml-2 text-xs font-normal text-stone-500">(you)</span> : null}
      </td>
      <td className="py-3 pr-4 text-stone-600">{member.email}</td>
      <td className="py-3 pr-4">
        {canManage ? (
          <span className="inline-flex items-center gap-2">
            <select
              aria-label={`Role of ${label}`}
              value={role}
              disabled={pending}
              onChange={(e) => changeRole(e.target.value as Role)}
              className={cn(inputClass, 'w-36 py-1.5')}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
            {pending ? <InlineSpinner className="text-stone-400" /> : null}
          </span>
        ) : (
          <Badge tone={isOwnerRole(member.role) ? 'accent' : 'stone'}>{roleLabels[member.role]}</Badge>
        )}
        {error ? (
          <p role="alert" className="mt-1.5 max-w-xs text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </td>
      {canManage ? (
        <td className="py-3 text-right">
          <ConfirmAction
            label="Remove"
            pendingLabel="Removing…"
            ariaLabel={`Remove ${label}`}
            warning={isSelf ? 'You will lose access.' : 'Their annotations are kept.'}
            onConfirm={async () => {
              const result = await removeMemberAction(slug, member.userId);
              if (!result.ok) setError(result.error.message);
              else if (isSelf) window.location.assign('/projects');
            }}
          />
        </td>
      ) : null}
    </tr>
  );
}

export function MemberList({ slug, members, currentUserId, canManage }: { slug: string; members: MemberSummary[]; currentUserId: string; canManage: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-200 text-xs uppercase tracking-wide text-stone-500">
          <tr>
            <th scope="col" className="pb-2 pr-4 font-medium">Name</th>
            <th scope="col" className="pb-2 pr-4 font-medium">Email</th>
            <th scope="col" className="pb-2 pr-4 font-medium">Role</th>
            {canManage ? (
              <th scope="col" className="pb-2 text-right font-medium">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {members.map((m) => (
            // Keyed by role too, so a change made elsewhere (after revalidation) resets the select.
            <MemberRow key={`${m.userId}-${m.role}`} slug={slug} member={m} isSelf={m.userId === currentUserId} canManage={canManage} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
