import 'server-only';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { canManageMembers } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validations/parse';
import { createProjectSchema, roleSchema, projectSlugSchema, type CreateProjectInput } from '@/lib/validations/project';
import { emailSchema } from '@/lib/validations/auth';
import { requireProjectAccess, type ProjectAccess } from './access';
import type { Actor } from './actor';

export type ProjectSummary = {
  id: string;
  slug: string;
  name: string;
  description: string;
  role: Role;
  documentCount: number;
  memberCount: number;
  updatedAt: Date;
};

/** The projects the user belongs to, most recently changed first. */
export async function listProjects(actor: Actor): Promise<ProjectSummary[]> {
  const db = getDb();
  const where = actor.kind === 'user' ? { memberships: { some: { userId: actor.userId } } } : {};
  const projects = await db.project.findMany({
    where,
    orderBy: { updatedAt: 'desc' },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      updatedAt: true,
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
    return await db.project.create({
      data: { ...data, memberships: { create: { userId: ownerId, role: 'OWNER' } } },
      select: { id: true, slug: true },
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
 * Adds an existing account to a project with a role, or changes its role. Only owners (and the
 * CLI) may; the last owner cannot be demoted, so a project never ends up without one.
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
    if (!user) throw new AppError('NOT_FOUND', `No account for ${email}.`);
    const existing = await tx.membership.findUnique({ where: { projectId_userId: { projectId: project.id, userId: user.id } } });
    if (existing?.role === 'OWNER' && role !== 'OWNER') {
      const owners = await tx.membership.count({ where: { projectId: project.id, role: 'OWNER' } });
      if (owners <= 1) throw new AppError('CONFLICT', `${email} is the project's last owner; make someone else owner first.`);
    }
    await tx.membership.upsert({
      where: { projectId_userId: { projectId: project.id, userId: user.id } },
      create: { projectId: project.id, userId: user.id, role },
      update: { role },
    });
    return { userId: user.id, email: user.email, name: user.name, role };
  });
}
