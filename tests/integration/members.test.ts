import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { systemActor } from '@/lib/data/actor';
import { acceptInvite, createInvite, getInviteByToken, listInvites, removeMember, revokeInvite } from '@/lib/data/members';
import { getProject, listMembers, setMemberRole } from '@/lib/data/projects';
import { expectAppError, makeCodebook, makeDocument, makeProject, makeUser, spanOf } from './helpers';

const roleOf = async (p: Awaited<ReturnType<typeof makeProject>>, email: string) =>
  (await listMembers(p.owner.actor, p.slug)).find((m) => m.email === email)?.role;

describe('invitations', () => {
  it('invite → accept creates the membership with the role, uses the invite up, and works only once', async () => {
    const p = await makeProject();
    const cyd = await makeUser('cyd');
    const invite = await createInvite(p.owner.actor, p.slug, { email: cyd.email.toUpperCase(), role: 'annotator' });
    expect(invite).toMatchObject({ email: cyd.email, role: 'ANNOTATOR' });
    expect(invite.token).toMatch(/^inv_[A-Za-z0-9_-]{43}$/);
    expect(invite.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect((await listInvites(p.owner.actor, p.slug)).map((i) => i.id)).toEqual([invite.id]);

    expect(await getInviteByToken(invite.token)).toEqual({
      projectName: `Project ${p.slug}`,
      projectSlug: p.slug,
      email: cyd.email,
      role: 'ANNOTATOR',
      expired: false,
      accepted: false,
      revoked: false,
    });
    expect(await getInviteByToken('inv_nope')).toBeNull();
    expect(await getInviteByToken(`inv_${'A'.repeat(43)}`)).toBeNull();

    await expectAppError(getProject(cyd.actor, p.slug), 'NOT_FOUND');
    expect(await acceptInvite(cyd.actor, invite.token)).toEqual({ projectSlug: p.slug });
    expect((await getProject(cyd.actor, p.slug)).role).toBe('ANNOTATOR');
    const row = await getDb().invite.findUniqueOrThrow({ where: { id: invite.id } });
    expect(row.acceptedAt).not.toBeNull();
    expect((await getInviteByToken(invite.token))?.accepted).toBe(true);
    expect(await listInvites(p.owner.actor, p.slug)).toEqual([]);
    await expectAppError(acceptInvite(cyd.actor, invite.token), 'CONFLICT', /already been accepted/);
    // Now a member: a new invitation for the same address is refused.
    await expectAppError(createInvite(p.owner.actor, p.slug, { email: cyd.email, role: 'viewer' }), 'CONFLICT', new RegExp(`${cyd.email} is already a member`));
  });

  it('stores only the SHA-256 of the token', async () => {
    const p = await makeProject();
    const invite = await createInvite(p.owner.actor, p.slug, { email: 'hash-check@test.example', role: 'viewer' });
    const row = await getDb().invite.findUniqueOrThrow({ where: { id: invite.id } });
    expect(row.tokenHash).toBe(createHash('sha256').update(invite.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(invite.token.slice(4));
    expect(JSON.stringify(await listInvites(p.owner.actor, p.slug))).not.toContain('tokenHash');
  });

  it('refuses the wrong account, an expired and a revoked invitation', async () => {
    const p = await makeProject();
    const dee = await makeUser('dee');
    const eve = await makeUser('eve');
    const invite = await createInvite(p.owner.actor, p.slug, { email: dee.email, role: 'viewer' });
    await expectAppError(acceptInvite(eve.actor, invite.token), 'FORBIDDEN', new RegExp(`This invitation is for ${dee.email}; sign in with that account`));
    await expectAppError(getProject(eve.actor, p.slug), 'NOT_FOUND');

    await getDb().invite.update({ where: { id: invite.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await getInviteByToken(invite.token))?.expired).toBe(true);
    expect(await listInvites(p.owner.actor, p.slug)).toEqual([]);
    await expectAppError(acceptInvite(dee.actor, invite.token), 'CONFLICT', /expired/);

    const second = await createInvite(p.owner.actor, p.slug, { email: dee.email, role: 'viewer' });
    await revokeInvite(p.owner.actor, second.id);
    await revokeInvite(p.owner.actor, second.id); // harmless twice
    expect((await getInviteByToken(second.token))?.revoked).toBe(true);
    await expectAppError(acceptInvite(dee.actor, second.token), 'CONFLICT', /revoked/);
    await expectAppError(getProject(dee.actor, p.slug), 'NOT_FOUND');
    await expectAppError(acceptInvite(dee.actor, 'garbage'), 'NOT_FOUND');
  });

  it('replaces a pending invitation for the same address', async () => {
    const p = await makeProject();
    const first = await createInvite(p.owner.actor, p.slug, { email: 'twice@test.example', role: 'viewer' });
    const second = await createInvite(p.owner.actor, p.slug, { email: 'twice@test.example', role: 'curator' });
    expect((await listInvites(p.owner.actor, p.slug)).map((i) => [i.id, i.role])).toEqual([[second.id, 'CURATOR']]);
    expect((await getInviteByToken(first.token))?.revoked).toBe(true);
  });

  it('never lowers the role of someone who became a member meanwhile', async () => {
    const p = await makeProject();
    const fay = await makeUser('fay');
    const invite = await createInvite(p.owner.actor, p.slug, { email: fay.email, role: 'viewer' });
    await setMemberRole(systemActor, { projectSlug: p.slug, email: fay.email, role: 'owner' });
    await acceptInvite(fay.actor, invite.token);
    expect(await roleOf(p, fay.email)).toBe('OWNER');
  });

  it('only owners invite, list and revoke; outsiders get NOT_FOUND', async () => {
    const p = await makeProject({ cur: 'CURATOR' });
    const cur = p.members.cur!;
    const outsider = await makeUser('outsider');
    const invite = await createInvite(p.owner.actor, p.slug, { email: 'x@test.example', role: 'viewer' });
    await expectAppError(createInvite(cur.actor, p.slug, { email: 'y@test.example', role: 'viewer' }), 'FORBIDDEN', /Only project owners/);
    await expectAppError(createInvite(outsider.actor, p.slug, { email: 'y@test.example', role: 'viewer' }), 'NOT_FOUND');
    await expectAppError(listInvites(cur.actor, p.slug), 'FORBIDDEN');
    await expectAppError(listInvites(outsider.actor, p.slug), 'NOT_FOUND');
    await expectAppError(revokeInvite(cur.actor, invite.id), 'FORBIDDEN');
    await expectAppError(revokeInvite(outsider.actor, invite.id), 'NOT_FOUND');
    await expectAppError(revokeInvite(p.owner.actor, 'not-a-uuid'), 'NOT_FOUND');
    await expectAppError(createInvite(p.owner.actor, p.slug, { email: 'nope', role: 'viewer' }), 'INVALID', /valid email/);
    await expectAppError(createInvite(p.owner.actor, p.slug, { email: 'z@test.example', role: 'boss' }), 'INVALID', /Role must be one of/);
    expect((await getInviteByToken(invite.token))?.revoked).toBe(false);
  });
});

describe('removing members', () => {
  it('only owners remove; curators are FORBIDDEN and outsiders NOT_FOUND', async () => {
    const p = await makeProject({ cur: 'CURATOR', ann: 'ANNOTATOR' });
    const outsider = await makeUser('outsider');
    await expectAppError(removeMember(p.members.cur!.actor, p.slug, p.members.ann!.id), 'FORBIDDEN', /Only project owners/);
    await expectAppError(removeMember(outsider.actor, p.slug, p.members.ann!.id), 'NOT_FOUND');
    await expectAppError(removeMember(p.owner.actor, p.slug, outsider.id), 'NOT_FOUND', /not a member/);
    await expectAppError(removeMember(p.owner.actor, p.slug, 'nope'), 'NOT_FOUND');
    expect(await roleOf(p, p.members.ann!.email)).toBe('ANNOTATOR');
  });

  it('the last owner can be neither removed nor demoted; with a second owner, an owner may leave', async () => {
    const p = await makeProject({ cur: 'CURATOR' });
    await expectAppError(removeMember(p.owner.actor, p.slug, p.owner.id), 'CONFLICT', /last owner/);
    await expectAppError(setMemberRole(p.owner.actor, { projectSlug: p.slug, email: p.owner.email, role: 'viewer' }), 'CONFLICT', /last owner/);
    await setMemberRole(p.owner.actor, { projectSlug: p.slug, email: p.members.cur!.email, role: 'owner' });
    await removeMember(p.owner.actor, p.slug, p.owner.id);
    await expectAppError(getProject(p.owner.actor, p.slug), 'NOT_FOUND');
    await expectAppError(removeMember(p.members.cur!.actor, p.slug, p.members.cur!.id), 'CONFLICT', /last owner/);
  });

  it('a removed member loses access but their annotations remain', async () => {
    const p = await makeProject({ ann: 'ANNOTATOR' });
    const ann = p.members.ann!;
    const { projectId, security } = await makeCodebook(p.slug);
    const doc = await makeDocument(p);
    const span = spanOf(doc.text, 'The talks failed');
    const annotationId = randomUUID();
    await getDb().annotation.create({
      data: { id: annotationId, projectId, documentId: doc.id, annotatorId: ann.id, categoryId: security.id, ...span },
    });
    await removeMember(p.owner.actor, p.slug, ann.id);
    await expectAppError(getProject(ann.actor, p.slug), 'NOT_FOUND');
    expect(await roleOf(p, ann.email)).toBeUndefined();
    const kept = await getDb().annotation.findUnique({ where: { id: annotationId }, select: { annotatorId: true, deletedAt: true } });
    expect(kept).toEqual({ annotatorId: ann.id, deletedAt: null });
  });
});
