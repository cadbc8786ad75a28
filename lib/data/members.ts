import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/generated/prisma/enums';
import { canManageMembers, isOwnerRole, roleLabels, roles } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validations/parse';
import { createInviteSchema, type CreateInviteInput } from '@/lib/validations/member';
import { uuidPattern } from '@/lib/validations/codebook';
import { requireProjectAccess, requireUserId } from './access';
import type { Actor } from './actor';
import { recordActivity } from './activity';

export type InviteSummary = { id: string; email: string; role: Role; createdAt: string; expiresAt: string };

export type InviteDetails = {
  projectName: string;
  projectSlug: string;
  email: string;
  role: Role;
  expired: boolean;
  accepted: boolean;
  revoked: boolean;
};

// "inv_" tells an invitation link's secret apart from an API token ("plx_"); 32 random bytes make
// it unguessable, so, as for API tokens, a fast unsalted SHA-256 is enough to store it.
const invitePrefix = 'inv_';
const invitePattern = /^inv_[A-Za-z0-9_-]{43}$/;
// Long enough to reach someone who is away for a few days, short enough that a forgotten link
// lying in a mailbox stops working.
const inviteLifetimeMs = 7 * 24 * 60 * 60 * 1000;
const manageDenied = 'Only project owners can manage members.';

function hashInviteToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Pending: neither accepted nor revoked, and not yet expired. */
function pendingWhere(now: Date) {
  return { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
}

/**
 * Invites an email address to the project with a role. The token is returned this once (for the
 * link) and only its hash is stored. A pending invitation for the same address is replaced, so
 * there is only ever one working link per person and project.
 */
export async function createInvite(
  actor: Actor,
  slug: string,
  input: CreateInviteInput,
): Promise<{ id: string; email: string; role: Role; expiresAt: Date; token: string }> {
  const { project } = await requireProjectAccess(actor, { slug: String(slug) }, canManageMembers, manageDenied);
  const { email, role } = parseOrThrow(createInviteSchema, input);
  const token = invitePrefix + randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + inviteLifetimeMs);
  return getDb().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { projectId: project.id, user: { email } }, select: { userId: true } });
    if (member) throw new AppError('CONFLICT', `${email} is already a member of this project; change their role in the member list instead.`);
    const replaced = await tx.invite.updateMany({ where: { projectId: project.id, email, ...pendingWhere(now) }, data: { revokedAt: now } });
    const row = await tx.invite.create({
      data: {
        projectId: project.id,
        email,
        role,
        tokenHash: hashInviteToken(token),
        createdById: actor.kind === 'user' ? actor.userId : null,
        expiresAt,
      },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await recordActivity(tx, actor, project.id, {
      action: 'member.invite',
      targetType: 'invite',
      targetId: row.id,
      summary: `Invited ${email} as ${roleLabels[role].toLowerCase()}${replaced.count > 0 ? ' (replacing the earlier link)' : ''}`,
      details: { email, role },
    });
    return { ...row, token };
  });
}

/** The project's pending invitations, newest first. Owners only: the list names outsiders. */
export async function listInvites(actor: Actor, slug: string): Promise<InviteSummary[]> {
  const { project } = await requireProjectAccess(actor, { slug: String(slug) }, canManageMembers, manageDenied, { reading: true });
  const rows = await getDb().invite.findMany({
    where: { projectId: project.id, ...pendingWhere(new Date()) },
    orderBy: { createdAt: 'desc' },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString() }));
}

/** Revokes an invitation so its link stops working. Revoking twice is harmless. */
export async function revokeInvite(actor: Actor, inviteId: string): Promise<void> {
  const notFound = new AppError('NOT_FOUND', 'No such invitation is visible to you.');
  if (!uuidPattern.test(String(inviteId))) throw notFound;
  const db = getDb();
  const invite = await db.invite.findUnique({ where: { id: inviteId }, select: { projectId: true, email: true, role: true } });
  if (!invite) throw notFound;
  // Checked on the invite's own project, so an owner of one project cannot revoke another's.
  await requireProjectAccess(actor, { id: invite.projectId }, canManageMembers, manageDenied);
  await db.$transaction(async (tx) => {
    const { count } = await tx.invite.updateMany({ where: { id: inviteId, revokedAt: null, acceptedAt: null }, data: { revokedAt: new Date() } });
    // A second revoke changes nothing and logs nothing.
    if (count === 0) return;
    await recordActivity(tx, actor, invite.projectId, {
      action: 'member.revoke-invite',
      targetType: 'invite',
      targetId: inviteId,
      summary: `Revoked the invitation of ${invite.email} (${roleLabels[invite.role].toLowerCase()})`,
    });
  });
}

/**
 * What an invitation link is for, or null for an unknown or malformed token. No access check:
 * whoever holds the token was sent it, and the answer names only the project and the role.
 */
export async function getInviteByToken(token: string): Promise<InviteDetails | null> {
  if (!invitePattern.test(String(token))) return null;
  const row = await getDb().invite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: { email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, project: { select: { name: true, slug: true } } },
  });
  if (!row) return null;
  return {
    projectName: row.project.name,
    projectSlug: row.project.slug,
    email: row.email,
    role: row.role,
    expired: row.expiresAt <= new Date(),
    accepted: row.acceptedAt !== null,
    revoked: row.revokedAt !== null,
  };
}

/** Higher roles first, as in lib/permissions: a smaller index is more power. */
function higherRole(a: Role, b: Role): Role {
  return roles.indexOf(a) <= roles.indexOf(b) ? a : b;
}

/**
 * Accepts an invitation as the signed-in user, whose email must be the one invited: a forwarded
 * link must not let someone else in. Creates the membership, or raises an existing one to the
 * invited role (never lowers it), and uses the invitation up, in one transaction.
 */
export async function acceptInvite(actor: Actor, token: string): Promise<{ projectSlug: string }> {
  const userId = requireUserId(actor);
  const notFound = new AppError('NOT_FOUND', 'This invitation link is not valid; ask the project owner for a new one.');
  if (!invitePattern.test(String(token))) throw notFound;
  const tokenHash = hashInviteToken(token);
  return getDb().$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({
      where: { tokenHash },
      select: { id: true, projectId: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, project: { select: { slug: true } } },
    });
    if (!invite) throw notFound;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, name: true } });
    if (!user) throw new AppError('INVALID', 'This action needs a signed-in user.');
    if (user.email.toLowerCase() !== invite.email) {
      throw new AppError('FORBIDDEN', `This invitation is for ${invite.email}; sign in with that account to accept it.`);
    }
    if (invite.acceptedAt) throw new AppError('CONFLICT', 'This invitation has already been accepted; it works only once.');
    if (invite.revokedAt) throw new AppError('CONFLICT', 'This invitation was revoked by a project owner; ask them for a new one.');
    const now = new Date();
    if (invite.expiresAt <= now) throw new AppError('CONFLICT', 'This invitation has expired (links work for 7 days); ask a project owner for a new one.');
    // Conditional, so two concurrent accepts of one link cannot both succeed.
    const used = await tx.invite.updateMany({ where: { id: invite.id, ...pendingWhere(now) }, data: { acceptedAt: now } });
    if (used.count !== 1) throw new AppError('CONFLICT', 'This invitation has just been used or revoked; ask a project owner for a new one.');
    const key = { projectId_userId: { projectId: invite.projectId, userId } };
    const existing = await tx.membership.findUnique({ where: key, select: { role: true } });
    const role = existing ? higherRole(existing.role, invite.role) : invite.role;
    await tx.membership.upsert({ where: key, create: { projectId: invite.projectId, userId, role }, update: { role } });
    await recordActivity(tx, actor, invite.projectId, {
      action: 'member.accept',
      targetType: 'member',
      targetId: userId,
      summary: `${user.name} (${user.email}) accepted the invitation and joined as ${roleLabels[role].toLowerCase()}`,
      details: { inviteId: invite.id, role, previousRole: existing?.role ?? null },
    });
    return { projectSlug: invite.project.slug };
  });
}

/**
 * Removes a member from the project. Their annotations stay: they are part of the project's data
 * (agreement, exports), and only the membership, i.e. access, goes. The last owner cannot be
 * removed, so a project never ends up without one; an owner may leave if another owner remains.
 */
export async function removeMember(actor: Actor, slug: string, userId: string): Promise<void> {
  const { project } = await requireProjectAccess(actor, { slug: String(slug) }, canManageMembers, manageDenied);
  const notFound = new AppError('NOT_FOUND', 'That person is not a member of this project.');
  if (!uuidPattern.test(String(userId))) throw notFound;
  await getDb().$transaction(async (tx) => {
    const key = { projectId_userId: { projectId: project.id, userId } };
    const membership = await tx.membership.findUnique({ where: key, select: { role: true, user: { select: { email: true, name: true } } } });
    if (!membership) throw notFound;
    if (isOwnerRole(membership.role)) {
      const owners = await tx.membership.count({ where: { projectId: project.id, role: 'OWNER' } });
      if (owners <= 1) throw new AppError('CONFLICT', `${membership.user.email} is the project's last owner; make someone else owner first.`);
    }
    await tx.membership.delete({ where: key });
    const self = actor.kind === 'user' && actor.userId === userId;
    await recordActivity(tx, actor, project.id, {
      action: 'member.remove',
      targetType: 'member',
      targetId: userId,
      summary: self
        ? `${membership.user.name} (${membership.user.email}) left the project`
        : `Removed ${membership.user.name} (${membership.user.email}), ${roleLabels[membership.role].toLowerCase()}`,
    });
  });
}
