import 'server-only';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { change, quote } from '@/lib/activity';
import { canArchiveProject, canManageMembers, canManageProject, isOwnerRole, roleLabels } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validations/parse';
import {
  createProjectSchema,
  deleteProjectSchema,
  projectSettingsSchema,
  roleSchema,
  projectSlugSchema,
  type CreateProjectInput,
  type ProjectSettingsInput,
} from '@/lib/validations/project';
import { emailSchema } from '@/lib/validations/auth';
import { requireProjectAccess, requireWritable, type ProjectAccess } from './access';
import type { Actor } from './actor';
import { recordActivity } from './activity';

export type ProjectSummary = {
  id: string;
  slug: string;
  name: string;
  description: string;
  role: Role;
  documentCount: number;
  memberCount: number;
  updatedAt: Date;
  archivedAt: Date | null;
};

/**
 * The projects the user belongs to, most recently changed first: the active ones, or with
 * `archived: true` the archived ones only (the list's "Show archived" view).
 */
export async function listProjects(actor: Actor, options: { archived?: boolean } = {}): Promise<ProjectSummary[]> {
  const db = getDb();
  const archived = options.archived === true;
  const where = {
    ...(actor.kind === 'user' ? { memberships: { some: { userId: actor.userId } } } : {}),
    archivedAt: archived ? { not: null } : null,
  };
  const projects = await db.project.findMany({
    where,
    orderBy: { updatedAt: 'desc' },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      updatedAt: true,
      archivedAt: true,
      memberships: actor.kind === 'user' ? { where: { userId: actor.userId }, select: { role: true } } : { take: 0, select: { role: true } },
      _count: { select: { documents: true, memberships: true } },
    },
  });
  return projects.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    updatedAt: p.updatedAt,
    archivedAt: p.archivedAt,
    role: p.memberships[0]?.role ?? 'OWNER',
    documentCount: p._count.documents,
    memberCount: p._count.memberships,
  }));
}

export async function getProject(actor: Actor, slug: string): Promise<ProjectAccess> {
  return requireProjectAccess(actor, { slug: String(slug) });
}

/**
 * Creates a project. A user becomes its owner; the system actor (CLI) must name the owner.
 */
export async function createProject(
  actor: Actor,
  input: CreateProjectInput & { ownerEmail?: string },
): Promise<{ id: string; slug: string }> {
  const data = parseOrThrow(createProjectSchema, input);
  const db = getDb();
  let ownerId: string;
  if (actor.kind === 'user') {
    ownerId = actor.userId;
  } else {
    const email = parseOrThrow(emailSchema, input.ownerEmail ?? '');
    const owner = await db.user.findUnique({ where: { email }, select: { id: true } });
    if (!owner) throw new AppError('NOT_FOUND', `No account for ${email}; create it first with \`users add\`.`);
    ownerId = owner.id;
  }
  try {
    return await db.$transaction(async (tx) => {
      const project = await tx.project.create({
        data: { ...data, memberships: { create: { userId: ownerId, role: 'OWNER' } } },
        select: { id: true, slug: true },
      });
      await recordActivity(tx, actor, project.id, {
        action: 'project.create',
        targetType: 'project',
        targetId: project.id,
        summary: `Created the project ${quote(data.name, 120)} (${data.slug})`,
      });
      return project;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('CONFLICT', `A project with the slug "${data.slug}" already exists; choose another slug.`);
    }
    throw error;
  }
}

export type MemberSummary = { userId: string; email: string; name: string; role: Role };

export async function listMembers(actor: Actor, slug: string): Promise<MemberSummary[]> {
  const { project } = await requireProjectAccess(actor, { slug });
  const rows = await getDb().membership.findMany({
    where: { projectId: project.id },
    orderBy: [{ role: 'asc' }, { user: { name: 'asc' } }],
    select: { role: true, user: { select: { id: true, email: true, name: true } } },
  });
  return rows.map((r) => ({ userId: r.user.id, email: r.user.email, name: r.user.name, role: r.role }));
}

/**
 * Changes a member's role (owners), or adds an existing account with a role (the CLI only: in the
 * app a person joins by accepting an invitation). The last owner cannot be demoted, so a project
 * never ends up without one.
 */
export async function setMemberRole(
  actor: Actor,
  input: { projectSlug: string; email: string; role: string },
): Promise<MemberSummary> {
  const slug = parseOrThrow(projectSlugSchema, input.projectSlug);
  const email = parseOrThrow(emailSchema, input.email);
  const role = parseOrThrow(roleSchema, String(input.role).toUpperCase());
  const { project } = await requireProjectAccess(actor, { slug }, canManageMembers, 'Only project owners can manage members.');
  const db = getDb();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
    const existing = user ? await tx.membership.findUnique({ where: { projectId_userId: { projectId: project.id, userId: user.id } } }) : null;
    // Only the CLI (the system) adds an account directly. A person is added to a project by
    // accepting an invitation, and the answer for a non-member is the same whether or not the
    // email has an account, so this cannot be used to find out which ones do.
    if (!existing && actor.kind !== 'system') throw new AppError('NOT_FOUND', `${email} is not a member of this project; invite them, and they join when they accept.`);
    if (!user) throw new AppError('NOT_FOUND', `No account for ${email}.`);
    if (existing && isOwnerRole(existing.role) && !isOwnerRole(role)) {
      const owners = await tx.membership.count({ where: { projectId: project.id, role: 'OWNER' } });
      if (owners <= 1) throw new AppError('CONFLICT', `${email} is the project's last owner; make someone else owner first.`);
    }
    await tx.membership.upsert({
      where: { projectId_userId: { projectId: project.id, userId: user.id } },
      create: { projectId: project.id, userId: user.id, role },
      update: { role },
    });
    if (existing?.role !== role) {
      const who = `${user.name} (${user.email})`;
      await recordActivity(tx, actor, project.id, {
        action: existing ? 'member.role' : 'member.add',
        targetType: 'member',
        targetId: user.id,
        summary: existing
          ? `Changed the role of ${who} from ${roleLabels[existing.role].toLowerCase()} to ${roleLabels[role].toLowerCase()}`
          : `Added ${who} as ${roleLabels[role].toLowerCase()}`,
        details: { role, previousRole: existing?.role ?? null },
      });
    }
    return { userId: user.id, email: user.email, name: user.name, role };
  });
}

// ─── Settings ───────────────────────────────────────────────────────────────────────────────

const ownersOnly = (what: string) => `Only project owners can ${what}.`;

export type ProjectSettings = ProjectAccess['project'];

const settingsSelect = {
  id: true, slug: true, name: true, description: true, question: true, blindCoding: true, layersRevealedAt: true, annotatorsSeeAgreement: true, archivedAt: true,
} as const;

/**
 * Changes the project's name, description, blind coding and whether annotators see agreement
 * figures. Owners only. Logged with what changed, before → after; a save that changes nothing
 * writes nothing.
 */
export async function updateProjectSettings(actor: Actor, slug: string, input: ProjectSettingsInput): Promise<ProjectSettings> {
  const { project } = requireWritable(await requireProjectAccess(actor, { slug: String(slug) }, canManageProject, ownersOnly('change the project settings')));
  const data = parseOrThrow(projectSettingsSchema, input);
  return getDb().$transaction(async (tx) => {
    // Read under a row lock, so the logged "before" is the value this update replaced.
    await tx.$queryRaw`SELECT 1 FROM "Project" WHERE "id" = ${project.id}::uuid FOR UPDATE`;
    const before = await tx.project.findUniqueOrThrow({ where: { id: project.id }, select: settingsSelect });
    const changes: string[] = [];
    if (data.name !== undefined && data.name !== before.name) changes.push(change('name', before.name, data.name));
    if (data.description !== undefined && data.description !== before.description) changes.push('description');
    if (data.question !== undefined && data.question !== before.question) changes.push(change('research question', before.question || '(none)', data.question || '(none)'));
    if (data.blindCoding !== undefined && data.blindCoding !== before.blindCoding) changes.push(change('blind coding', before.blindCoding, data.blindCoding));
    if (data.annotatorsSeeAgreement !== undefined && data.annotatorsSeeAgreement !== before.annotatorsSeeAgreement) {
      changes.push(change('annotators see agreement', before.annotatorsSeeAgreement, data.annotatorsSeeAgreement));
    }
    if (changes.length === 0) return before;
    const after = await tx.project.update({ where: { id: project.id }, data, select: settingsSelect });
    await recordActivity(tx, actor, project.id, {
      action: 'project.settings',
      targetType: 'project',
      targetId: project.id,
      summary: `Changed settings: ${changes.join('; ')}`,
      details: {
        before: { name: before.name, description: before.description, question: before.question, blindCoding: before.blindCoding, annotatorsSeeAgreement: before.annotatorsSeeAgreement },
        after: data,
      },
    });
    return after;
  });
}

/**
 * Reveals every annotator's layer to every annotator (sets layersRevealedAt), or hides them again
 * (clears it), for blind coding's second phase: discussing differences. Owners only; logged. Doing
 * what is already done changes nothing and logs nothing.
 */
export async function setLayersRevealed(actor: Actor, slug: string, revealed: boolean): Promise<ProjectSettings> {
  const { project } = requireWritable(await requireProjectAccess(actor, { slug: String(slug) }, canManageProject, ownersOnly('reveal or hide the layers')));
  if (typeof revealed !== 'boolean') throw new AppError('INVALID', 'Revealed must be true or false.');
  return getDb().$transaction(async (tx) => {
    // Conditional on the current state, so two owners clicking at once log one change, not two.
    const { count } = await tx.project.updateMany({
      where: { id: project.id, layersRevealedAt: revealed ? null : { not: null } },
      data: { layersRevealedAt: revealed ? new Date() : null },
    });
    const after = await tx.project.findUniqueOrThrow({ where: { id: project.id }, select: settingsSelect });
    if (count > 0) {
      await recordActivity(tx, actor, project.id, {
        action: revealed ? 'project.reveal' : 'project.hide',
        targetType: 'project',
        targetId: project.id,
        summary: revealed
          ? `Revealed every annotator's layer to all annotators${after.blindCoding ? '' : ' (blind coding is off, so they already saw them)'}`
          : `Hid the layers again: annotators see only their own until they finish a document${after.blindCoding ? '' : ' (once blind coding is on)'}`,
      });
    }
    return after;
  });
}

// ─── Lifecycle: archive, restore, delete ──────────────────────────────────────────────────────

/**
 * Archives the project (read-only, out of the project list) or restores it. Owners only; logged.
 * Conditional on the current state, so doing what is already done changes and logs nothing.
 */
export async function setProjectArchived(actor: Actor, slug: string, archived: boolean): Promise<ProjectSettings> {
  if (typeof archived !== 'boolean') throw new AppError('INVALID', 'Archived must be true or false.');
  const { project } = await requireProjectAccess(actor, { slug: String(slug) }, canArchiveProject, ownersOnly(archived ? 'archive the project' : 'restore the project'));
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.project.updateMany({
      where: { id: project.id, archivedAt: archived ? null : { not: null } },
      data: { archivedAt: archived ? new Date() : null },
    });
    if (count > 0) {
      await recordActivity(tx, actor, project.id, {
        action: archived ? 'project.archive' : 'project.restore',
        targetType: 'project',
        targetId: project.id,
        summary: archived ? 'Archived the project: it is read-only until restored' : 'Restored the project from the archive',
      });
    }
    return tx.project.findUniqueOrThrow({ where: { id: project.id }, select: settingsSelect });
  });
}

export type DeletedProjectRecord = { id: string; projectId: string; slug: string; name: string; deletedAt: Date; details: { documents: number; annotations: number; members: number } };

/**
 * Deletes the project and everything in it, after the owner has typed its name (`confirmName`,
 * compared exactly, so a slip of the keyboard does not delete). Owners only. One transaction:
 * the record of the deletion (DeletedProject: the project's own activity log goes with it) is
 * written with the delete, so there is never a deletion without its record.
 */
export async function deleteProject(actor: Actor, slug: string, confirmName: string): Promise<DeletedProjectRecord> {
  const { project } = await requireProjectAccess(actor, { slug: String(slug) }, canArchiveProject, ownersOnly('delete the project'));
  const typed = parseOrThrow(deleteProjectSchema, { confirmName });
  if (typed.confirmName !== project.name) {
    throw new AppError('INVALID', `Type the project's name, ${project.name}, exactly to delete it.`, { confirmName: `Type the project's name, ${project.name}, exactly.` });
  }
  return getDb().$transaction(async (tx) => {
    // Locked, so a write that started before the delete finishes first and is counted.
    await tx.$queryRaw`SELECT 1 FROM "Project" WHERE "id" = ${project.id}::uuid FOR UPDATE`;
    const [documents, annotations, members] = await Promise.all([
      tx.document.count({ where: { projectId: project.id } }),
      tx.annotation.count({ where: { projectId: project.id, deletedAt: null } }),
      tx.membership.count({ where: { projectId: project.id } }),
    ]);
    const details = { documents, annotations, members };
    // Annotations first: they reference categories with ON DELETE RESTRICT, which the cascade
    // from the project would otherwise trip over; categories, children before parents, likewise.
    await tx.annotation.deleteMany({ where: { projectId: project.id } });
    await tx.$executeRaw`UPDATE "Category" SET "parentId" = NULL WHERE "projectId" = ${project.id}::uuid`;
    await tx.project.delete({ where: { id: project.id } });
    const record = await tx.deletedProject.create({
      data: { projectId: project.id, slug: project.slug, name: project.name, deletedById: actor.kind === 'user' ? actor.userId : null, details },
      select: { id: true, projectId: true, slug: true, name: true, deletedAt: true },
    });
    return { ...record, details };
  });
}
