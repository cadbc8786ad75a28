import 'server-only';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import type { Role } from '@/lib/generated/prisma/enums';
import { contentWriteRules, isProjectWritable } from '@/lib/permissions';
import type { Actor } from './actor';

export type ProjectAccess = {
  project: {
    id: string;
    slug: string;
    name: string;
    description: string;
    /** The study's research question, or '' (Compare, memos and reports ask it). */
    question: string;
    blindCoding: boolean;
    layersRevealedAt: Date | null;
    annotatorsSeeAgreement: boolean;
    archivedAt: Date | null;
  };
  role: Role;
};

const projectSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  question: true,
  blindCoding: true,
  layersRevealedAt: true,
  annotatorsSeeAgreement: true,
  archivedAt: true,
} as const;

/** The one answer to a change of an archived project, from every door (form, REST, CLI). */
export function archivedError(project: { name: string }): AppError {
  return new AppError('CONFLICT', `The project "${project.name}" is archived, so it is read-only. An owner can restore it in the project's settings.`);
}

/** Refuses a change to an archived project; for writes whose role rule is not a content rule. */
export function requireWritable(access: ProjectAccess): ProjectAccess {
  if (!isProjectWritable(access.project)) throw archivedError(access.project);
  return access;
}

/**
 * The project and the actor's role in it, or NOT_FOUND. Non-members get the same answer as for a
 * project that does not exist, so slugs and ids cannot be probed. When `allowed` is one of the
 * content-writing rules (lib/permissions.ts `contentWriteRules`) an archived project answers
 * CONFLICT, unless the caller only reads (`options.reading`, e.g. the curation board).
 */
export async function requireProjectAccess(
  actor: Actor,
  where: { slug: string } | { id: string },
  allowed?: (role: Role) => boolean,
  deniedMessage = 'Your role in this project does not allow that.',
  options: { reading?: boolean } = {},
): Promise<ProjectAccess> {
  const access = await establishAccess(actor, where, allowed, deniedMessage);
  if (allowed && contentWriteRules.has(allowed) && !options.reading) requireWritable(access);
  return access;
}

async function establishAccess(
  actor: Actor,
  where: { slug: string } | { id: string },
  allowed: ((role: Role) => boolean) | undefined,
  deniedMessage: string,
): Promise<ProjectAccess> {
  // Server actions receive whatever a client posts: a slug or id that is not a plain string (an
  // array, an object, a NUL) is refused here rather than reaching the database.
  const key: unknown = 'slug' in where ? where.slug : where.id;
  if (typeof key !== 'string' || key.length > 200 || key.includes('\u0000')) {
    throw new AppError('INVALID', `${'slug' in where ? 'The project slug' : 'The project id'} must be a short piece of text.`);
  }
  if ('id' in where && !/^[0-9a-f-]{36}$/i.test(where.id)) throw new AppError('NOT_FOUND', 'No such project is visible to you.');
  const db = getDb();
  const notFound = () =>
    new AppError('NOT_FOUND', 'slug' in where ? `No project "${where.slug}" is visible to you.` : 'No such project is visible to you.');
  if (actor.kind === 'system') {
    const project = await db.project.findUnique({ where, select: projectSelect });
    if (!project) throw notFound();
    return { project, role: 'OWNER' };
  }
  const project = await db.project.findUnique({
    where,
    select: { ...projectSelect, memberships: { where: { userId: actor.userId }, select: { role: true } } },
  });
  const membership = project?.memberships[0];
  if (!project || !membership) throw notFound();
  const { memberships: _memberships, ...rest } = project;
  if (allowed && !allowed(membership.role)) throw new AppError('FORBIDDEN', deniedMessage);
  return { project: rest, role: membership.role };
}

/** The acting user's id, or an error for the system actor where a person is required. */
export function requireUserId(actor: Actor): string {
  if (actor.kind !== 'user') throw new AppError('INVALID', 'This action needs a signed-in user.');
  return actor.userId;
}

/**
 * Turns the project's NOT_FOUND into `notFound()`, so a row of another project reads as missing
 * rather than revealing that its project exists.
 */
export async function accessOr<T>(promise: Promise<T>, notFound: () => AppError): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound();
    throw error;
  }
}

/** The one answer for a document the actor may not see, or that does not exist. */
export const documentNotFound = () => new AppError('NOT_FOUND', 'No such document is visible to you.');

/**
 * The document's project access for the actor, or NOT_FOUND (missing, malformed id, or another
 * project: one answer for all three). For every module that works on one document (annotations, comments, curation, status, live).
 */
export async function requireDocumentAccess(
  actor: Actor,
  documentId: string,
  allowed?: (role: Role) => boolean,
  deniedMessage?: string,
  options: { reading?: boolean } = {},
): Promise<{ access: ProjectAccess; documentId: string }> {
  if (!isUuid(documentId)) throw documentNotFound();
  const doc = await getDb().document.findUnique({ where: { id: documentId }, select: { id: true, projectId: true } });
  if (!doc) throw documentNotFound();
  const access = await accessOr(requireProjectAccess(actor, { id: doc.projectId }, allowed, deniedMessage, options), documentNotFound);
  return { access, documentId: doc.id };
}
