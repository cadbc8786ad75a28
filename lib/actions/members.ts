'use server';
import { runAction } from '@/lib/actions/run';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { acceptInvite, createInvite, removeMember, revokeInvite } from '@/lib/data/members';
import { setMemberRole, type MemberSummary } from '@/lib/data/projects';
import { toActionError, type ActionResult } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';
import { requireActor } from '@/lib/session';
import type { CreateInviteInput } from '@/lib/validations/member';

const membersPath = (slug: string) => `/projects/${slug}/members`;

/** The token is in the result this once, for the link the owner copies; only its hash is stored. */
export async function createInviteAction(
  slug: string,
  input: CreateInviteInput,
): Promise<ActionResult<{ id: string; email: string; role: Role; expiresAt: string; token: string }>> {
  return runAction('createInviteAction', async (actor) => {
    const invite = await createInvite(actor, slug, input);
    revalidatePath(membersPath(slug));
    return { ...invite, expiresAt: invite.expiresAt.toISOString() };
  });
}

export async function revokeInviteAction(slug: string, inviteId: string): Promise<ActionResult<null>> {
  return runAction('revokeInviteAction', async (actor) => {
    await revokeInvite(actor, inviteId);
    revalidatePath(membersPath(slug));
    return null;
  });
}

export async function setMemberRoleAction(slug: string, email: string, role: string): Promise<ActionResult<MemberSummary>> {
  return runAction('setMemberRoleAction', async (actor) => {
    const member = await setMemberRole(actor, { projectSlug: slug, email, role });
    revalidatePath(membersPath(slug));
    return member;
  });
}

export async function removeMemberAction(slug: string, userId: string): Promise<ActionResult<null>> {
  return runAction('removeMemberAction', async (actor) => {
    await removeMember(actor, slug, userId);
    revalidatePath(membersPath(slug));
    return null;
  });
}

/** Accepts and goes to the project; a refusal comes back as an error to show beside the button. */
export async function acceptInviteAction(token: string): Promise<ActionResult<never>> {
  const { actor } = await requireActor();
  let projectSlug: string;
  try {
    ({ projectSlug } = await acceptInvite(actor, token));
  } catch (error) {
    return toActionError(error, 'acceptInviteAction');
  }
  revalidatePath('/projects');
  redirect(`/projects/${projectSlug}`);
}
