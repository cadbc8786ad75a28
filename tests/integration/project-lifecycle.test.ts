import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as documentAnnotationsRoute from '@/app/api/documents/[id]/annotations/route';
import { createAnnotation, deleteAnnotation } from '@/lib/data/annotations';
import { createCategory } from '@/lib/data/codebook';
import { createComment } from '@/lib/data/comments';
import { getDocument, importDocuments } from '@/lib/data/documents';
import { createInvite } from '@/lib/data/members';
import { deleteProject, getProject, listProjects, setProjectArchived, updateProjectSettings } from '@/lib/data/projects';
import { systemActor } from '@/lib/data/actor';
import { listActivity } from '@/lib/data/activity';
import { createApiToken } from '@/lib/data/tokens';
import { getDb } from '@/lib/db';
import { expectAppError, makeCodebook, makeDocument, makeProject, makeUser, sampleBlocks, spanOf } from './helpers';

async function setup() {
  const p = await makeProject({ ana: 'ANNOTATOR', cur: 'CURATOR' });
  const codebook = await makeCodebook(p.slug);
  const doc = await makeDocument(p, 'The talks');
  const ana = p.members.ana!;
  const annotation = (
    await createAnnotation(ana.actor, doc.id, { id: randomUUID(), ...spanOf(doc.text, 'Both sides'), categoryId: codebook.security.id })
  ).annotation;
  return { ...p, ...codebook, doc, ana, cur: p.members.cur!, annotation };
}

const archivedMessage = /is archived, so it is read-only/;

describe('archiving a project', () => {
  it('hides it from the list, shows it under archived, logs both ways, and restores', async () => {
    const s = await setup();
    await setProjectArchived(s.owner.actor, s.slug, true);
    expect((await listProjects(s.owner.actor)).map((p) => p.slug)).not.toContain(s.slug);
    expect((await listProjects(s.ana.actor, { archived: true })).map((p) => p.slug)).toContain(s.slug);
    // Archiving twice changes nothing and logs once.
    await setProjectArchived(s.owner.actor, s.slug, true);
    await setProjectArchived(s.owner.actor, s.slug, false);
    expect((await listProjects(s.owner.actor)).map((p) => p.slug)).toContain(s.slug);
    expect((await getProject(s.owner.actor, s.slug)).project.archivedAt).toBeNull();
    const log = await listActivity(s.owner.actor, s.slug, {});
    expect(log.events.filter((e) => e.action === 'project.archive')).toHaveLength(1);
    expect(log.events.filter((e) => e.action === 'project.restore')).toHaveLength(1);
  });

  it('refuses every kind of write while archived, from the owner too, and reads still work', async () => {
    const s = await setup();
    await setProjectArchived(s.owner.actor, s.slug, true);
    await expectAppError(
      createAnnotation(s.ana.actor, s.doc.id, { id: randomUUID(), ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id }),
      'CONFLICT',
      archivedMessage,
    );
    await expectAppError(deleteAnnotation(s.ana.actor, s.annotation.id), 'CONFLICT', archivedMessage);
    await expectAppError(createComment(s.ana.actor, s.annotation.id, { id: randomUUID(), body: 'hi', mentions: [] }), 'CONFLICT', archivedMessage);
    await expectAppError(createCategory(s.cur.actor, s.slug, { name: 'New', color: '#009e73' }), 'CONFLICT', archivedMessage);
    await expectAppError(importDocuments(s.owner.actor, s.slug, { documents: [{ title: 'More', blocks: sampleBlocks('x') }] }), 'CONFLICT', archivedMessage);
    await expectAppError(createInvite(s.owner.actor, s.slug, { email: 'x@test.example', role: 'ANNOTATOR' }), 'CONFLICT', archivedMessage);
    await expectAppError(updateProjectSettings(s.owner.actor, s.slug, { name: 'Renamed' }), 'CONFLICT', archivedMessage);
    // The CLI (system actor) is held to it as well.
    await expectAppError(createCategory(systemActor, s.slug, { name: 'New', color: '#009e73' }), 'CONFLICT', archivedMessage);
    // Reading is unaffected.
    expect((await getDocument(s.ana.actor, s.doc.id)).text).toBe(s.doc.text);
    // After a restore the same write goes through.
    await setProjectArchived(s.owner.actor, s.slug, false);
    await expect(deleteAnnotation(s.ana.actor, s.annotation.id)).resolves.toMatchObject({ id: s.annotation.id });
  });

  it('refuses a write into an archived project over REST with 409 and the same message', async () => {
    const s = await setup();
    const { token } = await createApiToken(s.ana.actor, { name: 'test' });
    await setProjectArchived(s.owner.actor, s.slug, true);
    const res = await documentAnnotationsRoute.POST(
      new Request(`http://localhost/api/documents/${s.doc.id}/annotations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id }),
      }),
      { params: Promise.resolve({ id: s.doc.id }) },
    );
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(archivedMessage);
  });

  it('is for owners only: an annotator or curator is refused, a non-member gets NOT_FOUND', async () => {
    const s = await setup();
    const outsider = await makeUser('outsider');
    await expectAppError(setProjectArchived(s.ana.actor, s.slug, true), 'FORBIDDEN', /Only project owners can archive/);
    await expectAppError(setProjectArchived(s.cur.actor, s.slug, true), 'FORBIDDEN');
    await expectAppError(setProjectArchived(outsider.actor, s.slug, true), 'NOT_FOUND');
    await expectAppError(setProjectArchived(s.owner.actor, s.slug, 'yes' as unknown as boolean), 'INVALID');
    expect((await getProject(s.owner.actor, s.slug)).project.archivedAt).toBeNull();
  });
});

describe('deleting a project', () => {
  it('needs the exact name, then deletes everything in one go and keeps a record', async () => {
    const s = await setup();
    await createComment(s.ana.actor, s.annotation.id, { id: randomUUID(), body: 'A note', mentions: [] });
    const db = getDb();
    const { id: projectId } = await db.project.findUniqueOrThrow({ where: { slug: s.slug }, select: { id: true } });
    const wrong = await expectAppError(deleteProject(s.owner.actor, s.slug, 'project'), 'INVALID', /exactly/);
    expect(wrong.fieldErrors?.confirmName).toMatch(/Type the project's name/);
    const empty = await expectAppError(deleteProject(s.owner.actor, s.slug, ''), 'INVALID');
    expect(empty.fieldErrors?.confirmName).toBeDefined();
    const name = (await getProject(s.owner.actor, s.slug)).project.name;
    const record = await deleteProject(s.owner.actor, s.slug, name);
    expect(record.details).toEqual({ documents: 1, annotations: 1, members: 3 });
    expect(await db.project.findUnique({ where: { id: projectId } })).toBeNull();
    expect(await db.annotation.count({ where: { projectId } })).toBe(0);
    expect(await db.category.count({ where: { projectId } })).toBe(0);
    expect(await db.comment.count({ where: { projectId } })).toBe(0);
    expect(await db.activityEvent.count({ where: { projectId } })).toBe(0);
    const kept = await db.deletedProject.findUniqueOrThrow({ where: { id: record.id } });
    expect(kept).toMatchObject({ projectId, slug: s.slug, name, deletedById: s.owner.id });
    await expectAppError(getProject(s.owner.actor, s.slug), 'NOT_FOUND');
  });

  it('works on an archived project too', async () => {
    const s = await setup();
    await setProjectArchived(s.owner.actor, s.slug, true);
    const name = (await getProject(s.owner.actor, s.slug)).project.name;
    await expect(deleteProject(s.owner.actor, s.slug, name)).resolves.toMatchObject({ slug: s.slug });
  });

  it('is for owners only; another project’s member or a stranger gets NOT_FOUND', async () => {
    const s = await setup();
    const other = await makeProject();
    const name = (await getProject(s.owner.actor, s.slug)).project.name;
    await expectAppError(deleteProject(s.ana.actor, s.slug, name), 'FORBIDDEN', /Only project owners can delete/);
    await expectAppError(deleteProject(s.cur.actor, s.slug, name), 'FORBIDDEN');
    await expectAppError(deleteProject(other.owner.actor, s.slug, name), 'NOT_FOUND');
    await expect(getProject(s.owner.actor, s.slug)).resolves.toBeDefined();
  });
});
