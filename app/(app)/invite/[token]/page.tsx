import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AcceptInvite } from '@/components/members/accept-invite';
import { buttonClass } from '@/components/ui/button';
import { getInviteByToken } from '@/lib/data/members';
import { roleLabels } from '@/lib/permissions';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Invitation' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { user } = await requireActor();
  const invite = await getInviteByToken(token);
  if (!invite) notFound();
  const wrongAccount = user.email.toLowerCase() !== invite.email;
  // Accepted first: once used, whether it has since expired does not matter.
  const problem = invite.accepted
    ? 'This invitation has already been accepted; it works only once.'
    : invite.revoked
      ? 'This invitation was revoked by a project owner. Ask them for a new one.'
      : invite.expired
        ? 'This invitation has expired (links work for 7 days). Ask a project owner for a new one.'
        : wrongAccount
          ? `This invitation is for ${invite.email}, but you are signed in as ${user.email}. Sign out and sign in with that account to accept it.`
          : null;
  return (
    <div className="mx-auto max-w-lg rounded-xl bg-white p-8 shadow-sm ring-1 ring-stone-200">
      <p className="text-sm font-semibold text-accent-600">Invitation</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight text-stone-900">Join “{invite.projectName}”</h1>
      <p className="mt-2 text-sm text-stone-600">
        {invite.email} is invited as <strong className="font-medium text-stone-900">{roleLabels[invite.role]}</strong>.
      </p>
      <div className="mt-6">
        {problem ? (
          <div className="space-y-4">
            <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
              {problem}
            </p>
            {invite.accepted ? (
              <Link href={`/projects/${invite.projectSlug}`} className={buttonClass('secondary')}>
                Open the project
              </Link>
            ) : (
              <Link href="/projects" className={buttonClass('secondary')}>
                Back to projects
              </Link>
            )}
          </div>
        ) : (
          <AcceptInvite token={token} />
        )}
      </div>
    </div>
  );
}
