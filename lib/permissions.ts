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

export function canViewProject(role: Role | null): boolean {
  return role !== null;
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
/**
 * Agreement figures: curators and owners always; annotators and viewers when the owner allows it
 * (the data layer then also limits them to documents whose layers they may see).
 */
export function canSeeAgreement(role: Role, project: { annotatorsSeeAgreement: boolean }): boolean {
  return canSeeAllLayers(role) || project.annotatorsSeeAgreement;
}
