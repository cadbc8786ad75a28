import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { changeEmail, changeName, changePassword, deleteAccount, getAccount } from '@/lib/data/account';
import { createAnnotation } from '@/lib/data/annotations';
import { createComment } from '@/lib/data/comments';
import { setLayersRevealed, setMemberRole } from '@/lib/data/projects';
import { sessionUser, startSession } from '@/lib/data/sessions';
import { signUp, verifyCredentials } from '@/lib/data/users';
import { systemActor } from '@/lib/data/actor';
import { getDb } from '@/lib/db';
import { expectAppError, makeCodebook, makeDocument, makeProject, makeUser, spanOf, uniq } from './helpers';

const password = 'correct horse battery'; // makeUser's

describe('sign-up refuses a guessable password', () => {
  it.each([
    ['password', /too easy to guess/],
    ['parallax123', /too easy to guess/],
    ['12345678', /too easy to guess/],
  ])('refuses %s with the reason, under the password field', async (weak, message) => {
    const error = await expectAppError(signUp({ name: 'Weak', email: `weak-${uniq()}@test.example`, password: weak }, null), 'INVALID');
    expect(error.fieldErrors?.password).toMatch(message);
    expect(error.fieldErrors?.name).toBeUndefined();
  });

  it('refuses the person’s own email or name as a password', async () => {
    const email = `marguerite.yourcenar-${uniq()}@test.example`;
    const byEmail = await expectAppError(signUp({ name: 'M', email, password: email }, null), 'INVALID');
    expect(byEmail.fieldErrors?.password).toMatch(/personal/);
    const byName = await expectAppError(signUp({ name: 'Marguerite Yourcenar', email, password: 'Marguerite Yourcenar' }, null), 'INVALID');
    expect(byName.fieldErrors?.password).toMatch(/too easy to guess/);
  });

  it('gives every field its own message at once', async () => {
    const error = await expectAppError(signUp({ name: '', email: 'not-an-email', password: 'short' }, null), 'INVALID');
    expect(error.fieldErrors).toEqual({
      name: 'Name is required.',
      email: 'That is not a valid email address.',
      password: 'Password must be at least 8 characters.',
    });
  });

  it('accepts a strong one', async () => {
    const email = `strong-${uniq()}@test.example`;
    await signUp({ name: 'Strong', email, password: 'Plum harbour quietly 42' }, null);
    await expect(verifyCredentials({ email, password: 'Plum harbour quietly 42', address: null })).resolves.toMatchObject({ email });
  });
});

describe('account settings', () => {
  it('changes the name; an empty one is refused under its field', async () => {
    const u = await makeUser('named');
    await expect(changeName(u.actor, { name: '  Ada Lovelace ' })).resolves.toMatchObject({ name: 'Ada Lovelace' });
    const error = await expectAppError(changeName(u.actor, { name: ' ' }), 'INVALID');
    expect(error.fieldErrors).toEqual({ name: 'Name is required.' });
  });

  it('changes the email only with the current password, and never to another account’s', async () => {
    const u = await makeUser('mover');
    const other = await makeUser('taken');
    const next = `moved-${uniq()}@test.example`;
    const wrong = await expectAppError(changeEmail(u.actor, { email: next, currentPassword: 'not it at all' }), 'INVALID');
    expect(wrong.fieldErrors?.currentPassword).toMatch(/not your current password/);
    const taken = await expectAppError(changeEmail(u.actor, { email: other.email, currentPassword: password }), 'CONFLICT');
    expect(taken.fieldErrors?.email).toMatch(/Another account already uses/);
    await expect(changeEmail(u.actor, { email: next.toUpperCase(), currentPassword: password })).resolves.toMatchObject({ email: next });
    await expect(verifyCredentials({ email: next, password, address: null })).resolves.toMatchObject({ id: u.id });
  });

  it('changes the password after the current one, refuses a weak one, and signs out the other sessions only', async () => {
    const u = await makeUser('changer');
    const here = await startSession(u.id);
    const elsewhere = await startSession(u.id);
    const input = (newPassword: string, currentPassword = password) => ({ currentPassword, newPassword, confirmPassword: newPassword });
    const wrong = await expectAppError(changePassword(u.actor, input('Plum harbour quietly 42', 'wrong one'), here), 'INVALID');
    expect(wrong.fieldErrors?.currentPassword).toBeDefined();
    const weak = await expectAppError(changePassword(u.actor, input('password'), here), 'INVALID');
    expect(weak.fieldErrors?.newPassword).toMatch(/too easy to guess/);
    const own = await expectAppError(changePassword(u.actor, input(u.email), here), 'INVALID');
    expect(own.fieldErrors?.newPassword).toMatch(/too easy to guess/);
    const differ = await expectAppError(changePassword(u.actor, { ...input('Plum harbour quietly 42'), confirmPassword: 'Plum harbour quietly 43' }, here), 'INVALID');
    expect(differ.fieldErrors?.confirmPassword).toMatch(/differ/);
    // Nothing was changed by the refusals.
    expect(await sessionUser(elsewhere, u.id)).not.toBeNull();

    await expect(changePassword(u.actor, input('Plum harbour quietly 42'), here)).resolves.toEqual({ endedSessions: 1 });
    expect(await sessionUser(here, u.id)).not.toBeNull();
    expect(await sessionUser(elsewhere, u.id)).toBeNull();
    await expectAppError(verifyCredentials({ email: u.email, password, address: null }), 'UNAUTHENTICATED');
    await expect(verifyCredentials({ email: u.email, password: 'Plum harbour quietly 42', address: null })).resolves.toMatchObject({ id: u.id });
  });
});

describe('deleting one’s account', () => {
  async function setup() {
    const p = await makeProject({ ana: 'ANNOTATOR', cur: 'CURATOR' });
    const codebook = await makeCodebook(p.slug);
    const doc = await makeDocument(p, 'The talks');
    const ana = p.members.ana!;
    const cur = p.members.cur!;
    const own = (await createAnnotation(ana.actor, doc.id, { id: randomUUID(), ...spanOf(doc.text, 'Both sides'), categoryId: codebook.security.id })).annotation;
    const curs = (await createAnnotation(cur.actor, doc.id, { id: randomUUID(), ...spanOf(doc.text, 'Both sides'), categoryId: codebook.security.id })).annotation;
    // The curator's comment on the annotator's annotation (it goes with the annotation), and the
    // annotator's own on the curator's (blind coding: the curator's layer is hidden from the
    // annotator, so the owner reveals it first).
    await createComment(cur.actor, own.id, { id: randomUUID(), body: 'Agreed', mentions: [] });
    await setLayersRevealed(p.owner.actor, p.slug, true);
    await createComment(ana.actor, curs.id, { id: randomUUID(), body: 'Why?', mentions: [] });
    return { ...p, ...codebook, doc, ana, cur, own, curs };
  }

  it('needs the password and the email typed; then removes the account, its annotations and comments, and logs it', async () => {
    const s = await setup();
    const db = getDb();
    expect(await getAccount(s.ana.actor)).toMatchObject({ annotations: 1, comments: 1, soleOwnerOf: [] });
    const wrong = await expectAppError(deleteAccount(s.ana.actor, { currentPassword: 'nope', confirmation: s.ana.email }), 'INVALID');
    expect(wrong.fieldErrors?.currentPassword).toBeDefined();
    const typo = await expectAppError(deleteAccount(s.ana.actor, { currentPassword: password, confirmation: 'delete' }), 'INVALID');
    expect(typo.fieldErrors?.confirmation).toMatch(/Type your email/);

    await expect(deleteAccount(s.ana.actor, { currentPassword: password, confirmation: s.ana.email.toUpperCase() })).resolves.toEqual({
      projects: 1,
      annotations: 1,
      comments: 1,
    });
    expect(await db.user.findUnique({ where: { id: s.ana.id } })).toBeNull();
    expect(await db.annotation.findUnique({ where: { id: s.own.id } })).toBeNull();
    // The curator's annotation stays; the annotator's comment on it went; so did the curator's comment on the deleted one.
    expect(await db.annotation.findUnique({ where: { id: s.curs.id } })).not.toBeNull();
    expect(await db.comment.count({ where: { annotationId: s.curs.id } })).toBe(0);
    expect(await db.comment.count({ where: { annotationId: s.own.id } })).toBe(0);
    expect(await db.comment.count({ where: { authorId: s.cur.id } })).toBe(0);
    const event = await db.activityEvent.findFirstOrThrow({ where: { action: 'member.account-deleted', targetId: s.ana.id } });
    expect(event.summary).toMatch(/deleted their account; 1 annotation and 1 comment went with it/);
    expect(event.actorId).toBeNull(); // the account it named is gone
  });

  it('is refused while the account is a project’s only owner, and allowed once there is another', async () => {
    const s = await setup();
    const refused = await expectAppError(deleteAccount(s.owner.actor, { currentPassword: password, confirmation: s.owner.email }), 'CONFLICT', /only owner of/);
    expect(refused.message).toMatch(/Make another member owner, or delete the project/);
    expect((await getAccount(s.owner.actor)).soleOwnerOf.map((p) => p.slug)).toEqual([s.slug]);
    await setMemberRole(systemActor, { projectSlug: s.slug, email: s.cur.email, role: 'OWNER' });
    expect((await getAccount(s.owner.actor)).soleOwnerOf).toEqual([]);
    await expect(deleteAccount(s.owner.actor, { currentPassword: password, confirmation: s.owner.email })).resolves.toMatchObject({ projects: 1 });
  });

  it('keeps the consensus passages a curator accepted, credited to an owner', async () => {
    const s = await setup();
    const db = getDb();
    const { id: projectId } = await db.project.findUniqueOrThrow({ where: { slug: s.slug }, select: { id: true } });
    // As the curation board writes it: a consensus row credited to the curator who accepted it.
    const consensus = await db.annotation.create({
      data: { id: randomUUID(), projectId, documentId: s.doc.id, annotatorId: s.cur.id, layer: 'CONSENSUS', categoryId: s.security.id, ...spanOf(s.doc.text, 'Both sides') },
      select: { id: true },
    });
    await deleteAccount(s.cur.actor, { currentPassword: password, confirmation: s.cur.email });
    const after = await db.annotation.findUniqueOrThrow({ where: { id: consensus.id }, select: { annotatorId: true } });
    expect(after.annotatorId).toBe(s.owner.id);
  });
});
