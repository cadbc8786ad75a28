import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { systemActor } from '@/lib/data/actor';
import { getCodebook } from '@/lib/data/codebook';
import { getDocument, importDocuments, listDocuments, updateDocumentMetadata } from '@/lib/data/documents';
import { createProject, getProject, listMembers, listProjects, setMemberRole } from '@/lib/data/projects';
import { expectAppError, makeProject, makeUser, sampleBlocks, uniq } from '../integration/helpers';

describe('project isolation', () => {
  it("a member of one project cannot read another project's documents, corpus or codebook", async () => {
    const a = await makeProject();
    const b = await makeProject();
    const [docB] = await importDocuments(b.owner.actor, b.slug, { documents: [{ title: 'B only', blocks: sampleBlocks(uniq()) }] });
    if (!docB) throw new Error('import returned nothing');

    // The owner of B can read it …
    expect((await getDocument(b.owner.actor, docB.id)).title).toBe('B only');
    // … the owner of A gets NOT_FOUND everywhere, with the same message as for a missing id.
    const denied = await expectAppError(getDocument(a.owner.actor, docB.id), 'NOT_FOUND');
    const missing = await expectAppError(getDocument(a.owner.actor, '00000000-0000-4000-8000-000000000000'), 'NOT_FOUND');
    expect(denied.message).toBe(missing.message);
    await expectAppError(getDocument(b.owner.actor, docB.id, a.slug), 'NOT_FOUND');
    await expectAppError(listDocuments(a.owner.actor, b.slug), 'NOT_FOUND');
    await expectAppError(getCodebook(a.owner.actor, b.slug), 'NOT_FOUND');
    await expectAppError(getProject(a.owner.actor, b.slug), 'NOT_FOUND');
    await expectAppError(listMembers(a.owner.actor, b.slug), 'NOT_FOUND');
    await expectAppError(updateDocumentMetadata(a.owner.actor, docB.id, { title: 'hijacked' }), 'NOT_FOUND');
    await expectAppError(importDocuments(a.owner.actor, b.slug, { documents: [{ title: 'x', blocks: sampleBlocks(uniq()) }] }), 'NOT_FOUND');
    expect((await getDocument(b.owner.actor, docB.id)).title).toBe('B only');

    const listed = await listProjects(a.owner.actor);
    expect(listed.map((p) => p.slug)).toEqual([a.slug]);
  });

  it('a malformed document id is NOT_FOUND, not a database error', async () => {
    const a = await makeProject();
    await expectAppError(getDocument(a.owner.actor, "1' OR '1'='1"), 'NOT_FOUND');
  });
});

describe('roles', () => {
  it('annotators and viewers cannot import or edit documents; curators can', async () => {
    const p = await makeProject({ ann: 'ANNOTATOR', viewer: 'VIEWER', cur: 'CURATOR' });
    const { ann, viewer, cur } = p.members as Record<'ann' | 'viewer' | 'cur', Awaited<ReturnType<typeof makeUser>>>;
    const docs = { documents: [{ title: 'Doc', blocks: sampleBlocks(uniq()) }] };
    await expectAppError(importDocuments(ann.actor, p.slug, docs), 'FORBIDDEN', /owners and curators/);
    await expectAppError(importDocuments(viewer.actor, p.slug, docs), 'FORBIDDEN');
    const [doc] = await importDocuments(cur.actor, p.slug, docs);
    if (!doc) throw new Error('import returned nothing');
    await expectAppError(updateDocumentMetadata(ann.actor, doc.id, { title: 'Changed' }), 'FORBIDDEN');
    const updated = await updateDocumentMetadata(cur.actor, doc.id, { title: 'Changed', author: '  ', publishedOn: '2025-11-02' });
    expect(updated).toMatchObject({ title: 'Changed', author: null, publishedOn: '2025-11-02' });
    // Every member may read.
    expect((await listDocuments(viewer.actor, p.slug)).length).toBe(1);
    expect((await getCodebook(ann.actor, p.slug)).categories).toEqual([]);
  });

  it('only owners manage members, and the last owner cannot be demoted', async () => {
    const p = await makeProject({ cur: 'CURATOR' });
    const cur = p.members.cur!;
    const outsider = await makeUser('outsider');
    await expectAppError(setMemberRole(cur.actor, { projectSlug: p.slug, email: outsider.email, role: 'viewer' }), 'FORBIDDEN', /owners/);
    await expectAppError(setMemberRole(outsider.actor, { projectSlug: p.slug, email: outsider.email, role: 'owner' }), 'NOT_FOUND');
    await expectAppError(setMemberRole(p.owner.actor, { projectSlug: p.slug, email: p.owner.email, role: 'annotator' }), 'CONFLICT', /last owner/);
    await expectAppError(setMemberRole(p.owner.actor, { projectSlug: p.slug, email: outsider.email, role: 'boss' }), 'INVALID', /Role must be one of/);
    // An owner cannot add an account without its consent (that goes through an invitation), and
    // the answer is the same for an email with an account and one without: no enumeration.
    const existing = await expectAppError(setMemberRole(p.owner.actor, { projectSlug: p.slug, email: outsider.email, role: 'viewer' }), 'NOT_FOUND', /is not a member of this project; invite them/);
    const unknown = await expectAppError(setMemberRole(p.owner.actor, { projectSlug: p.slug, email: `nobody-${uniq()}@test.example`, role: 'viewer' }), 'NOT_FOUND');
    expect(existing.message.replace(outsider.email, 'X')).toBe(unknown.message.replace(/nobody-\w+@test\.example/, 'X'));
    expect((await listMembers(cur.actor, p.slug)).find((m) => m.email === outsider.email)).toBeUndefined();
    // The CLI (the system) still adds accounts directly, and owners change members' roles.
    await setMemberRole(systemActor, { projectSlug: p.slug, email: outsider.email, role: 'viewer' });
    await setMemberRole(p.owner.actor, { projectSlug: p.slug, email: outsider.email, role: 'annotator' });
    expect((await listMembers(cur.actor, p.slug)).find((m) => m.email === outsider.email)?.role).toBe('ANNOTATOR');
  });
});

describe('projects', () => {
  it('refuses a bad slug with a message naming the rule, and a taken slug with CONFLICT', async () => {
    const u = await makeUser();
    await expectAppError(createProject(u.actor, { slug: 'Bad Slug!', name: 'x' }), 'INVALID', /slug: Project slug may contain only/);
    await expectAppError(createProject(u.actor, { slug: `ok-${uniq()}`, name: '' }), 'INVALID', /name: Project name is required/);
    const slug = `dup-${uniq()}`;
    await createProject(u.actor, { slug, name: 'First' });
    await expectAppError(createProject(u.actor, { slug, name: 'Second' }), 'CONFLICT', /already exists/);
    await expectAppError(createProject(systemActor, { slug: `o-${uniq()}`, name: 'x', ownerEmail: 'nobody@test.example' }), 'NOT_FOUND', /No account/);
    expect(await getDb().project.count({ where: { name: 'Second' , slug } })).toBe(0);
  });
});
