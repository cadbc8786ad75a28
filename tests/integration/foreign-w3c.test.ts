import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as uploadRoute from '@/app/api/imports/route';
import * as jobRoute from '@/app/api/imports/[id]/route';
import * as confirmRoute from '@/app/api/imports/[id]/confirm/route';
import { parseHtml } from '@/lib/corpus';
import { userActor } from '@/lib/data/actor';
import { createAnnotation } from '@/lib/data/annotations';
import { getDocument, importDocuments } from '@/lib/data/documents';
import { cancelImport, confirmImport, getImport, startImport, waitForImport, type ImportJobDto } from '@/lib/data/imports';
import { untaggedCategoryName } from '@/lib/data/foreign-annotations';
import { createApiToken } from '@/lib/data/tokens';
import { getDb } from '@/lib/db';
import { expectAppError, makeProject, makeUser, uniq } from './helpers';

// W3C annotations from other tools onto a project's articles, through the job pipeline the Import
// page uses (upload streamed to disk, a worker reads it for review, confirmation, the worker writes
// it in one transaction) and once over REST. The file is Recogito's own sample export
// (tests/fixtures/w3c/README.md); the article is its page, imported as Parallax imports HTML.

const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures', 'w3c');
const recogitoFile = readFileSync(path.join(fixtures, 'recogito-js', 'annotations.w3c.json'));
const recogitoPage = parseHtml(readFileSync(path.join(fixtures, 'recogito-js', 'index.html'), 'utf8'));

function bodyOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

const settle = (actor: Parameters<typeof getImport>[0], id: string): Promise<ImportJobDto> => waitForImport(actor, id, ['ANALYSING', 'IMPORTING'], 60_000);

/** A project holding the Odyssey page Recogito annotated (and a decoy article, when asked), with members. */
async function odysseyProject(roles: Record<string, 'CURATOR' | 'ANNOTATOR' | 'VIEWER'> = {}, opts: { decoy?: boolean } = {}) {
  const p = await makeProject(roles);
  const documents = [{ title: recogitoPage.title, sourceName: 'index.html', blocks: recogitoPage.blocks }];
  // Shares "Troy" and "death in battle" with the Odyssey, but not "Ithaca".
  if (opts.decoy) documents.push({ title: 'Troy, New York', sourceName: 'troy.txt', blocks: [{ type: 'paragraph' as const, text: `Troy is a city in New York (${uniq()}). Its founders feared death in battle.` }] });
  const [odyssey] = await importDocuments(p.owner.actor, p.slug, { documents });
  const { text } = await getDocument(p.owner.actor, odyssey!.id);
  const { id: projectId } = await getDb().project.findUniqueOrThrow({ where: { slug: p.slug }, select: { id: true } });
  return { ...p, projectId, odyssey: { id: odyssey!.id, text } };
}

async function stored(projectId: string) {
  const db = getDb();
  const [annotations, categories, memberships] = await Promise.all([
    db.annotation.findMany({ where: { projectId }, select: { documentId: true, annotatorId: true, start: true, end: true, quote: true, note: true, externalId: true, category: { select: { name: true } } }, orderBy: [{ start: 'asc' }, { category: { name: 'asc' } }] }),
    db.category.findMany({ where: { projectId }, select: { name: true } }),
    db.membership.count({ where: { projectId } }),
  ]);
  return { annotations, categories: categories.map((c) => c.name).sort(), memberships };
}

async function upload(actor: Parameters<typeof getImport>[0], slug: string, bytes: Uint8Array = recogitoFile): Promise<ImportJobDto> {
  const job = await startImport(actor, { kind: 'annotations', fileName: 'annotations.w3c.json', project: slug, body: bodyOf(bytes) });
  expect(job.status).toBe('ANALYSING');
  return settle(actor, job.id);
}

describe('W3C annotations from Recogito onto the project’s article', () => {
  it('is read for review, then becomes the layer of the member chosen', async () => {
    const p = await odysseyProject({ cur: 'CURATOR', ana: 'ANNOTATOR' });
    const read = await upload(p.members.cur!.actor, p.slug);
    expect(read.status, read.error ?? '').toBe('READY');
    const summary = read.summary!;
    expect(summary).toMatchObject({ format: 'annotations', origin: 'Recogito (array)', counts: { sources: 1, passages: 4, notes: 3, categories: 3 } });
    expect(summary.checks[0]).toEqual({ ok: false, text: '3 annotations of 4 placed on 1 article' });
    expect(summary.checks).toContainEqual({ ok: true, text: '3 annotations found by its quote (TextQuoteSelector)' });
    // The one that is not a passage is listed, with the reason.
    expect(summary.notImported).toEqual([
      {
        what: 'annotations',
        count: 1,
        reason: 'annotation 4: it is a link between annotations (motivation "linking") labelled "isRelatedTo", not on a passage of text: Parallax has no links between annotations',
        examples: ['#9ba844a7-e8ec-4127-ad12-1f7f16a240c6'],
      },
    ]);
    expect(summary.warnings).toContain(`New categories for the tags the project’s codebook lacks: A Tag, Another Tag, ${untaggedCategoryName}.`);
    expect(summary.warnings).toContain('An annotation with several tags becomes one annotation per tag (a Parallax annotation has one category).');
    // Nothing is written before confirmation.
    expect(await stored(p.projectId)).toMatchObject({ annotations: [], categories: [] });

    await expectAppError(confirmImport(p.members.cur!.actor, read.id, {}), 'INVALID', /layer is required/);
    await expectAppError(confirmImport(p.members.cur!.actor, read.id, { layer: { kind: 'member', userId: 'ana' } }), 'INVALID', /layer\.userId is not a valid id/);
    await confirmImport(p.members.cur!.actor, read.id, { layer: { kind: 'member', userId: p.members.ana!.id } });
    const done = await settle(p.members.cur!.actor, read.id);
    expect(done.status, done.error ?? '').toBe('DONE');
    expect(done.result).toMatchObject({ slug: p.slug, documents: 1, annotations: 4, people: 0 });

    const after = await stored(p.projectId);
    expect(after.categories).toEqual(['A Tag', 'Another Tag', untaggedCategoryName]);
    expect(after.memberships).toBe(3);
    expect(after.annotations.map((a) => [a.quote, a.category.name, a.note, a.externalId])).toEqual([
      ['Troy', 'A Tag', 'This is a comment', '#ce0ed291-766b-4763-8e91-90ce1d04e706'],
      ['Troy', 'Another Tag', 'This is a comment', '#ce0ed291-766b-4763-8e91-90ce1d04e706'],
      ['death in battle', untaggedCategoryName, 'Another comment', '#447d4bea-08dc-4bd0-ae51-31f5ed7a95a0'],
      ['Ithaca', untaggedCategoryName, 'Comment...', '#d7197c87-b45d-4217-9c4f-27573030448f'],
    ].sort((a, b) => p.odyssey.text.indexOf(a[0]!) - p.odyssey.text.indexOf(b[0]!)));
    for (const a of after.annotations) {
      expect(a).toMatchObject({ documentId: p.odyssey.id, annotatorId: p.members.ana!.id });
      expect(p.odyssey.text.slice(a.start, a.end)).toBe(a.quote);
    }
    const event = await getDb().activityEvent.findFirstOrThrow({ where: { project: { slug: p.slug }, action: 'annotation.create' }, select: { actorId: true, summary: true } });
    expect(event).toEqual({ actorId: p.members.cur!.id, summary: 'Imported 4 annotations from a W3C Web Annotation file (Recogito (array)) onto 1 article' });
    await expectAppError(confirmImport(p.members.cur!.actor, read.id, { layer: { kind: 'member', userId: p.members.ana!.id } }), 'CONFLICT', /done/);
  });

  it('or the layer of a new imported annotator, who cannot sign in; a category named like a tag is reused', async () => {
    const p = await odysseyProject();
    await getDb().category.create({ data: { projectId: p.projectId, name: 'a tag', color: '#0072b2', position: 0 } });
    const read = await upload(p.owner.actor, p.slug);
    expect(read.status, read.error ?? '').toBe('READY');
    expect(read.summary?.counts.categories).toBe(2);
    const name = `Recogito sample ${uniq()}`;
    await confirmImport(p.owner.actor, read.id, { layer: { kind: 'new', name } });
    const done = await settle(p.owner.actor, read.id);
    expect(done.status, done.error ?? '').toBe('DONE');
    expect(done.result).toMatchObject({ annotations: 4, people: 1 });
    const person = await getDb().user.findFirstOrThrow({ where: { name }, select: { id: true, email: true, passwordHash: true, memberships: { select: { projectId: true, role: true } } } });
    expect(person.memberships).toEqual([{ projectId: p.projectId, role: 'ANNOTATOR' }]);
    expect(person.email).toMatch(/@parallax\.invalid$/);
    expect(person.passwordHash).toBe('!imported');
    const after = await stored(p.projectId);
    expect(after.annotations.every((a) => a.annotatorId === person.id)).toBe(true);
    expect(after.categories).toEqual(['Another Tag', untaggedCategoryName, 'a tag']);
    expect(after.annotations.filter((a) => a.category.name === 'a tag').map((a) => a.quote)).toEqual(['Troy']);
  });

  it('lists the annotations it cannot place without guessing, and stores only the others', async () => {
    const p = await odysseyProject({}, { decoy: true });
    const read = await upload(p.owner.actor, p.slug);
    expect(read.status, read.error ?? '').toBe('READY');
    const reasons = read.summary!.notImported.map((n) => [n.reason, n.examples]);
    expect(reasons).toEqual([
      [expect.stringMatching(/^annotation 1: the quote "Troy" occurs 2 times \(1 in “Homer: The Odyssey”, 1 in “Troy, New York”\) and neither prefix\/suffix nor position decides$/), ['“Troy”']],
      [expect.stringMatching(/^annotation 2: the quote "death in battle" occurs 2 times/), ['“death in battle”']],
      [expect.stringMatching(/^annotation 4: it is a link between annotations/), ['#9ba844a7-e8ec-4127-ad12-1f7f16a240c6']],
    ]);
    expect(read.summary!.checks[0]?.text).toBe('1 annotation of 4 placed on 1 article');
    await confirmImport(p.owner.actor, read.id, { layer: { kind: 'member', userId: p.owner.id } });
    expect((await settle(p.owner.actor, read.id)).status).toBe('DONE');
    expect((await stored(p.projectId)).annotations.map((a) => [a.quote, a.documentId])).toEqual([['Ithaca', p.odyssey.id]]);
  });
});

describe('a file of many unplaceable annotations', () => {
  it('lists the first 500 one by one and counts the rest by reason', async () => {
    const p = await odysseyProject();
    const items = [
      { type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: 'Ithaca' } } },
      ...Array.from({ length: 650 }, (_, i) => ({ type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: `Nowhere ${i}` } } })),
    ];
    const read = await upload(p.owner.actor, p.slug, new TextEncoder().encode(JSON.stringify(items)));
    expect(read.status, read.error ?? '').toBe('READY');
    const listed = read.summary!.notImported;
    expect(listed.filter((n) => n.what === 'annotations')).toHaveLength(500);
    expect(listed[0]).toEqual({ what: 'annotations', count: 1, reason: 'annotation 2: the quote "Nowhere 0" is in none of the project\'s articles', examples: ['“Nowhere 0”'] });
    expect(listed.at(-1)).toMatchObject({ what: 'more annotations', count: 150, reason: "the quote is in none of the project's articles (only the first 500 are listed one by one)" });
    expect(read.summary!.checks[0]?.text).toBe('1 annotation of 651 placed on 1 article');
    await cancelImport(p.owner.actor, read.id);
  });
});

describe('values a file may hold that the database cannot', () => {
  it('drops U+0000 from notes, tags and ids, and keeps a time PostgreSQL can store', async () => {
    const p = await odysseyProject();
    const items = [
      {
        id: '#nul\u0000id',
        type: 'Annotation',
        created: '-200000-01-01T00:00:00Z',
        modified: '+275000-01-01T00:00:00Z',
        creator: { id: 'u\u0000', name: 'Nul\u0000' },
        body: [{ type: 'TextualBody', value: 'a\u0000b' }, { type: 'TextualBody', purpose: 'tagging', value: 'Tag\u0000' }, { type: 'TextualBody', purpose: 'tagging', value: '\u0000' }],
        target: { selector: { type: 'TextQuoteSelector', exact: 'Ithaca' } },
      },
      { type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: 'Nowhere\u0000' } } },
    ];
    const before = Date.now();
    const read = await upload(p.owner.actor, p.slug, new TextEncoder().encode(JSON.stringify(items)));
    expect(read.status, read.error ?? '').toBe('READY');
    // The summary was stored (jsonb refuses U+0000); the message shows the quote as the file wrote it, escaped.
    expect(read.summary?.notImported).toEqual([{ what: 'annotations', count: 1, reason: 'annotation 2: the quote "Nowhere\\u0000" is in none of the project\'s articles', examples: ['“Nowhere”'] }]);
    await confirmImport(p.owner.actor, read.id, { layer: { kind: 'member', userId: p.owner.id } });
    const done = await settle(p.owner.actor, read.id);
    expect(done.status, done.error ?? '').toBe('DONE');
    const [annotation] = await getDb().annotation.findMany({ where: { projectId: p.projectId }, select: { note: true, externalId: true, createdAt: true, updatedAt: true, category: { select: { name: true } } } });
    expect(annotation).toMatchObject({ note: 'ab', externalId: '#nulid', category: { name: 'Tag' } });
    expect(annotation!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(annotation!.updatedAt.getTime()).toBe(annotation!.createdAt.getTime());
  });
});

describe('nothing is half-imported', () => {
  it('stores nothing when the user cancels after the review', async () => {
    const p = await odysseyProject();
    const read = await upload(p.owner.actor, p.slug);
    expect(read.status).toBe('READY');
    await cancelImport(p.owner.actor, read.id);
    expect((await getImport(p.owner.actor, read.id)).status).toBe('CANCELLED');
    await expectAppError(confirmImport(p.owner.actor, read.id, { layer: { kind: 'new', name: 'Too late' } }), 'CONFLICT', /cancelled/);
    expect(await stored(p.projectId)).toEqual({ annotations: [], categories: [], memberships: 1 });
  });

  it('stores nothing when the import fails midway: the new annotator, categories and annotations are rolled back together', async () => {
    const p = await odysseyProject();
    const read = await upload(p.owner.actor, p.slug);
    expect(read.status).toBe('READY');
    // The article changes between the review and the confirmation: the person, the membership and
    // the categories are written before the annotations find their quotes gone.
    await getDb().document.update({ where: { id: p.odyssey.id }, data: { text: p.odyssey.text.replace('Ithaca', 'Ithaka') } });
    const name = `Half ${uniq()}`;
    await confirmImport(p.owner.actor, read.id, { layer: { kind: 'new', name } });
    const failed = await settle(p.owner.actor, read.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBe('An article changed since the file was read; upload the file again.');
    expect(await stored(p.projectId)).toEqual({ annotations: [], categories: [], memberships: 1 });
    expect(await getDb().user.count({ where: { name } })).toBe(0);
    expect(await getDb().activityEvent.count({ where: { projectId: p.projectId, action: 'annotation.create' } })).toBe(0);
  });

  it('refuses a viewer’s layer, and a layer of someone who is not a member, storing nothing', async () => {
    const p = await odysseyProject({ vic: 'VIEWER' });
    const outsider = await makeUser('outsider');
    for (const [userId, message] of [
      [p.members.vic!.id, /is a viewer of this project, who has no layer/],
      [outsider.id, /is not a member of this project/],
    ] as const) {
      const read = await upload(p.owner.actor, p.slug);
      await confirmImport(p.owner.actor, read.id, { layer: { kind: 'member', userId } });
      const failed = await settle(p.owner.actor, read.id);
      expect(failed.status).toBe('FAILED');
      expect(failed.error).toMatch(message);
    }
    expect(await stored(p.projectId)).toEqual({ annotations: [], categories: [], memberships: 2 });
  });

  it('refuses a file it cannot read with the reason, and stores nothing', async () => {
    const p = await odysseyProject();
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode('{"type": "Annotation",'), /^the file is not JSON \(.*\): a W3C Web Annotation file is JSON\.$/],
      [new TextEncoder().encode('42'), /^the file is a JSON number, not an annotation/],
      [new Uint8Array([0xff, 0xfe, 0x00, 0x41]), /^the file is not UTF-8 text/],
      [new TextEncoder().encode(JSON.stringify({ type: 'AnnotationCollection', total: 42023, first: 'http://example.org/page1' })), /pages are not in the file/],
      [new TextEncoder().encode(`${'['.repeat(50_000)}${']'.repeat(50_000)}`), /^$/],
    ];
    for (const [bytes, message] of cases) {
      const read = await upload(p.owner.actor, p.slug, bytes);
      if (message.source === '^$') {
        // A list nested 50,000 deep is one item that is not an annotation: read, and listed.
        expect(read.status).toBe('READY');
        expect(read.summary?.notImported[0]?.reason).toBe('annotation 1 is a list, not an annotation');
        await cancelImport(p.owner.actor, read.id);
        continue;
      }
      expect(read.status).toBe('FAILED');
      expect(read.error).toMatch(message);
    }
    expect(await stored(p.projectId)).toEqual({ annotations: [], categories: [], memberships: 1 });
  });

  it('refuses a file that would become more annotations than an import writes', async () => {
    const p = await odysseyProject();
    const tags = Array.from({ length: 200_001 }, (_, i) => ({ type: 'TextualBody', purpose: 'tagging', value: `t${i}` }));
    const file = [{ type: 'Annotation', body: tags, target: { selector: { type: 'TextQuoteSelector', exact: 'Ithaca' } } }];
    const read = await upload(p.owner.actor, p.slug, new TextEncoder().encode(JSON.stringify(file)));
    expect(read.status).toBe('FAILED');
    expect(read.error).toBe('the file would become 200,001 annotations (one per tag of each); an import writes at most 200,000: split the file and import each part');
    expect(await stored(p.projectId)).toEqual({ annotations: [], categories: [], memberships: 1 });
  });
});

describe('who may import', () => {
  it('refuses viewers and annotators, and answers an outsider that the project does not exist', async () => {
    const p = await odysseyProject({ vic: 'VIEWER', ana: 'ANNOTATOR' });
    const outsider = await makeUser('outsider');
    await expectAppError(startImport(p.members.vic!.actor, { kind: 'annotations', fileName: 'a.json', project: p.slug, body: bodyOf(recogitoFile) }), 'FORBIDDEN', /Only owners and curators/);
    await expectAppError(startImport(p.members.ana!.actor, { kind: 'annotations', fileName: 'a.json', project: p.slug, body: bodyOf(recogitoFile) }), 'FORBIDDEN', /Only owners and curators/);
    await expectAppError(startImport(outsider.actor, { kind: 'annotations', fileName: 'a.json', project: p.slug, body: bodyOf(recogitoFile) }), 'NOT_FOUND');
    // The owner's import is the owner's alone.
    const read = await upload(p.owner.actor, p.slug);
    for (const actor of [outsider.actor, p.members.ana!.actor, p.members.vic!.actor]) {
      await expectAppError(getImport(actor, read.id), 'NOT_FOUND');
      await expectAppError(confirmImport(actor, read.id, { layer: { kind: 'new', name: 'x' } }), 'NOT_FOUND');
    }
    expect(await getDb().importJob.count({ where: { userId: { in: [outsider.id, p.members.ana!.id, p.members.vic!.id] } } })).toBe(0);
    await cancelImport(p.owner.actor, read.id);
  });

  it('blind coding: an annotator learns nothing of the others’ annotations through an import, nor does its summary carry them', async () => {
    const p = await odysseyProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR', cur: 'CURATOR' });
    expect((await getDb().project.findUniqueOrThrow({ where: { id: p.projectId }, select: { blindCoding: true } })).blindCoding).toBe(true);
    const category = await getDb().category.create({ data: { projectId: p.projectId, name: 'Homecoming', color: '#009e73', position: 0 } });
    const start = p.odyssey.text.indexOf('Ithaca');
    await createAnnotation(p.members.ben!.actor, p.odyssey.id, { start, end: start + 6, quote: 'Ithaca', categoryId: category.id, note: 'ben’s private reading' });
    // An annotator cannot start an import (it would choose layers and add categories), so gets no summary.
    await expectAppError(startImport(p.members.ana!.actor, { kind: 'annotations', fileName: 'a.json', project: p.slug, body: bodyOf(recogitoFile) }), 'FORBIDDEN');
    // The curator's summary describes the file only: no existing annotation, note or annotator in it.
    const read = await upload(p.members.cur!.actor, p.slug);
    expect(read.status).toBe('READY');
    const text = JSON.stringify(read.summary);
    expect(text).not.toContain('private reading');
    expect(text).not.toContain(p.members.ben!.email);
    expect(text).not.toContain(p.members.ben!.id);
    expect(read.summary?.coders).toEqual([]);
    await cancelImport(p.members.cur!.actor, read.id);
  });
});

describe('over REST', () => {
  it('upload (202), follow to READY, confirm with a layer (202), DONE; bad input is 422, outsiders 404, viewers 403', async () => {
    const p = await odysseyProject({ vic: 'VIEWER' });
    const outsider = await makeUser('rest-outsider');
    const bearer = async (userId: string) => ({ authorization: `Bearer ${(await createApiToken(userActor(userId), { name: 't' })).token}` });
    const auth = await bearer(p.owner.id);
    const url = `http://localhost/api/imports?kind=annotations&fileName=annotations.w3c.json&project=${p.slug}`;
    const post = (headers: Record<string, string>) => uploadRoute.POST(new Request(url, { method: 'POST', headers, body: Buffer.from(recogitoFile) }), { params: Promise.resolve({}) });

    expect((await post(await bearer(p.members.vic!.id))).status).toBe(403);
    expect((await post(await bearer(outsider.id))).status).toBe(404);
    const noProject = await uploadRoute.POST(new Request('http://localhost/api/imports?kind=annotations&fileName=a.json', { method: 'POST', headers: auth, body: Buffer.from(recogitoFile) }), { params: Promise.resolve({}) });
    expect(noProject.status).toBe(422);
    expect(((await noProject.json()) as { error: { message: string } }).error.message).toMatch(/project is required/);

    const up = await post(auth);
    expect(up.status).toBe(202);
    const job = (await up.json()) as ImportJobDto;
    await settle(p.owner.actor, job.id);
    const followed = await jobRoute.GET(new Request(`http://localhost/api/imports/${job.id}`, { headers: auth }), { params: Promise.resolve({ id: job.id }) });
    expect(followed.status).toBe(200);
    const ready = (await followed.json()) as ImportJobDto;
    expect(ready).toMatchObject({ status: 'READY', kind: 'annotations', projectSlug: p.slug, summary: { origin: 'Recogito (array)', counts: { passages: 4 } } });

    const confirm = (body: string) => confirmRoute.POST(new Request(`http://localhost/api/imports/${job.id}/confirm`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body }), { params: Promise.resolve({ id: job.id }) });
    for (const body of ['{}', '{"layer":{"kind":"member","userId":"nobody"}}', '{"layer":{"kind":"new","name":""}}', '{"layer":{"kind":"robot"}}', '{"layer":{"kind":"new","name":"x"},"extra":1}']) {
      const refused = await confirm(body);
      expect(refused.status, body).toBe(422);
      expect(((await refused.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
    }
    const accepted = await confirm(JSON.stringify({ layer: { kind: 'new', name: 'Recogito over REST' } }));
    expect(accepted.status).toBe(202);
    const done = await settle(p.owner.actor, job.id);
    expect(done.status, done.error ?? '').toBe('DONE');
    expect(done.result).toMatchObject({ annotations: 4, people: 1 });
    expect((await stored(p.projectId)).annotations).toHaveLength(4);
  });
});
