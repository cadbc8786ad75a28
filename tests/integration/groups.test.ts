import { describe, expect, it } from 'vitest';
import * as groupsRoute from '@/app/api/projects/[slug]/groups/route';
import * as groupRoute from '@/app/api/groups/[id]/route';
import * as compareRoute from '@/app/api/projects/[slug]/compare/route';
import * as exportRoute from '@/app/api/projects/[slug]/export/route';
import { listActivity } from '@/lib/data/activity';
import { getAgreement } from '@/lib/data/agreement';
import { createAnnotation } from '@/lib/data/annotations';
import { getComparison } from '@/lib/data/compare';
import { buildExportSnapshot, getExportChoices } from '@/lib/data/export';
import { createDocumentGroup, deleteDocumentGroup, listGroups, updateDocumentGroup } from '@/lib/data/groups';
import { createApiToken } from '@/lib/data/tokens';
import { exportProject, importProjectFile } from '@/lib/data/exports';
import { getDb } from '@/lib/db';
import { runCommand } from '@/scripts/cli/commands';
import { expectAppError, makeCodebook, makeDocument, makeProject, spanOf } from './helpers';

// Document groups (MAXQDA's document groups, NVivo's and ATLAS.ti's document sets): made on the
// corpus page or brought in by an import, and a filter of the agreement, comparison and export.

async function groupedProject() {
  const project = await makeProject({ cur: 'CURATOR', ana: 'ANNOTATOR', viewer: 'VIEWER' });
  const { security } = await makeCodebook(project.slug);
  const one = await makeDocument(project, 'Dawn');
  const two = await makeDocument(project, 'Tolo');
  const three = await makeDocument(project, 'Express');
  for (const doc of [one, two, three]) {
    await createAnnotation(project.owner.actor, doc.id, { ...spanOf(doc.text, 'The talks failed'), categoryId: security.id });
    await createAnnotation(project.members.ana!.actor, doc.id, { ...spanOf(doc.text, 'The talks failed'), categoryId: security.id });
  }
  const group = await createDocumentGroup(project.owner.actor, project.slug, { name: 'Pakistani press', description: 'Dawn and Express', documentIds: [one.id, three.id] });
  return { project, one, two, three, group };
}

/** A category group, as an imported codebook brings them (there is no form for them yet). */
async function createCategoryGroupRow(slug: string) {
  const db = getDb();
  const project = await db.project.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const category = await db.category.findFirstOrThrow({ where: { projectId: project.id, parentId: null }, select: { id: true } });
  await db.categoryGroup.create({ data: { projectId: project.id, name: 'Security factors', description: '', position: 0, members: { create: [{ categoryId: category.id }] } } });
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('document groups', () => {
  it('narrow the agreement, the comparison and the export to the group’s articles', async () => {
    const { project, one, three, group } = await groupedProject();
    const actor = project.owner.actor;

    const agreement = await getAgreement(actor, project.slug, { group: group.id });
    expect(agreement.selection.group).toBe(group.id);
    expect(agreement.selection.documents.sort()).toEqual([one.id, three.id].sort());
    expect(agreement.groups).toEqual([{ id: group.id, name: 'Pakistani press', count: 2 }]);

    const comparison = await getComparison(actor, project.slug, { layer: 'pooled', group: group.id });
    expect(comparison.selection.documents.sort()).toEqual([one.id, three.id].sort());

    const { snapshot } = await buildExportSnapshot(actor, project.slug, { format: 'csv', group: group.id }, 'http://localhost');
    expect(snapshot.documents.map((d) => d.id).sort()).toEqual([one.id, three.id].sort());
    expect(new Set(snapshot.annotations.map((a) => a.documentId))).toEqual(new Set([one.id, three.id]));

    const choices = await getExportChoices(actor, project.slug);
    expect(choices.groups).toEqual([{ id: group.id, name: 'Pakistani press', documentIds: expect.arrayContaining([one.id, three.id]) }]);
  });

  it('are kept with their members, changed in one step, and logged', async () => {
    const { project, one, two, group } = await groupedProject();
    const changed = await updateDocumentGroup(project.members.cur!.actor, group.id, { name: 'Press', documentIds: [two.id, one.id, two.id] });
    expect(changed).toMatchObject({ name: 'Press', memberIds: [two.id, one.id] });
    expect((await listGroups(project.members.viewer!.actor, project.slug)).documentGroups).toEqual([{ id: group.id, name: 'Press', description: '', memberIds: expect.arrayContaining([one.id, two.id]) }]);
    const activity = await listActivity(project.owner.actor, project.slug, { type: 'document.group' });
    expect(activity.events.map((a) => a.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/Press/), expect.stringMatching(/Pakistani press/)]));
    await deleteDocumentGroup(project.owner.actor, group.id);
    expect((await listGroups(project.owner.actor, project.slug)).documentGroups).toEqual([]);
  });

  it('refuse bad input with a message, and are changed only by owners and curators', async () => {
    const { project, group } = await groupedProject();
    await expectAppError(createDocumentGroup(project.owner.actor, project.slug, { name: '  ', documentIds: [] }), 'INVALID', /Name is required/);
    await expectAppError(createDocumentGroup(project.owner.actor, project.slug, { name: 'x'.repeat(1000) }), 'INVALID', /Name/);
    await expectAppError(createDocumentGroup(project.owner.actor, project.slug, { name: 'A', documentIds: ['not-an-id'] }), 'INVALID');
    await expectAppError(createDocumentGroup(project.members.ana!.actor, project.slug, { name: 'Mine' }), 'FORBIDDEN', /owners and curators/);
    await expectAppError(updateDocumentGroup(project.members.viewer!.actor, group.id, { name: 'Mine' }), 'FORBIDDEN');
    await expectAppError(deleteDocumentGroup(project.members.ana!.actor, group.id), 'FORBIDDEN');
    await expectAppError(getAgreement(project.owner.actor, project.slug, { group: 'nope' }), 'INVALID', /group is not a valid id/);
  });

  it('of another project answer “not found”, and are no filter here', async () => {
    const { project, group } = await groupedProject();
    const other = await groupedProject();
    // The other project's owner knows nothing of this one.
    await expectAppError(updateDocumentGroup(other.project.owner.actor, group.id, { name: 'Taken' }), 'NOT_FOUND');
    await expectAppError(deleteDocumentGroup(other.project.owner.actor, group.id), 'NOT_FOUND');
    await expectAppError(listGroups(other.project.owner.actor, project.slug), 'NOT_FOUND');
    // A group id of another project, used as a filter here, is refused, not silently ignored.
    await expectAppError(getAgreement(project.owner.actor, project.slug, { group: other.group.id }), 'INVALID', /no document group with that id/);
    await expectAppError(getComparison(project.owner.actor, project.slug, { group: other.group.id }), 'INVALID', /no document group with that id/);
    await expectAppError(buildExportSnapshot(project.owner.actor, project.slug, { format: 'csv', group: other.group.id }, 'http://localhost'), 'INVALID', /no document group/);
  });

  it('over REST: list, create (201), change, filter, delete (204); bad input is a 400, others’ groups 404', async () => {
    const { project, one, two, group } = await groupedProject();
    const token = (await createApiToken(project.owner.actor, { name: 't' })).token;
    const annotatorToken = (await createApiToken(project.members.ana!.actor, { name: 't' })).token;
    const outsider = await makeProject();
    const outsiderToken = (await createApiToken(outsider.owner.actor, { name: 't' })).token;
    const req = (url: string, t: string, init: RequestInit = {}) => new Request(`http://localhost${url}`, { ...init, headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' } });
    const slugParams = { params: Promise.resolve({ slug: project.slug }) };

    const list = await groupsRoute.GET(req(`/api/projects/${project.slug}/groups`, token), slugParams);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { documentGroups: unknown[] }).documentGroups).toHaveLength(1);

    const created = await groupsRoute.POST(req(`/api/projects/${project.slug}/groups`, token, { method: 'POST', body: JSON.stringify({ name: 'Afghan press', documentIds: [two.id] }) }), slugParams);
    expect(created.status).toBe(201);
    const newGroup = ((await created.json()) as { group: { id: string; memberIds: string[] } }).group;
    expect(newGroup.memberIds).toEqual([two.id]);

    const bad = await groupsRoute.POST(req(`/api/projects/${project.slug}/groups`, token, { method: 'POST', body: JSON.stringify({ name: 7 }) }), slugParams);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/name/i);
    const notJson = await groupsRoute.POST(req(`/api/projects/${project.slug}/groups`, token, { method: 'POST', body: '{' }), slugParams);
    expect(notJson.status).toBe(400);
    const byAnnotator = await groupsRoute.POST(req(`/api/projects/${project.slug}/groups`, annotatorToken, { method: 'POST', body: JSON.stringify({ name: 'x' }) }), slugParams);
    expect(byAnnotator.status).toBe(403);
    const byOutsider = await groupsRoute.GET(req(`/api/projects/${project.slug}/groups`, outsiderToken), slugParams);
    expect(byOutsider.status).toBe(404);
    const outsiderPut = await groupRoute.PUT(req(`/api/groups/${group.id}`, outsiderToken, { method: 'PUT', body: JSON.stringify({ name: 'x' }) }), { params: Promise.resolve({ id: group.id }) });
    expect(outsiderPut.status).toBe(404);

    const put = await groupRoute.PUT(req(`/api/groups/${newGroup.id}`, token, { method: 'PUT', body: JSON.stringify({ name: 'Afghan press', documentIds: [two.id, one.id] }) }), { params: Promise.resolve({ id: newGroup.id }) });
    expect(put.status).toBe(200);

    const compared = await compareRoute.GET(req(`/api/projects/${project.slug}/compare?layer=pooled&group=${newGroup.id}`, token), slugParams);
    expect(compared.status).toBe(200);
    const body = (await compared.json()) as { source: { documents: string[] } };
    expect(body.source.documents.sort()).toEqual([one.id, two.id].sort());
    const badFilter = await compareRoute.GET(req(`/api/projects/${project.slug}/compare?group=zzz`, token), slugParams);
    expect(badFilter.status).toBe(422);

    const file = await exportRoute.GET(req(`/api/projects/${project.slug}/export?format=csv&group=${group.id}`, token), slugParams);
    expect(file.status).toBe(200);
    const csv = await file.text();
    expect(csv).toContain(group.memberIds[0]!);
    expect(csv).not.toContain(two.id);

    const gone = await groupRoute.DELETE(req(`/api/groups/${newGroup.id}`, token, { method: 'DELETE' }), { params: Promise.resolve({ id: newGroup.id }) });
    expect(gone.status).toBe(204);
  });

  it('come back from a W3C or REFI-QDA export, with their members', async () => {
    const { project, group } = await groupedProject();
    await createCategoryGroupRow(project.slug);
    for (const format of ['w3c', 'qdpx'] as const) {
      const file = await exportProject(project.owner.actor, project.slug, { format }, 'http://localhost');
      const slug = `${project.slug}-${format}`;
      await importProjectFile(project.owner.actor, { format, bytes: file.bytes, slug });
      const back = await listGroups(project.owner.actor, slug);
      const titles = async (ids: string[]) => (await getDb().document.findMany({ where: { id: { in: ids } }, select: { title: true }, orderBy: { title: 'asc' } })).map((d) => d.title);
      expect(back.documentGroups.map((g) => g.name), format).toEqual(['Pakistani press']);
      expect(await titles(back.documentGroups[0]!.memberIds), format).toEqual(await titles(group.memberIds));
      expect(back.categoryGroups.map((g) => [g.name, g.memberIds.length]), format).toEqual([['Security factors', 1]]);
    }
  });

  it('in the CLI: --group takes a name or an id, and names the groups there are when it finds none', async () => {
    const { project, one, three, group } = await groupedProject();
    const byName = await cli(['compare', '--project', project.slug, '--layer', 'pooled', '--group', 'pakistani press', '--json']);
    expect(byName.code, byName.err).toBe(0);
    expect((JSON.parse(byName.out) as { source: { documents: string[] } }).source.documents.sort()).toEqual([one.id, three.id].sort());
    const byId = await cli(['agreement', '--project', project.slug, '--group', group.id, '--json']);
    expect(byId.code, byId.err).toBe(0);
    expect((JSON.parse(byId.out) as { selection: { documents: string[] } }).selection.documents.sort()).toEqual([one.id, three.id].sort());
    const missing = await cli(['agreement', '--project', project.slug, '--group', 'Afghan press']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/has no document group "Afghan press" \(it has "Pakistani press"\)/);
  });
});
