import { describe, expect, it } from 'vitest';
import * as permissions from '@/lib/permissions';
import { roles } from '@/lib/permissions';
import type { Role } from '@/lib/generated/prisma/enums';

// Every rule of who may do what, as one table: a row per action, a column per role. Adding an
// action to lib/permissions.ts means adding its row here; the last test fails until it is added.

type Rule = (role: Role) => boolean;
const yes = true;
const no = false;

const table: Record<string, { rule: Rule; OWNER: boolean; CURATOR: boolean; ANNOTATOR: boolean; VIEWER: boolean }> = {
  canImportDocuments: { rule: permissions.canImportDocuments, OWNER: yes, CURATOR: yes, ANNOTATOR: no, VIEWER: no },
  canEditDocuments: { rule: permissions.canEditDocuments, OWNER: yes, CURATOR: yes, ANNOTATOR: no, VIEWER: no },
  canEditCodebook: { rule: permissions.canEditCodebook, OWNER: yes, CURATOR: yes, ANNOTATOR: no, VIEWER: no },
  canAnnotate: { rule: permissions.canAnnotate, OWNER: yes, CURATOR: yes, ANNOTATOR: yes, VIEWER: no },
  canComment: { rule: permissions.canComment, OWNER: yes, CURATOR: yes, ANNOTATOR: yes, VIEWER: no },
  canModerateComments: { rule: permissions.canModerateComments, OWNER: yes, CURATOR: yes, ANNOTATOR: no, VIEWER: no },
  canManageMembers: { rule: permissions.canManageMembers, OWNER: yes, CURATOR: no, ANNOTATOR: no, VIEWER: no },
  canManageProject: { rule: permissions.canManageProject, OWNER: yes, CURATOR: no, ANNOTATOR: no, VIEWER: no },
  isOwnerRole: { rule: permissions.isOwnerRole, OWNER: yes, CURATOR: no, ANNOTATOR: no, VIEWER: no },
  canSeeAllLayers: { rule: permissions.canSeeAllLayers, OWNER: yes, CURATOR: yes, ANNOTATOR: no, VIEWER: no },
  canCurate: { rule: permissions.canCurate, OWNER: yes, CURATOR: yes, ANNOTATOR: no, VIEWER: no },
  canArchiveProject: { rule: permissions.canArchiveProject, OWNER: yes, CURATOR: no, ANNOTATOR: no, VIEWER: no },
  // Not a role rule: archived or not decides, whatever the role.
  'isProjectWritable, archived': { rule: () => permissions.isProjectWritable({ archivedAt: new Date() }), OWNER: no, CURATOR: no, ANNOTATOR: no, VIEWER: no },
  'isProjectWritable, active': { rule: () => permissions.isProjectWritable({ archivedAt: null }), OWNER: yes, CURATOR: yes, ANNOTATOR: yes, VIEWER: yes },
  'canSeeAgreement, project hides it': { rule: (r) => permissions.canSeeAgreement(r, { annotatorsSeeAgreement: false }), OWNER: yes, CURATOR: yes, ANNOTATOR: no, VIEWER: no },
  'canSeeAgreement, project shows it': { rule: (r) => permissions.canSeeAgreement(r, { annotatorsSeeAgreement: true }), OWNER: yes, CURATOR: yes, ANNOTATOR: yes, VIEWER: yes },
};

describe('permissions, role by action', () => {
  for (const [action, row] of Object.entries(table)) {
    for (const role of roles) {
      it(`${action}: ${role} ${row[role] ? 'may' : 'may not'}`, () => expect(row.rule(role)).toBe(row[role]));
    }
  }

  it('has a row for every rule lib/permissions.ts exports', () => {
    const rules = Object.entries(permissions).filter(([, v]) => typeof v === 'function').map(([name]) => name);
    const covered = new Set(Object.keys(table).map((k) => k.split(',')[0]!));
    expect(rules.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('counts every rule that guards a change of content as one an archived project refuses', () => {
    const content = [permissions.canImportDocuments, permissions.canEditDocuments, permissions.canEditCodebook, permissions.canAnnotate, permissions.canManageMembers, permissions.canCurate, permissions.canComment, permissions.canModerateComments];
    expect(content.every((rule) => permissions.contentWriteRules.has(rule))).toBe(true);
    // Archiving itself, and the owner's reads (the activity log), stay possible.
    expect(permissions.contentWriteRules.has(permissions.canArchiveProject)).toBe(false);
    expect(permissions.contentWriteRules.has(permissions.canManageProject)).toBe(false);
  });
});
