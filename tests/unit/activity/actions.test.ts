import { describe, expect, it, test } from 'vitest';
import {
  activityActionInfo,
  activityActions,
  activityGroups,
  actionsInGroup,
  groupOfAction,
  isActivityAction,
  labelOfAction,
} from '@/lib/activity';

describe('action vocabulary', () => {
  it('puts every action in exactly one known group, and every group has actions', () => {
    const counted = activityGroups.map((g) => actionsInGroup(g).length);
    expect(counted.every((n) => n > 0)).toBe(true);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(activityActions.length);
  });

  it('names actions "<entity>.<verb>" with the entity matching its group', () => {
    const entityOf = { annotations: ['annotation'], curation: ['curation'], memos: ['memo'], documents: ['document'], codebook: ['codebook'], members: ['member'], project: ['project'] };
    for (const action of activityActions) {
      expect(action).toMatch(/^[a-z]+(\.[a-z-]+)+$/);
      expect(entityOf[activityActionInfo[action].group]).toContain(action.split('.')[0]);
    }
  });

  test.each([
    ['annotation.create', 'annotations', 'Annotated'],
    ['codebook.category.merge', 'codebook', 'Merged categories'],
    ['member.revoke-invite', 'members', 'Revoked invitation'],
    ['project.reveal', 'project', 'Revealed layers'],
  ])('%s is in %s, labelled %s', (action, group, label) => {
    expect(isActivityAction(action)).toBe(true);
    expect(groupOfAction(action)).toBe(group);
    expect(labelOfAction(action)).toBe(label);
  });

  it('shows an action it does not know (written by a newer version) as it is', () => {
    expect(isActivityAction('comment.create')).toBe(false);
    expect(isActivityAction('toString')).toBe(false);
    expect(labelOfAction('comment.create')).toBe('comment.create');
    expect(groupOfAction('comment.create')).toBe('project');
  });
});
