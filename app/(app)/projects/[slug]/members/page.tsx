import type { Metadata } from 'next';
import { InviteForm } from '@/components/members/invite-form';
import { MemberList } from '@/components/members/member-list';
import { PendingInvites } from '@/components/members/pending-invites';
import { listInvites } from '@/lib/data/members';
import { listMembers } from '@/lib/data/projects';
import { getProjectCached, orNotFound } from '@/lib/page-data';
import { canManageMembers } from '@/lib/permissions';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, actor } = await requireActor();
  // The role only chooses the view; every change is checked again by the data layer.
  const [{ role }, members] = await orNotFound(Promise.all([getProjectCached(actor, slug), listMembers(actor, slug)]));
  const canManage = canManageMembers(role);
  const invites = canManage ? await listInvites(actor, slug) : [];
  return (
    <div className="space-y-8">
      <section className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200" aria-labelledby="members-heading">
        <div>
          <h2 id="members-heading" className="font-semibold text-stone-900">
            Members
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            {canManage
              ? 'Owners manage members; curators edit the codebook and corpus; annotators annotate; viewers read. A project always keeps at least one owner.'
              : 'Only project owners can change roles or invite people.'}
          </p>
        </div>
        <MemberList slug={slug} members={members} currentUserId={user.id} canManage={canManage} />
      </section>
      {canManage ? (
        <section className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200" aria-labelledby="invite-heading">
          <div>
            <h2 id="invite-heading" className="font-semibold text-stone-900">
              Invite someone
            </h2>
            <p className="mt-1 text-sm text-stone-600">They accept the link with an account that has this email address.</p>
          </div>
          <InviteForm slug={slug} />
          <div>
            <h3 className="text-sm font-semibold text-stone-900">Pending invitations</h3>
            <PendingInvites slug={slug} invites={invites} />
          </div>
        </section>
      ) : null}
    </div>
  );
}
