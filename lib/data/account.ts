import 'server-only';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { hashPassword, verifyPassword } from '@/lib/passwords';
import { changeEmailSchema, changeNameSchema, changePasswordSchema, deleteAccountSchema } from '@/lib/validations/auth';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireUserId } from './access';
import type { Actor } from './actor';
import { recordActivity } from './activity';
import { endOtherSessions } from './sessions';
import type { PublicUser } from './users';

// The signed-in person's own account: name, email, password, and deleting it. Every function
// acts on the actor's own account only (there is no user id to pass), so one person can never
// change another's.

export type AccountOverview = PublicUser & {
  /** Projects where this account is the only owner: they block deleting it. */
  soleOwnerOf: { slug: string; name: string }[];
  annotations: number;
  comments: number;
};

const wrongPassword = () => new AppError('INVALID', 'The current password is wrong.', { currentPassword: 'That is not your current password.' });

async function requirePassword(userId: string, password: string): Promise<{ id: string; email: string; name: string }> {
  const user = await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, password))) throw wrongPassword();
  return { id: user.id, email: user.email, name: user.name };
}

/** What the settings page shows, including what deleting the account would do. */
export async function getAccount(actor: Actor): Promise<AccountOverview> {
  const userId = requireUserId(actor);
  const db = getDb();
  const [user, owned, annotations, comments] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true } }),
    db.membership.findMany({
      where: { userId, role: 'OWNER', project: { memberships: { none: { role: 'OWNER', userId: { not: userId } } } } },
      select: { project: { select: { slug: true, name: true } } },
      orderBy: { project: { name: 'asc' } },
    }),
    db.annotation.count({ where: { annotatorId: userId, layer: 'ANNOTATOR', deletedAt: null } }),
    db.comment.count({ where: { authorId: userId, deletedAt: null } }),
  ]);
  return { ...user, soleOwnerOf: owned.map((m) => m.project), annotations, comments };
}

export async function changeName(actor: Actor, input: unknown): Promise<PublicUser> {
  const userId = requireUserId(actor);
  const { name } = parseOrThrow(changeNameSchema, input);
  return getDb().user.update({ where: { id: userId }, data: { name }, select: { id: true, email: true, name: true } });
}

/** A new sign-in email, confirmed by the current password; CONFLICT when another account has it. */
export async function changeEmail(actor: Actor, input: unknown): Promise<PublicUser> {
  const userId = requireUserId(actor);
  const { email, currentPassword } = parseOrThrow(changeEmailSchema, input);
  const user = await requirePassword(userId, currentPassword);
  if (email === user.email) throw new AppError('INVALID', 'That is already your email.', { email: 'That is already your email.' });
  try {
    return await getDb().user.update({ where: { id: userId }, data: { email }, select: { id: true, email: true, name: true } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('CONFLICT', `Another account already uses ${email}.`, { email: `Another account already uses ${email}; choose another.` });
    }
    throw error;
  }
}

/**
 * A new password, after the current one; refused when guessable (lib/auth/password-strength.ts),
 * also from the account's own email and name. Ends every other session of the account (a
 * password is changed because it may be known to someone else), keeping `keepSessionId`, the
 * browser that made the change. Returns how many sessions ended.
 */
export async function changePassword(actor: Actor, input: Record<string, unknown>, keepSessionId: string | null): Promise<{ endedSessions: number }> {
  const userId = requireUserId(actor);
  const user = await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
  const data = parseOrThrow(changePasswordSchema, { ...input, userInputs: [user.email, user.name] });
  await requirePassword(userId, data.currentPassword);
  const passwordHash = await hashPassword(data.newPassword);
  await getDb().user.update({ where: { id: userId }, data: { passwordHash } });
  return { endedSessions: await endOtherSessions(userId, keepSessionId) };
}

/**
 * Deletes the actor's own account, after the current password and the email typed as confirmation.
 * Refused (CONFLICT) while the account is the only owner of a project: hand it over or delete it.
 *
 * What goes with it, in one transaction: the account's own annotations (its annotator layer, with
 * the comments others made on them) and every comment it wrote, since both name their author and
 * cannot outlive them (ON DELETE RESTRICT in the schema: nothing is lost silently); its
 * memberships, tokens, sessions and files. Consensus annotations it accepted as a curator are kept
 * and credited to one of the project's owners, since they are the team's. Each project it belonged
 * to gets an activity-log entry saying so.
 */
export async function deleteAccount(actor: Actor, input: unknown): Promise<{ projects: number; annotations: number; comments: number }> {
  const userId = requireUserId(actor);
  const { currentPassword, confirmation } = parseOrThrow(deleteAccountSchema, input);
  const user = await requirePassword(userId, currentPassword);
  if (confirmation.trim().toLowerCase() !== user.email) {
    throw new AppError('INVALID', `Type your email, ${user.email}, to confirm.`, { confirmation: `Type your email, ${user.email}, exactly.` });
  }
  return getDb().$transaction(async (tx) => {
    // Locked, so a co-owner cannot leave between the check and the delete.
    await tx.$queryRaw`SELECT 1 FROM "Membership" WHERE "userId" = ${userId}::uuid FOR UPDATE`;
    const memberships = await tx.membership.findMany({ where: { userId }, select: { projectId: true, role: true, project: { select: { name: true } } } });
    const sole: string[] = [];
    for (const m of memberships) {
      if (m.role !== 'OWNER') continue;
      const others = await tx.membership.count({ where: { projectId: m.projectId, role: 'OWNER', userId: { not: userId } } });
      if (others === 0) sole.push(m.project.name);
    }
    if (sole.length > 0) {
      throw new AppError(
        'CONFLICT',
        `You are the only owner of ${sole.map((n) => `"${n}"`).join(', ')}. Make another member owner, or delete the project, before deleting your account.`,
      );
    }
    // Consensus rows are the team's: credited to an owner of their project who stays.
    const consensus = await tx.annotation.groupBy({ by: ['projectId'], where: { annotatorId: userId, layer: 'CONSENSUS' } });
    for (const { projectId } of consensus) {
      const heir = await tx.membership.findFirst({ where: { projectId, role: 'OWNER', userId: { not: userId } }, orderBy: { createdAt: 'asc' }, select: { userId: true } });
      if (!heir) throw new AppError('CONFLICT', 'A project with consensus annotations you accepted has no other owner to keep them; ask its members to name one first.');
      await tx.annotation.updateMany({ where: { projectId, annotatorId: userId, layer: 'CONSENSUS' }, data: { annotatorId: heir.userId } });
    }
    const perProject = new Map<string, { annotations: number; comments: number }>();
    const annotationCounts = await tx.annotation.groupBy({ by: ['projectId'], where: { annotatorId: userId, deletedAt: null }, _count: { _all: true } });
    const commentCounts = await tx.comment.groupBy({ by: ['projectId'], where: { authorId: userId, deletedAt: null }, _count: { _all: true } });
    for (const a of annotationCounts) perProject.set(a.projectId, { annotations: a._count._all, comments: 0 });
    for (const c of commentCounts) perProject.set(c.projectId, { annotations: perProject.get(c.projectId)?.annotations ?? 0, comments: c._count._all });
    for (const m of memberships) if (!perProject.has(m.projectId)) perProject.set(m.projectId, { annotations: 0, comments: 0 });
    for (const [projectId, counts] of perProject) {
      await recordActivity(tx, actor, projectId, {
        action: 'member.account-deleted',
        targetType: 'member',
        targetId: userId,
        summary: `${user.name} (${user.email}) deleted their account; ${plural(counts.annotations, 'annotation')} and ${plural(counts.comments, 'comment')} went with it`,
        details: counts,
      });
    }
    const comments = await tx.comment.deleteMany({ where: { authorId: userId } });
    const annotations = await tx.annotation.deleteMany({ where: { annotatorId: userId } });
    await tx.user.delete({ where: { id: userId } });
    return { projects: memberships.length, annotations: annotations.count, comments: comments.count };
  });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
