// The activity log's vocabulary: every action the data layer records, the group each belongs to
// (what the log is filtered by), and how it reads in the UI. Pure: no database, Next or React, so
// the data layer, the pages, the CLI and the tests share one list and cannot drift apart.
//
// Action ids are stored in ActivityEvent.action and never renamed: old rows keep their meaning.
// A new kind of change gets a new id here.

export const activityGroups = ['annotations', 'curation', 'memos', 'documents', 'codebook', 'members', 'project'] as const;
export type ActivityGroup = (typeof activityGroups)[number];

export const activityGroupLabels: Record<ActivityGroup, string> = {
  annotations: 'Annotations',
  curation: 'Curation',
  memos: 'Memos',
  documents: 'Documents',
  codebook: 'Codebook',
  members: 'Members',
  project: 'Project',
};

/** Every action, with its group and a short label for badges and the filter list. */
export const activityActionInfo = {
  'annotation.create': { group: 'annotations', label: 'Annotated' },
  'annotation.update': { group: 'annotations', label: 'Edited annotation' },
  'annotation.delete': { group: 'annotations', label: 'Deleted annotation' },
  'annotation.restore': { group: 'annotations', label: 'Restored annotation' },

  'curation.merge': { group: 'curation', label: 'Merged by rule' },
  'curation.accept': { group: 'curation', label: 'Accepted passage' },
  'curation.reject': { group: 'curation', label: 'Rejected passage' },
  'curation.remove': { group: 'curation', label: 'Removed from consensus' },
  'curation.status': { group: 'curation', label: 'Curation status' },

  'memo.update': { group: 'memos', label: 'Edited memo' },

  'document.import': { group: 'documents', label: 'Imported' },
  'document.update': { group: 'documents', label: 'Edited details' },
  'document.correct': { group: 'documents', label: 'Corrected text' },
  'document.status': { group: 'documents', label: 'Progress' },
  'document.group': { group: 'documents', label: 'Grouped documents' },

  'codebook.category.create': { group: 'codebook', label: 'Added category' },
  'codebook.category.update': { group: 'codebook', label: 'Edited category' },
  'codebook.category.move': { group: 'codebook', label: 'Moved category' },
  'codebook.category.reorder': { group: 'codebook', label: 'Reordered categories' },
  'codebook.category.merge': { group: 'codebook', label: 'Merged categories' },
  'codebook.category.delete': { group: 'codebook', label: 'Deleted category' },
  'codebook.attribute.create': { group: 'codebook', label: 'Added attribute' },
  'codebook.attribute.update': { group: 'codebook', label: 'Edited attribute' },
  'codebook.attribute.delete': { group: 'codebook', label: 'Deleted attribute' },

  'member.invite': { group: 'members', label: 'Invited' },
  'member.revoke-invite': { group: 'members', label: 'Revoked invitation' },
  'member.accept': { group: 'members', label: 'Joined' },
  'member.add': { group: 'members', label: 'Added member' },
  'member.role': { group: 'members', label: 'Changed role' },
  'member.remove': { group: 'members', label: 'Removed member' },
  'member.account-deleted': { group: 'members', label: 'Deleted account' },

  'project.create': { group: 'project', label: 'Created project' },
  'project.settings': { group: 'project', label: 'Changed settings' },
  'project.reveal': { group: 'project', label: 'Revealed layers' },
  'project.hide': { group: 'project', label: 'Hid layers' },
  'project.seed': { group: 'project', label: 'Seeded' },
  'project.archive': { group: 'project', label: 'Archived' },
  'project.restore': { group: 'project', label: 'Restored' },
} as const satisfies Record<string, { group: ActivityGroup; label: string }>;

export type ActivityAction = keyof typeof activityActionInfo;

export const activityActions = Object.keys(activityActionInfo) as ActivityAction[];

/** What an event was done to: stored in ActivityEvent.targetType. */
export type ActivityTargetType = 'annotation' | 'document' | 'category' | 'attribute' | 'invite' | 'member' | 'project' | 'group';

export function isActivityAction(value: string): value is ActivityAction {
  return Object.hasOwn(activityActionInfo, value);
}

/** The group of a stored action; an id this build does not know (a newer one) reads as Project. */
export function groupOfAction(action: string): ActivityGroup {
  return isActivityAction(action) ? activityActionInfo[action].group : 'project';
}

/** The badge text of a stored action; an unknown id is shown as it is rather than hidden. */
export function labelOfAction(action: string): string {
  return isActivityAction(action) ? activityActionInfo[action].label : action;
}

export function actionsInGroup(group: ActivityGroup): ActivityAction[] {
  return activityActions.filter((a) => activityActionInfo[a].group === group);
}
