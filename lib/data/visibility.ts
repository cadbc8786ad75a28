import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { canSeeAllLayers } from '@/lib/permissions';
import type { ProjectAccess } from './access';
import type { Actor } from './actor';

/**
 * The one rule for which annotations an actor may read in a project; every read path (pages,
 * actions, REST, exports, counts) builds its query from this, so blind coding cannot leak through
 * a path that forgot it.
 *
 * - Owners, curators and the CLI see every layer.
 * - Without blind coding, or once the owner revealed the layers, members see every layer.
 * - In blind coding, an annotator sees their own layer, and every layer of a document they marked
 *   finished; a viewer sees nothing until the layers are revealed.
 */
export function visibleAnnotationsWhere(actor: Actor, access: ProjectAccess): Prisma.AnnotationWhereInput {
  const base: Prisma.AnnotationWhereInput = { projectId: access.project.id, deletedAt: null };
  if (actor.kind === 'system' || canSeeAllLayers(access.role)) return base;
  if (!access.project.blindCoding || access.project.layersRevealedAt) return base;
  return {
    ...base,
    OR: [
      { annotatorId: actor.userId, layer: 'ANNOTATOR' },
      { document: { statuses: { some: { userId: actor.userId, status: 'FINISHED' } } } },
    ],
  };
}

/**
 * Whether other annotators' layers of a document are open to the actor: the same rule as
 * visibleAnnotationsWhere, for the UI to explain what it shows.
 */
export function canSeeOtherLayers(actor: Actor, access: ProjectAccess, myStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'FINISHED'): boolean {
  if (actor.kind === 'system' || canSeeAllLayers(access.role)) return true;
  if (!access.project.blindCoding || access.project.layersRevealedAt) return true;
  return myStatus === 'FINISHED';
}
