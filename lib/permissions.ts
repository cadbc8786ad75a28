// Who may do what, by project role. Pure: takes a role, returns a boolean. The data layer calls
// these after it has established the role from the database, never from client input.
import type { Role } from '@/lib/generated/prisma/enums';

export const roles = ['OWNER', 'CURATOR', 'ANNOTATOR', 'VIEWER'] as const satisfies readonly Role[];

export const roleLabels: Record<Role, string> = {
  OWNER: 'Owner',
  CURATOR: 'Curator',
  ANNOTATOR: 'Annotator',
  VIEWER: 'Viewer',
};

/** Whether a membership is an owner's: for rules about the project's owners themselves (its last owner stays). */
export function isOwnerRole(role: Role): boolean {
  return role === 'OWNER';
}
/** The project itself: its settings, its activity log, revealing the layers, deleting it. */
export function canManageProject(role: Role): boolean {
  return role === 'OWNER';
}
export function canImportDocuments(role: Role): boolean {
  return role === 'OWNER' || role === 'CURATOR';
}
export function canEditDocuments(role: Role): boolean {
  return role === 'OWNER' || role === 'CURATOR';
}
export function canEditCodebook(role: Role): boolean {
  return role === 'OWNER' || role === 'CURATOR';
}
export function canAnnotate(role: Role): boolean {
  return role === 'OWNER' || role === 'CURATOR' || role === 'ANNOTATOR';
}
export function canManageMembers(role: Role): boolean {
  return role === 'OWNER';
}
/** Curators and owners see every annotator's layer whatever the blind-coding setting. */
export function canSeeAllLayers(role: Role): boolean {
  return role === 'OWNER' || role === 'CURATOR';
}
/** Curators and owners build the consensus layer. */
export function canCurate(role: Role): boolean {
  return role === 'OWNER' || role === 'CURATOR';
}
/** Everyone who may annotate may also discuss; viewers read. */
export function canComment(role: Role): boolean {
  return canAnnotate(role);
}
/** Owners and curators moderate the discussion: they may delete anyone's comment. */
export function canModerateComments(role: Role): boolean {
  return role === 'OWNER' || role === 'CURATOR';
}
/**
 * Agreement figures: curators and owners always; annotators and viewers when the owner allows it
 * (the data layer then also limits them to documents whose layers they may see).
 */
export function canSeeAgreement(role: Role, project: { annotatorsSeeAgreement: boolean }): boolean {
  return canSeeAllLayers(role) || project.annotatorsSeeAgreement;
}

/** An archived project is read-only for everyone, owners included, until an owner restores it. */
export function isProjectWritable(project: { archivedAt: Date | null }): boolean {
  return project.archivedAt === null;
}
/** Archiving and restoring, and deleting: the project's owners. */
export function canArchiveProject(role: Role): boolean {
  return role === 'OWNER';
}
/**
 * The rules that guard a change to a project's content: lib/data/access.ts refuses them all while
 * the project is archived, so a write path cannot forget the archive by forgetting a check.
 */
export const contentWriteRules: ReadonlySet<(role: Role) => boolean> = new Set([
  canImportDocuments,
  canEditDocuments,
  canEditCodebook,
  canAnnotate,
  canManageMembers,
  canCurate,
  canComment,
  canModerateComments,
]);
