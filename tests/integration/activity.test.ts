import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { listActivity, listActivityFilterOptions } from '@/lib/data/activity';
import { systemActor } from '@/lib/data/actor';
import { createAnnotation, deleteAnnotation, listAnnotations, restoreAnnotation, updateAnnotation } from '@/lib/data/annotations';
import {
  createAttribute,
  createCategory,
  deleteAttribute,
  deleteCategory,
  mergeCategories,
  reorderCategories,
  updateAttribute,
  updateCategory,
} from '@/lib/data/codebook';
import { setDocumentStatus } from '@/lib/data/document-status';
import { correctDocumentText, importDocuments, updateDocumentMetadata } from '@/lib/data/documents';
import { acceptInvite, createInvite, removeMember, revokeInvite } from '@/lib/data/members';
import { createProject, getProject, setLayersRevealed, setMemberRole, updateProjectSettings } from '@/lib/data/projects';
import { ConflictError } from '@/lib/errors';
import { runCommand } from '@/scripts/cli/commands';
import { buildExportSnapshot } from '@/lib/data/export';
import { renderReportHtml } from '@/lib/export/report-html';
import { buildReportModel } from '@/lib/export/report-model';
import { expectAppError, makeCodebook, makeDocument, makeProject, makeUser, sampleBlocks, spanOf, uniq } from './helpers';

async function setup() {
  const p = await makeProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR', cur: 'CURATOR', viewer: 'VIEWER' });
  const codebook = await makeCodebook(p.slug);
  const doc = await makeDocument(p, 'Why talks failed');
  return { ...p, ...codebook, doc, ana: p.members.ana!, ben: p.members.ben!, cur: p.members.cur!, viewer: p.members.viewer! };
}

/** The project's events in the order they were written, straight from the table. */
async function events(projectId: string) {
  return getDb().activityEvent.findMany({ where: { projectId }, orderBy: { id: 'asc' } });
}

/**
 * Runs a change and returns the events it wrote: exactly the rows added to the project's log
 * meanwhile (tests make their own projects, so nothing else writes there).
 */
async function eventsOf(projectId: string, change: () => Promise<unknown>) {
  const before = await events(projectId);
  await change();
  return (await events(projectId)).slice(before.length);
}

/** Asserts that a failed change wrote nothing to the log. */
async function expectNoEvent(projectId: string, change: () => Promise<unknown>) {
  const before = (await events(projectId)).length;
  await change();
  expect((await events(projectId)).length).toBe(before);
}

describe('annotations are logged in the same statement or transaction', () => {
  it('create, idempotent repeat, update, stale update, delete, restore', async () => {
    const s = await setup();
    const id = randomUUID();
    const input = { id, ...spanOf(s.doc.text, 'The talks failed'), categoryId: s.sanctuary.id };

    const [created, ...more] = await eventsOf(s.projectId, () => createAnnotation(s.ana.actor, s.doc.id, input));
    expect(more).toEqual([]);
    expect(created).toMatchObject({
      actorId: s.ana.id,
      action: 'annotation.create',
      targetType: 'annotation',
      targetId: id,
      documentId: s.doc.id,
      summary: 'Tagged "The talks failed" as TTP sanctuary in "Why talks failed"',
      details: { categoryId: s.sanctuary.id, start: input.start, end: input.end },
    });
    // A retried create changes nothing, so it logs nothing.
    await expectNoEvent(s.projectId, async () => expect((await createAnnotation(s.ana.actor, s.doc.id, input)).created).toBe(false));
    // Refused creates log nothing either: bad input, and someone else's id.
    await expectNoEvent(s.projectId, () => expectAppError(createAnnotation(s.ana.actor, s.doc.id, { ...input, id: randomUUID(), categoryId: randomUUID() }), 'INVALID'));
    await expectNoEvent(s.projectId, () => expectAppError(createAnnotation(s.ben.actor, s.doc.id, input), 'INVALID', /cannot be used/));

    const [updated, ...more2] = await eventsOf(s.projectId, () =>
      updateAnnotation(s.ana.actor, id, { version: 1, categoryId: s.security.id, note: 'why' }),
    );
    expect(more2).toEqual([]);
    expect(updated).toMatchObject({
      actorId: s.ana.id,
      action: 'annotation.update',
      targetId: id,
      documentId: s.doc.id,
      summary: 'Edited "The talks failed" (TTP sanctuary) in "Why talks failed": category → Security, note',
    });
    // A stale version is refused with 409 and the log does not claim the edit happened.
    await expectNoEvent(s.projectId, async () => {
      const error = await expectAppError(updateAnnotation(s.ana.actor, id, { version: 1, note: 'stale' }), 'CONFLICT');
      expect(error).toBeInstanceOf(ConflictError);
    });
    // Someone else's annotation: refused, nothing logged.
    await expectNoEvent(s.projectId, () => expectAppError(updateAnnotation(s.ben.actor, id, { version: 2, note: 'x' }), 'NOT_FOUND'));

    const deleted = await eventsOf(s.projectId, () => deleteAnnotation(s.ana.actor, id));
    expect(deleted.map((e) => [e.action, e.actorId, e.targetId, e.summary])).toEqual([
      ['annotation.delete', s.ana.id, id, 'Deleted "The talks failed" (Security) in "Why talks failed"'],
    ]);
    await expectNoEvent(s.projectId, () => expectAppError(deleteAnnotation(s.ana.actor, id), 'NOT_FOUND'));

    const restored = await eventsOf(s.projectId, () => restoreAnnotation(s.ana.actor, id));
    expect(restored.map((e) => [e.action, e.targetId])).toEqual([['annotation.restore', id]]);
    // Restoring what is not deleted changes nothing.
    await expectNoEvent(s.projectId, () => restoreAnnotation(s.ana.actor, id));
  });

  it('racing retries of one create write one annotation and one event', async () => {
    const s = await setup();
    const input = { id: randomUUID(), ...spanOf(s.doc.text, 'The talks failed'), categoryId: s.security.id };
    // The losers' inserts fail on the primary key inside the one statement, so their event
    // inserts (in the same statement) never happen; they answer as repeats.
    const written = await eventsOf(s.projectId, () => Promise.all([1, 2, 3, 4].map(() => createAnnotation(s.ana.actor, s.doc.id, input))));
    expect(written.map((e) => [e.action, e.targetId])).toEqual([['annotation.create', input.id]]);
  });
});

describe('documents are logged', () => {
  it('one event per import however many documents, metadata edits, corrections and progress', async () => {
    const s = await setup();
    const [many, ...more] = await eventsOf(s.projectId, () =>
      importDocuments(s.cur.actor, s.slug, {
        documents: ['A', 'B', 'C', 'D'].map((t) => ({ title: `Doc ${t}`, blocks: sampleBlocks(uniq()) })),
      }),
    );
    expect(more).toEqual([]);
    expect(many).toMatchObject({
      actorId: s.cur.id,
      action: 'document.import',
      targetId: null,
      documentId: null,
      summary: 'Imported 4 documents: "Doc A", "Doc B", "Doc C" and 1 more',
      details: { count: 4 },
    });
    // A duplicate import is refused all or nothing, and logs nothing.
    await expectNoEvent(s.projectId, () =>
      expectAppError(importDocuments(s.cur.actor, s.slug, { documents: [{ title: 'Again', blocks: sampleBlocks('same') }, { title: 'Twice', blocks: sampleBlocks('same') }] }), 'CONFLICT'),
    );
    const single = (await events(s.projectId)).find((e) => e.action === 'document.import' && e.documentId === s.doc.id);
    expect(single).toMatchObject({ actorId: s.owner.id, targetId: s.doc.id, summary: 'Imported "Why talks failed"' });

    const edit = await eventsOf(s.projectId, () => updateDocumentMetadata(s.cur.actor, s.doc.id, { title: 'Why the talks failed', author: 'R. Khan' }));
    expect(edit.map((e) => [e.action, e.documentId, e.summary])).toEqual([
      ['document.update', s.doc.id, 'Edited title, author of "Why talks failed" (now "Why the talks failed")'],
    ]);
    await expectNoEvent(s.projectId, () => updateDocumentMetadata(s.cur.actor, s.doc.id, { title: 'Why the talks failed', author: 'R. Khan' }));
    await expectNoEvent(s.projectId, () => expectAppError(updateDocumentMetadata(s.ana.actor, s.doc.id, { title: 'Mine' }), 'FORBIDDEN'));

    await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'Both sides blamed'), categoryId: s.security.id });
    await createAnnotation(s.ben.actor, s.doc.id, { ...spanOf(s.doc.text, 'each other'), categoryId: s.security.id });
    const marker = s.doc.text.match(/Section (\w+)/)![1]!;
    const corrected = [
      { type: 'heading' as const, level: 2 as const, text: `Section ${marker}` },
      { type: 'paragraph' as const, text: `Sadly, the talks failed because of ${marker}. Both sides blamed each other.` },
    ];
    const correction = await eventsOf(s.projectId, () => correctDocumentText(s.owner.actor, s.doc.id, { blocks: corrected }));
    expect(correction).toHaveLength(1);
    expect(correction[0]).toMatchObject({ action: 'document.correct', actorId: s.owner.id, documentId: s.doc.id, details: { orphaned: 0 } });
    expect(correction[0]!.summary).toMatch(/^Corrected the text of "Why the talks failed": 2 annotations re-anchored \(\d exact, \d moved, \d fuzzy\), 0 orphaned$/);

    const finished = await eventsOf(s.projectId, () => setDocumentStatus(s.ana.actor, s.doc.id, 'FINISHED'));
    expect(finished.map((e) => [e.action, e.actorId, e.summary])).toEqual([['document.status', s.ana.id, 'Marked "Why the talks failed" finished']]);
    await expectNoEvent(s.projectId, () => setDocumentStatus(s.ana.actor, s.doc.id, 'FINISHED'));
  });
});

describe('codebook changes are logged', () => {
  it('each category and attribute change writes one event; refused ones none', async () => {
    const s = await setup();
    const one = async (change: () => Promise<unknown>) => {
      const written = await eventsOf(s.projectId, change);
      expect(written).toHaveLength(1);
      expect(written[0]!.actorId).toBe(s.cur.id);
      return written[0]!;
    };
    let trade!: { id: string };
    expect(await one(async () => (trade = await createCategory(s.cur.actor, s.slug, { name: 'Trade', color: '#009e73' })))).toMatchObject({
      action: 'codebook.category.create',
      targetType: 'category',
      summary: 'Added category "Trade"',
    });
    expect((await one(() => updateCategory(s.cur.actor, trade.id, { name: 'Trade and border closures', description: 'Torkham' }))).summary).toBe(
      'Edited category "Trade": renamed to "Trade and border closures", description',
    );
    await expectNoEvent(s.projectId, () => updateCategory(s.cur.actor, trade.id, { name: 'Trade and border closures' }));
    expect(await one(() => updateCategory(s.cur.actor, trade.id, { parentId: s.security.id }))).toMatchObject({
      action: 'codebook.category.move',
      summary: 'Moved "Trade and border closures" under "Security"',
    });
    expect(await one(() => reorderCategories(s.cur.actor, s.slug, { parentId: s.security.id, orderedIds: [trade.id, s.sanctuary.id] }))).toMatchObject({
      action: 'codebook.category.reorder',
      targetId: s.security.id,
      summary: 'Reordered the categories under "Security": "Trade and border closures" and "TTP sanctuary"',
    });
    // The same order again moves nothing and logs nothing.
    await expectNoEvent(s.projectId, () => reorderCategories(s.cur.actor, s.slug, { parentId: s.security.id, orderedIds: [trade.id, s.sanctuary.id] }));

    await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'The talks failed'), categoryId: s.sanctuary.id });
    expect(await one(() => mergeCategories(s.cur.actor, { sourceId: s.sanctuary.id, targetId: trade.id }))).toMatchObject({
      action: 'codebook.category.merge',
      targetId: trade.id,
      summary: 'Merged "Security / TTP sanctuary" into "Security / Trade and border closures": 1 annotation moved',
    });
    const spare = await createCategory(s.cur.actor, s.slug, { name: 'Spare', color: '#cc79a7' });
    // In use and no reassignment named: refused, nothing logged.
    await expectNoEvent(s.projectId, () => expectAppError(deleteCategory(s.cur.actor, trade.id), 'CONFLICT'));
    expect(await one(() => deleteCategory(s.cur.actor, trade.id, { reassignTo: spare.id }))).toMatchObject({
      action: 'codebook.category.delete',
      summary: 'Deleted category "Security / Trade and border closures"; 1 annotation reassigned to "Spare"',
      details: { reassigned: 1, reassignedTo: spare.id },
    });

    let tone!: { id: string };
    expect(
      (await one(async () => (tone = await createAttribute(s.cur.actor, s.slug, { key: 'tone', name: 'Tone', options: [{ value: 'calm', label: 'Calm' }] })))).summary,
    ).toBe('Added attribute "Tone" (tone) with values "Calm"');
    expect(
      (await one(() => updateAttribute(s.cur.actor, tone.id, { options: [{ value: 'calm', label: 'Calm' }, { value: 'angry', label: 'Angry' }] }))).summary,
    ).toBe('Edited attribute "Tone": values: added "Angry"');
    expect((await one(() => deleteAttribute(s.cur.actor, tone.id))).action).toBe('codebook.attribute.delete');
    // An annotator may not edit the codebook: refused, nothing logged.
    await expectNoEvent(s.projectId, () => expectAppError(createCategory(s.ana.actor, s.slug, { name: 'Nope', color: '#000000' }), 'FORBIDDEN'));
  });
});

describe('members and project changes are logged', () => {
  it('invite, revoke, accept, add, role change, removal, creation; the system actor is stored as null', async () => {
    const owner = await makeUser('owner');
    const slug = `p-${uniq()}`;
    const { id: projectId } = await createProject(owner.actor, { slug, name: 'Talks' });
    expect(await events(projectId)).toMatchObject([{ action: 'project.create', actorId: owner.id, summary: `Created the project "Talks" (${slug})` }]);

    const dee = await makeUser('dee');
    const first = await createInvite(owner.actor, slug, { email: dee.email, role: 'viewer' });
    const second = await createInvite(owner.actor, slug, { email: dee.email, role: 'annotator' });
    const revoked = await eventsOf(projectId, () => revokeInvite(owner.actor, second.id));
    await expectNoEvent(projectId, () => revokeInvite(owner.actor, second.id));
    const third = await createInvite(owner.actor, slug, { email: dee.email, role: 'annotator' });
    const accepted = await eventsOf(projectId, () => acceptInvite(dee.actor, third.token));
    await expectNoEvent(projectId, () => expectAppError(acceptInvite(dee.actor, third.token), 'CONFLICT'));

    const eve = await makeUser('eve');
    const added = await eventsOf(projectId, () => setMemberRole(systemActor, { projectSlug: slug, email: eve.email, role: 'curator' }));
    const promoted = await eventsOf(projectId, () => setMemberRole(owner.actor, { projectSlug: slug, email: dee.email, role: 'curator' }));
    await expectNoEvent(projectId, () => setMemberRole(owner.actor, { projectSlug: slug, email: dee.email, role: 'curator' }));
    await expectNoEvent(projectId, () => expectAppError(removeMember(owner.actor, slug, owner.id), 'CONFLICT'));
    const removed = await eventsOf(projectId, () => removeMember(owner.actor, slug, eve.id));

    const all = await events(projectId);
    expect(all.filter((e) => e.action === 'member.invite').map((e) => [e.actorId, e.targetId, e.summary])).toEqual([
      [owner.id, first.id, `Invited ${dee.email} as viewer`],
      [owner.id, second.id, `Invited ${dee.email} as annotator (replacing the earlier link)`],
      [owner.id, third.id, `Invited ${dee.email} as annotator`],
    ]);
    expect(revoked.map((e) => [e.action, e.targetId, e.summary])).toEqual([['member.revoke-invite', second.id, `Revoked the invitation of ${dee.email} (annotator)`]]);
    expect(accepted.map((e) => [e.action, e.actorId, e.targetId, e.summary])).toEqual([
      ['member.accept', dee.id, dee.id, `dee (${dee.email}) accepted the invitation and joined as annotator`],
    ]);
    expect(added.map((e) => [e.action, e.actorId, e.summary])).toEqual([['member.add', null, `Added eve (${eve.email}) as curator`]]);
    expect(promoted.map((e) => [e.action, e.summary])).toEqual([['member.role', `Changed the role of dee (${dee.email}) from annotator to curator`]]);
    expect(removed.map((e) => [e.action, e.targetId, e.summary])).toEqual([['member.remove', eve.id, `Removed eve (${eve.email}), curator`]]);
    // A former member can still be picked in the log's person filter; their events stay.
    const options = await listActivityFilterOptions(owner.actor, slug);
    expect(options.people.map((p) => p.name)).toEqual(['dee', 'eve', 'owner']);
    expect(options.hasSystem).toBe(true);
  });
});

describe('listActivity', () => {
  it('is for owners only: other members FORBIDDEN, outsiders NOT_FOUND, bad filters INVALID', async () => {
    const s = await setup();
    const other = await makeProject();
    for (const member of [s.cur, s.ana, s.viewer]) {
      await expectAppError(listActivity(member.actor, s.slug), 'FORBIDDEN', /Only project owners can see the activity log/);
      await expectAppError(listActivityFilterOptions(member.actor, s.slug), 'FORBIDDEN');
    }
    await expectAppError(listActivity(other.owner.actor, s.slug), 'NOT_FOUND');
    await expectAppError(listActivity(s.owner.actor, s.slug, { from: '2025-13-01' }), 'INVALID', /from: From is not a real date/);
    await expectAppError(listActivity(s.owner.actor, s.slug, { type: 'comment.create' }), 'INVALID', /Type must be a group/);
    expect((await listActivity(systemActor, s.slug)).events.length).toBeGreaterThan(0);
  });

  it('lists newest first with names and document links, and filters by person, group, action, document and dates', async () => {
    const s = await setup();
    const other = await makeDocument(s, 'Second');
    const a1 = await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'The talks failed'), categoryId: s.security.id });
    await createAnnotation(s.ben.actor, other.id, { ...spanOf(other.text, 'Both sides'), categoryId: s.security.id });
    await deleteAnnotation(s.ana.actor, a1.annotation.id);
    await createCategory(s.cur.actor, s.slug, { name: 'Trade', color: '#009e73' });

    const { events: all, nextCursor } = await listActivity(s.owner.actor, s.slug);
    expect(nextCursor).toBeNull();
    expect(all.map((e) => e.action)).toEqual([
      'codebook.category.create',
      'annotation.delete',
      'annotation.create',
      'annotation.create',
      'document.import',
      'document.import',
      'member.add', 'member.add', 'member.add', 'member.add',
      'project.create',
    ]);
    expect(all[0]).toMatchObject({ actor: { id: s.cur.id, name: 'cur' }, document: null, summary: 'Added category "Trade"' });
    expect(all[1]).toMatchObject({ actor: { id: s.ana.id, name: 'ana' }, document: { id: s.doc.id, title: 'Why talks failed' }, targetId: a1.annotation.id });
    expect(all.filter((e) => e.action === 'member.add').every((e) => e.actor === null)).toBe(true);

    const actions = async (filters: Parameters<typeof listActivity>[2]) => (await listActivity(s.owner.actor, s.slug, filters)).events.map((e) => e.action);
    expect(await actions({ actor: s.ana.id })).toEqual(['annotation.delete', 'annotation.create']);
    expect(await actions({ actor: 'system' })).toEqual(['member.add', 'member.add', 'member.add', 'member.add']);
    expect(await actions({ type: 'annotations' })).toEqual(['annotation.delete', 'annotation.create', 'annotation.create']);
    expect(await actions({ type: 'annotation.create', actor: s.ben.id })).toEqual(['annotation.create']);
    expect(await actions({ document: other.id })).toEqual(['annotation.create', 'document.import']);
    expect(await actions({ type: 'codebook', document: s.doc.id })).toEqual([]);

    // Dates are UTC days and "to" includes its whole day.
    const db = getDb();
    await db.activityEvent.updateMany({ where: { projectId: s.projectId, action: 'project.create' }, data: { createdAt: new Date('2025-03-01T23:59:59Z') } });
    await db.activityEvent.updateMany({ where: { projectId: s.projectId, action: 'member.add' }, data: { createdAt: new Date('2025-03-02T00:00:00Z') } });
    expect(await actions({ to: '2025-03-01' })).toEqual(['project.create']);
    expect(await actions({ from: '2025-03-02', to: '2025-03-02' })).toEqual(['member.add', 'member.add', 'member.add', 'member.add']);
    expect(await actions({ from: '2025-03-01', to: '2025-03-03' })).toHaveLength(5);
    expect((await actions({ from: '2025-03-03' })).length).toBe(all.length - 5);

    const options = await listActivityFilterOptions(s.owner.actor, s.slug);
    expect(options.hasSystem).toBe(true);
    expect(options.people.map((p) => p.name)).toEqual(['ana', 'ben', 'cur', 'owner', 'viewer']);
    expect(options.documents.map((d) => d.title)).toEqual(['Why talks failed', 'Second']);
  });

  it('pages by cursor without skipping or repeating, also when events share a timestamp', async () => {
    const s = await setup();
    for (const name of ['A', 'B', 'C', 'D', 'E']) await createCategory(s.cur.actor, s.slug, { name, color: '#009e73' });
    const db = getDb();
    // Several events in one millisecond (as in one busy moment): the id breaks the tie.
    await db.activityEvent.updateMany({ where: { projectId: s.projectId, action: 'codebook.category.create' }, data: { createdAt: new Date('2025-06-01T12:00:00Z') } });
    const whole = (await listActivity(s.owner.actor, s.slug)).events.map((e) => e.id);
    const paged: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listActivity(s.owner.actor, s.slug, { limit: 2, cursor });
      expect(page.events.length).toBeLessThanOrEqual(2);
      paged.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 20);
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(whole.length);
    expect(pages).toBe(Math.ceil(whole.length / 2));
    // Within the shared millisecond, newest id first.
    const created = (await listActivity(s.owner.actor, s.slug, { type: 'codebook.category.create' })).events;
    expect(created.map((e) => e.summary)).toEqual(['E', 'D', 'C', 'B', 'A'].map((n) => `Added category "${n}"`));
    // Filters and the cursor combine.
    const firstTwo = await listActivity(s.owner.actor, s.slug, { type: 'codebook', limit: 2 });
    const rest = await listActivity(s.owner.actor, s.slug, { type: 'codebook', limit: 10, cursor: firstTwo.nextCursor ?? undefined });
    expect([...firstTwo.events, ...rest.events].map((e) => e.id)).toEqual(created.map((e) => e.id));
    expect(rest.nextCursor).toBeNull();
  });
});

describe('project settings', () => {
  it('owners change name, description, blind coding and agreement visibility; each save is logged with what changed', async () => {
    const s = await setup();
    expect((await getProject(s.owner.actor, s.slug)).project).toMatchObject({ blindCoding: true, annotatorsSeeAgreement: false });
    const [event, ...more] = await eventsOf(s.projectId, () =>
      updateProjectSettings(s.owner.actor, s.slug, { name: 'Talks 2025', description: 'Why the talks failed', annotatorsSeeAgreement: true }),
    );
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      action: 'project.settings',
      actorId: s.owner.id,
      summary: `Changed settings: name "Project ${s.slug}" → "Talks 2025"; description; annotators see agreement off → on`,
    });
    expect((await getProject(s.ana.actor, s.slug)).project).toMatchObject({ name: 'Talks 2025', description: 'Why the talks failed', annotatorsSeeAgreement: true, blindCoding: true });
    await expectNoEvent(s.projectId, () => updateProjectSettings(s.owner.actor, s.slug, { name: 'Talks 2025' }));
    await expectNoEvent(s.projectId, () => expectAppError(updateProjectSettings(s.owner.actor, s.slug, { name: '  ' }), 'INVALID', /name: Project name is required/));
    await expectAppError(updateProjectSettings(s.owner.actor, s.slug, { blindCoding: 'yes' as unknown as boolean }), 'INVALID', /Blind coding must be on or off/);
    for (const member of [s.cur, s.ana]) {
      await expectAppError(updateProjectSettings(member.actor, s.slug, { name: 'Mine' }), 'FORBIDDEN', /Only project owners can change the project settings/);
      await expectAppError(setLayersRevealed(member.actor, s.slug, true), 'FORBIDDEN');
    }
    const outsider = await makeUser('outsider');
    await expectAppError(updateProjectSettings(outsider.actor, s.slug, { name: 'Mine' }), 'NOT_FOUND');
    await expectAppError(setLayersRevealed(outsider.actor, s.slug, true), 'NOT_FOUND');
    expect((await getProject(s.owner.actor, s.slug)).project.name).toBe('Talks 2025');
  });

  it('a project’s research question is set by its owner, logged, limited, and asked by the report', async () => {
    const s = await setup();
    expect((await getProject(s.ana.actor, s.slug)).project.question).toBe('');
    const question = 'How does each author frame the failure of the talks?';
    const [event, ...more] = await eventsOf(s.projectId, () => updateProjectSettings(s.owner.actor, s.slug, { question }));
    expect(more).toEqual([]);
    // (The summary shortens long values; the details keep them whole.)
    expect(event?.summary).toMatch(/^Changed settings: research question "\(none\)" → "How does each author frame the failure o…"$/);
    expect(event?.details).toMatchObject({ before: { question: '' }, after: { question } });
    expect((await getProject(s.ana.actor, s.slug)).project.question).toBe(question);
    await expectNoEvent(s.projectId, () => expectAppError(updateProjectSettings(s.owner.actor, s.slug, { question: 'q'.repeat(501) }), 'INVALID', /Research question/));
    await expectAppError(updateProjectSettings(s.ana.actor, s.slug, { question: 'Mine?' }), 'FORBIDDEN');
    // The report's framing section is headed by the question, not by copy written for the demo.
    const { snapshot } = await buildExportSnapshot(s.owner.actor, s.slug, { format: 'html' }, 'http://localhost');
    const html = renderReportHtml(buildReportModel(snapshot));
    expect(html).toContain(`<h2 id="framing">${question}</h2>`);
    expect(html).not.toContain('frames the failure</h2>');
    // A new project can be created with its question.
    const made = await createProject(s.owner.actor, { slug: `q-${uniq()}`, name: 'Questions', question: '  Why did the talks fail?  ' });
    expect((await getDb().project.findUniqueOrThrow({ where: { id: made.id } })).question).toBe('Why did the talks fail?');
  });

  it('revealing the layers shows an annotator the others’ annotations under blind coding; hiding takes that back', async () => {
    const s = await setup();
    await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'The talks failed'), categoryId: s.security.id });
    await createAnnotation(s.ben.actor, s.doc.id, { ...spanOf(s.doc.text, 'Both sides'), categoryId: s.security.id });
    const seenByAna = async () => (await listAnnotations(s.ana.actor, s.doc.id, { layer: 'all' })).map((a) => a.annotatorName).sort();
    expect(await seenByAna()).toEqual(['ana']);

    const revealed = await eventsOf(s.projectId, async () => expect((await setLayersRevealed(s.owner.actor, s.slug, true)).layersRevealedAt).toBeInstanceOf(Date));
    expect(revealed.map((e) => [e.action, e.actorId])).toEqual([['project.reveal', s.owner.id]]);
    expect(await seenByAna()).toEqual(['ana', 'ben']);
    await expectNoEvent(s.projectId, () => setLayersRevealed(s.owner.actor, s.slug, true));

    const hidden = await eventsOf(s.projectId, async () => expect((await setLayersRevealed(s.owner.actor, s.slug, false)).layersRevealedAt).toBeNull());
    expect(hidden.map((e) => e.action)).toEqual(['project.hide']);
    expect(await seenByAna()).toEqual(['ana']);

    // Blind coding off: everyone sees every layer without a reveal.
    await updateProjectSettings(s.owner.actor, s.slug, { blindCoding: false });
    expect(await seenByAna()).toEqual(['ana', 'ben']);
  });
});

describe('CLI: activity', () => {
  it('prints the log as lines or JSON, with filters, and explains a bad filter', async () => {
    const s = await setup();
    await createCategory(s.cur.actor, s.slug, { name: 'Trade', color: '#009e73' });
    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    let r = await run('activity', '--project', s.slug, '--type', 'codebook');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}cur +codebook\.category\.create +Added category "Trade"$/);

    r = await run('activity', '--project', s.slug, '--json', '--limit', '2');
    expect(r.code).toBe(0);
    const page = JSON.parse(r.out) as { events: { action: string }[]; nextCursor: string | null };
    expect(page.events.map((e) => e.action)).toEqual(['codebook.category.create', 'document.import']);
    expect(page.nextCursor).toMatch(/^\d+$/);

    r = await run('activity', '--project', s.slug, '--from', 'yesterday');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/from: From must be a date written YYYY-MM-DD/);
    expect((await run('activity')).code).toBe(2);
  });
});
