import 'server-only';
import { canManageProject } from '@/lib/permissions';
import {
  actionsForType,
  createdAtRange,
  activityFiltersSchema,
  type ActivityAction,
  type ActivityFiltersInput,
  type ActivityTargetType,
} from '@/lib/activity';
import { getDb } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseOrThrow } from '@/lib/validations/parse';
import { requireProjectAccess } from './access';
import type { Actor } from './actor';

export type ActivityInput = {
  action: ActivityAction;
  targetType: ActivityTargetType;
  targetId?: string | null;
  documentId?: string | null;
  summary: string;
  details?: Prisma.InputJsonValue;
};

/**
 * Records one event in the project's activity log. Always called with the transaction of the
 * change it describes, never on its own: if the change rolls back, so does the event, and an event
 * never describes a change that did not happen. The system actor (CLI, seed) is stored as a null
 * actor.
 */
export async function recordActivity(tx: Prisma.TransactionClient, actor: Actor, projectId: string, event: ActivityInput): Promise<void> {
  await tx.activityEvent.create({
    data: {
      projectId,
      actorId: actor.kind === 'user' ? actor.userId : null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      documentId: event.documentId ?? null,
      summary: event.summary,
      ...(event.details === undefined ? {} : { details: event.details }),
    },
  });
}

export type ActivityEventDto = {
  /** The bigint id as a string: it is also the paging cursor. */
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  createdAt: string;
  actor: { id: string; name: string } | null;
  /** The document the event concerns, when it still exists (a link target). */
  document: { id: string; title: string | null } | null;
};

export type ActivityPage = { events: ActivityEventDto[]; nextCursor: string | null };

const ownersOnly = 'Only project owners can see the activity log.';

/**
 * The project's activity log, newest first, filtered and paged. Owners only: the log names every
 * member's actions, so other members get FORBIDDEN, non-members NOT_FOUND (as for any project).
 *
 * Paging is by event id: `cursor` is the last id already shown, and the next page is the events
 * ordered before it. Order is (createdAt, id) descending, so events of one transaction or one
 * millisecond keep a stable order and none is skipped or repeated across pages.
 */
export async function listActivity(actor: Actor, slug: string, filters: ActivityFiltersInput = {}): Promise<ActivityPage> {
  const { project } = await requireProjectAccess(actor, { slug: String(slug) }, canManageProject, ownersOnly);
  const f = parseOrThrow(activityFiltersSchema, filters);
  const where: Prisma.ActivityEventWhereInput = { projectId: project.id };
  if (f.actor !== undefined) where.actorId = f.actor === 'system' ? null : f.actor;
  if (f.type !== undefined) where.action = { in: actionsForType(f.type) };
  if (f.document !== undefined) where.documentId = f.document;
  if (f.from !== undefined || f.to !== undefined) where.createdAt = createdAtRange(f.from, f.to);
  const db = getDb();
  const rows = await db.activityEvent.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    // One more than a page tells whether there is an older page without counting.
    take: f.limit + 1,
    ...(f.cursor !== undefined ? { cursor: { id: BigInt(f.cursor) }, skip: 1 } : {}),
    select: {
      id: true, action: true, targetType: true, targetId: true, documentId: true, summary: true, createdAt: true,
      actor: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, f.limit);
  const documentIds = [...new Set(page.map((r) => r.documentId).filter((id): id is string => id !== null))];
  const documents = documentIds.length
    ? await db.document.findMany({ where: { projectId: project.id, id: { in: documentIds } }, select: { id: true, title: true } })
    : [];
  const documentBy = new Map(documents.map((d) => [d.id, d]));
  return {
    events: page.map((r) => ({
      id: r.id.toString(),
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      summary: r.summary,
      createdAt: r.createdAt.toISOString(),
      actor: r.actor,
      document: r.documentId ? (documentBy.get(r.documentId) ?? null) : null,
    })),
    nextCursor: rows.length > f.limit ? (page[page.length - 1]?.id.toString() ?? null) : null,
  };
}

export type ActivityFilterOptions = {
  /** Members, and former members (who still appear in the log), by name. */
  people: { id: string; name: string }[];
  /** Whether the command line or the seed acted in this project. */
  hasSystem: boolean;
  documents: { id: string; title: string | null }[];
};

/**
 * The choices of the log's person and document filters. Owners only, like the log. People come
 * from the memberships and the removal events rather than from a DISTINCT over the whole log,
 * which would read every event of a busy project on each page view.
 */
export async function listActivityFilterOptions(actor: Actor, slug: string): Promise<ActivityFilterOptions> {
  const { project } = await requireProjectAccess(actor, { slug: String(slug) }, canManageProject, ownersOnly);
  const db = getDb();
  const [members, removed, system, documents] = await Promise.all([
    db.membership.findMany({ where: { projectId: project.id }, select: { userId: true } }),
    db.activityEvent.findMany({ where: { projectId: project.id, action: 'member.remove' }, select: { targetId: true } }),
    db.activityEvent.findFirst({ where: { projectId: project.id, actorId: null }, select: { id: true } }),
    db.document.findMany({ where: { projectId: project.id }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, title: true } }),
  ]);
  const ids = new Set([...members.map((m) => m.userId), ...removed.flatMap((r) => (r.targetId ? [r.targetId] : []))]);
  const people = await db.user.findMany({ where: { id: { in: [...ids] } }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
  return { people, hasSystem: system !== null, documents };
}
