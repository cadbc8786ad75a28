import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import {
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  restoreAnnotation,
  updateAnnotation,
  type AnnotationDto,
} from '@/lib/data/annotations';
import { getDocumentStatus, setDocumentStatus } from '@/lib/data/document-status';
import { ConflictError } from '@/lib/errors';
import { expectAppError, makeCodebook, makeDocument, makeProject, spanOf } from './helpers';

async function setup() {
  const p = await makeProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR', cur: 'CURATOR', viewer: 'VIEWER' });
  const codebook = await makeCodebook(p.slug);
  const doc = await makeDocument(p);
  return { ...p, ...codebook, doc, ana: p.members.ana!, ben: p.members.ben!, cur: p.members.cur!, viewer: p.members.viewer! };
}

const countRows = async (documentId: string) => ({
  annotations: await getDb().annotation.count({ where: { documentId } }),
  attributes: await getDb().annotationAttribute.count({ where: { annotation: { documentId } } }),
});

describe('annotations: create, list, update, delete, restore', () => {
  it('creates an annotation in the actor layer with context, attributes and the document started', async () => {
    const s = await setup();
    expect(await getDocumentStatus(s.ana.actor, s.doc.id)).toBe('NOT_STARTED');
    const span = spanOf(s.doc.text, 'The talks failed');
    const { annotation, created } = await createAnnotation(s.ana.actor, s.doc.id, {
      ...span,
      categoryId: s.sanctuary.id,
      note: 'key claim',
      attributes: { 'blame-target': 'pakistan' },
    });
    expect(created).toBe(true);
    expect(annotation).toMatchObject({
      documentId: s.doc.id,
      ...span,
      prefix: s.doc.text.slice(Math.max(0, span.start - 32), span.start),
      suffix: s.doc.text.slice(span.end, span.end + 32),
      categoryId: s.sanctuary.id,
      categoryName: 'TTP sanctuary',
      categoryPath: 'Security / TTP sanctuary',
      color: '#d55e00',
      annotatorId: s.ana.id,
      annotatorName: 'ana',
      layer: 'ANNOTATOR',
      note: 'key claim',
      attributes: { 'blame-target': 'pakistan' },
      version: 1,
      orphaned: false,
    });
    expect(typeof annotation.createdAt).toBe('string');
    expect(JSON.parse(JSON.stringify(annotation))).toEqual(annotation);
    expect(await getDocumentStatus(s.ana.actor, s.doc.id)).toBe('IN_PROGRESS');
    // The answer to the write is exactly what a later read returns (it is assembled, not read back).
    const [listed] = await listAnnotations(s.ana.actor, s.doc.id, { layer: 'mine' });
    expect(listed).toEqual(annotation);
    // A finished document stays finished when more annotations are added.
    await setDocumentStatus(s.ana.actor, s.doc.id, 'FINISHED');
    await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'Both sides'), categoryId: s.security.id });
    expect(await getDocumentStatus(s.ana.actor, s.doc.id)).toBe('FINISHED');
  });

  it('lists in text order: by start, the longer span first', async () => {
    const s = await setup();
    const make = (quote: string) => createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, quote), categoryId: s.security.id });
    await make('Both sides');
    await make('talks');
    await make('The talks failed because');
    await make('The talks');
    const list = await listAnnotations(s.ana.actor, s.doc.id, { layer: 'mine' });
    expect(list.map((a) => a.quote)).toEqual(['The talks failed because', 'The talks', 'talks', 'Both sides']);
  });

  it('checks an edit against its own project\'s codebook, never another project\'s', async () => {
    const s = await setup();
    // Another project defines the same key with an option this one lacks, created later (so it
    // would come last in any listing of every project's attributes).
    const other = await setup();
    await getDb().attributeOption.create({
      data: { attributeId: (await getDb().attributeDefinition.findFirstOrThrow({ where: { projectId: other.projectId } })).id, value: 'usa', label: 'USA', position: 2 },
    });
    const { annotation: a } = await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id });
    await expectAppError(updateAnnotation(s.ana.actor, a.id, { version: 1, attributes: { 'blame-target': 'usa' } }), 'INVALID', /usa/);
    await expectAppError(updateAnnotation(s.ana.actor, a.id, { version: 1, categoryId: other.security.id }), 'INVALID', /unknown category/);
    const b = await updateAnnotation(s.ana.actor, a.id, { version: 1, attributes: { 'blame-target': 'pakistan' } });
    expect(b.attributes).toEqual({ 'blame-target': 'pakistan' });
    const stored = await getDb().annotationAttribute.findMany({ where: { annotationId: a.id }, include: { attribute: { select: { projectId: true } } } });
    expect(stored.map((r) => r.attribute.projectId)).toEqual([s.projectId]);
  });

  it('updates category, note, attributes and span, bumping the version each time', async () => {
    const s = await setup();
    const { annotation: a } = await createAnnotation(s.ana.actor, s.doc.id, {
      ...spanOf(s.doc.text, 'talks'),
      categoryId: s.security.id,
      attributes: { 'blame-target': 'pakistan' },
    });
    const b = await updateAnnotation(s.ana.actor, a.id, { version: 1, categoryId: s.sanctuary.id, note: 'moved' });
    expect(b).toMatchObject({ version: 2, categoryId: s.sanctuary.id, note: 'moved', attributes: { 'blame-target': 'pakistan' } });
    const c = await updateAnnotation(s.ana.actor, a.id, { version: 2, attributes: { 'blame-target': 'afghan-taliban' } });
    expect(c).toMatchObject({ version: 3, attributes: { 'blame-target': 'afghan-taliban' }, note: 'moved' });
    const d = await updateAnnotation(s.ana.actor, a.id, { version: 3, attributes: {} });
    expect(d.attributes).toEqual({});
    const span = spanOf(s.doc.text, 'Both sides blamed');
    const e = await updateAnnotation(s.ana.actor, a.id, { version: 4, ...span });
    expect(e).toMatchObject({ version: 5, ...span, suffix: s.doc.text.slice(span.end, span.end + 32) });
    // Each answer is built without reading the row back: it must equal what a read returns.
    const f = await updateAnnotation(s.ana.actor, a.id, { version: 5, note: 'last', attributes: { 'blame-target': 'pakistan' } });
    const [stored] = await listAnnotations(s.ana.actor, s.doc.id, { layer: 'mine' });
    expect(f).toEqual(stored);
    const g = await updateAnnotation(s.ana.actor, a.id, { version: 6, categoryId: s.security.id });
    expect(g).toEqual((await listAnnotations(s.ana.actor, s.doc.id, { layer: 'mine' }))[0]);
    expect(g.attributes).toEqual({ 'blame-target': 'pakistan' });
  });

  it('soft-deletes and restores, bumping the version; deleted annotations are not listed', async () => {
    const s = await setup();
    const { annotation: a } = await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id });
    expect(await deleteAnnotation(s.ana.actor, a.id)).toEqual({ id: a.id, version: 2 });
    expect(await listAnnotations(s.ana.actor, s.doc.id, { layer: 'mine' })).toEqual([]);
    expect(await getDb().annotation.count({ where: { id: a.id } })).toBe(1);
    await expectAppError(deleteAnnotation(s.ana.actor, a.id), 'NOT_FOUND');
    await expectAppError(updateAnnotation(s.ana.actor, a.id, { version: 2, note: 'x' }), 'NOT_FOUND');
    const restored = await restoreAnnotation(s.ana.actor, a.id);
    expect(restored).toMatchObject({ id: a.id, version: 3 });
    expect((await listAnnotations(s.ana.actor, s.doc.id, { layer: 'mine' })).map((x) => x.id)).toEqual([a.id]);
    // Restoring twice changes nothing.
    expect((await restoreAnnotation(s.ana.actor, a.id)).version).toBe(3);
    // Someone else cannot restore a deleted annotation, and learns nothing about it.
    await deleteAnnotation(s.ana.actor, a.id);
    await expectAppError(restoreAnnotation(s.ben.actor, a.id), 'NOT_FOUND');
  });
});

describe('annotations: validation', () => {
  it('refuses bad spans, categories and attributes with a precise INVALID message and stores nothing', async () => {
    const s = await setup();
    const len = s.doc.text.length;
    const good = { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...good, end: len + 10, quote: 'x' }, new RegExp(`end offset ${len + 10} is past the document's length ${len}`)],
      [{ ...good, start: len + 1, end: len + 5 }, new RegExp(`start offset ${len + 1} is past the document's length ${len}`)],
      [{ ...good, start: good.end, end: good.start }, /end \(\d+\) must be after start \(\d+\)/],
      [{ ...good, end: good.start }, /end \(\d+\) must be after start \(\d+\)/],
      [{ ...good, quote: 'tasks' }, new RegExp(`the quote does not match the text at ${good.start}–${good.end}: the text there is "talks"`)],
      [{ ...good, start: -1 }, /start: start offset must be 0 or more/],
      [{ ...good, start: 1.5 }, /start: start offset must be a whole number/],
      [{ ...good, quote: '' }, /quote: quote must not be empty/],
      [{ ...good, categoryId: randomUUID() }, /unknown category [0-9a-f-]{36} \(not in this project's codebook\)/],
      [{ ...good, categoryId: 'not-a-uuid' }, /unknown category not-a-uuid/],
      [{ ...good, attributes: { 'blame-target': 'martians' } }, /blame-target: "martians" is not one of afghan-taliban, pakistan/],
      [{ ...good, attributes: { mood: 'grim' } }, /unknown attribute "mood" \(this project's attributes: blame-target\)/],
      [{ ...good, id: 'abc' }, /id: id must be a UUID/],
    ];
    for (const [input, message] of cases) {
      await expectAppError(createAnnotation(s.ana.actor, s.doc.id, input as Parameters<typeof createAnnotation>[2]), 'INVALID', message);
    }
    expect(await countRows(s.doc.id)).toEqual({ annotations: 0, attributes: 0 });
    expect(await getDocumentStatus(s.ana.actor, s.doc.id)).toBe('NOT_STARTED');

    // The same checks on update, which then changes nothing.
    const { annotation: a } = await createAnnotation(s.ana.actor, s.doc.id, good);
    await expectAppError(updateAnnotation(s.ana.actor, a.id, { version: 1, start: 0, end: len + 1, quote: 'x' }), 'INVALID', /past the document's length/);
    await expectAppError(updateAnnotation(s.ana.actor, a.id, { version: 1, start: 0, end: 3 }), 'INVALID', /start, end and quote go together/);
    await expectAppError(updateAnnotation(s.ana.actor, a.id, { version: 1, categoryId: randomUUID() }), 'INVALID', /unknown category/);
    await expectAppError(updateAnnotation(s.ana.actor, a.id, { version: 1, attributes: { 'blame-target': 'nobody' } }), 'INVALID', /is not one of/);
    await expectAppError(updateAnnotation(s.ana.actor, a.id, {} as { version: number }), 'INVALID', /version is required/);
    const [stored] = await listAnnotations(s.ana.actor, s.doc.id, { layer: 'mine' });
    expect(stored).toMatchObject({ version: 1, start: good.start, categoryId: s.security.id });
  });

  it('refuses an unknown layer naming the allowed ones', async () => {
    const s = await setup();
    await expectAppError(listAnnotations(s.ana.actor, s.doc.id, { layer: 'everything' as 'all' }), 'INVALID', /layer must be one of mine, all, consensus/);
  });
});

describe('annotations: idempotency and concurrency', () => {
  it('a repeated create with the same id and content returns the stored annotation; different content is CONFLICT', async () => {
    const s = await setup();
    const input = { id: randomUUID(), ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id, attributes: { 'blame-target': 'pakistan' } };
    const first = await createAnnotation(s.ana.actor, s.doc.id, input);
    const again = await createAnnotation(s.ana.actor, s.doc.id, input);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.annotation).toEqual(first.annotation);
    expect(await countRows(s.doc.id)).toEqual({ annotations: 1, attributes: 1 });

    await expectAppError(createAnnotation(s.ana.actor, s.doc.id, { ...input, note: 'changed' }), 'CONFLICT', /already exists with different content/);
    await expectAppError(createAnnotation(s.ana.actor, s.doc.id, { ...input, attributes: {} }), 'CONFLICT', /different content/);
    // Someone else's id: refused as an id this client may not use, saying nothing of the other.
    const other = await expectAppError(createAnnotation(s.ben.actor, s.doc.id, input), 'INVALID', /cannot be used for this annotation/);
    expect(other.message).not.toMatch(/exists|different content|talks/);
    // Concurrent retries of one create: one row, one "created".
    const id = randomUUID();
    const racing = await Promise.all(
      [1, 2, 3].map(() => createAnnotation(s.ana.actor, s.doc.id, { ...input, id })),
    );
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    // The others are answered as repeats of the stored one, not as errors.
    for (const r of racing) expect(r.annotation).toEqual(racing.find((x) => x.created)!.annotation);
    expect(await countRows(s.doc.id)).toEqual({ annotations: 2, attributes: 2 });
  });

  it('a stale version is CONFLICT carrying the current annotation', async () => {
    const s = await setup();
    const { annotation: a } = await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id });
    await updateAnnotation(s.ana.actor, a.id, { version: 1, note: 'first' });
    await updateAnnotation(s.ana.actor, a.id, { version: 2, note: 'second' });
    const error = await expectAppError(
      updateAnnotation(s.ana.actor, a.id, { version: 2, note: 'late' }),
      'CONFLICT',
      /this annotation was changed since you read it \(your version 2, current 3\)/,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError<AnnotationDto>).current).toMatchObject({ id: a.id, version: 3, note: 'second' });
  });

  it('of concurrent updates with the same version exactly one wins', async () => {
    const s = await setup();
    const { annotation: a } = await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id });
    const results = await Promise.allSettled(
      ['one', 'two', 'three', 'four', 'five'].map((note) =>
        updateAnnotation(s.ana.actor, a.id, { version: 1, note, attributes: { 'blame-target': 'pakistan' } }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(4);
    for (const l of lost) expect(l.reason).toBeInstanceOf(ConflictError);
    const [stored] = await listAnnotations(s.ana.actor, s.doc.id, { layer: 'mine' });
    expect(stored?.version).toBe(2);
    expect(await countRows(s.doc.id)).toEqual({ annotations: 1, attributes: 1 });
  });
});

describe('annotations: permissions, blind coding and isolation', () => {
  it("an annotator cannot change another's annotation; a viewer cannot annotate", async () => {
    const s = await setup();
    await getDb().project.update({ where: { id: s.projectId }, data: { blindCoding: false } });
    const { annotation: a } = await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id });
    // Visible to ben (no blind coding), but not his: FORBIDDEN.
    await expectAppError(updateAnnotation(s.ben.actor, a.id, { version: 1, note: 'mine now' }), 'FORBIDDEN', /Only the annotator who made/);
    await expectAppError(deleteAnnotation(s.ben.actor, a.id), 'FORBIDDEN');
    // Curators see every layer but do not edit annotators' layers either.
    await expectAppError(updateAnnotation(s.cur.actor, a.id, { version: 1, note: 'curated' }), 'FORBIDDEN');
    await expectAppError(
      createAnnotation(s.viewer.actor, s.doc.id, { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id }),
      'FORBIDDEN',
      /does not allow annotating/,
    );
    await expectAppError(setDocumentStatus(s.viewer.actor, s.doc.id, 'FINISHED'), 'FORBIDDEN');
    expect((await listAnnotations(s.ana.actor, s.doc.id, { layer: 'mine' }))[0]?.version).toBe(1);
  });

  it('blind coding: ben sees only his own layer until he finishes the document or blind coding is off', async () => {
    const s = await setup();
    const { annotation: a } = await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id });
    await createAnnotation(s.ben.actor, s.doc.id, { ...spanOf(s.doc.text, 'Both sides'), categoryId: s.security.id });
    const all = async (actor: typeof s.ben.actor) => (await listAnnotations(actor, s.doc.id, { layer: 'all' })).map((x) => x.annotatorName).sort();

    expect(await all(s.ben.actor)).toEqual(['ben']);
    expect(await all(s.ana.actor)).toEqual(['ana']);
    expect(await all(s.cur.actor)).toEqual(['ana', 'ben']);
    expect(await all(s.viewer.actor)).toEqual([]);
    // Hidden means NOT_FOUND, not FORBIDDEN: ben cannot tell the annotation exists.
    await expectAppError(updateAnnotation(s.ben.actor, a.id, { version: 1, note: 'x' }), 'NOT_FOUND');

    await setDocumentStatus(s.ben.actor, s.doc.id, 'FINISHED');
    expect(await all(s.ben.actor)).toEqual(['ana', 'ben']);
    expect(await all(s.ana.actor)).toEqual(['ana']);
    await expectAppError(updateAnnotation(s.ben.actor, a.id, { version: 1, note: 'x' }), 'FORBIDDEN');

    await setDocumentStatus(s.ben.actor, s.doc.id, 'IN_PROGRESS');
    expect(await all(s.ben.actor)).toEqual(['ben']);
    await getDb().project.update({ where: { id: s.projectId }, data: { blindCoding: false } });
    expect(await all(s.ben.actor)).toEqual(['ana', 'ben']);
    expect(await all(s.viewer.actor)).toEqual(['ana', 'ben']);
  });

  it('the consensus layer is listed separately and only owners and curators change it', async () => {
    const s = await setup();
    const id = randomUUID();
    const span = spanOf(s.doc.text, 'talks');
    await getDb().annotation.create({
      data: { id, projectId: s.projectId, documentId: s.doc.id, annotatorId: s.cur.id, layer: 'CONSENSUS', categoryId: s.security.id, ...span },
    });
    expect((await listAnnotations(s.cur.actor, s.doc.id, { layer: 'consensus' })).map((a) => a.id)).toEqual([id]);
    expect(await listAnnotations(s.cur.actor, s.doc.id, { layer: 'all' })).toEqual([]);
    expect(await listAnnotations(s.ana.actor, s.doc.id, { layer: 'consensus' })).toEqual([]);
    await expectAppError(updateAnnotation(s.ana.actor, id, { version: 1, note: 'x' }), 'NOT_FOUND');
    expect((await updateAnnotation(s.owner.actor, id, { version: 1, note: 'agreed' })).note).toBe('agreed');
  });

  it('a member of another project gets NOT_FOUND everywhere and cannot use its categories', async () => {
    const s = await setup();
    const other = await makeProject({ eve: 'ANNOTATOR' });
    const otherCodebook = await makeCodebook(other.slug);
    const otherDoc = await makeDocument(other);
    const eve = other.members.eve!;
    const { annotation: a } = await createAnnotation(s.ana.actor, s.doc.id, { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id });
    const input = { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id };

    for (const actor of [eve.actor, other.owner.actor]) {
      await expectAppError(listAnnotations(actor, s.doc.id, { layer: 'all' }), 'NOT_FOUND', /No such document/);
      await expectAppError(createAnnotation(actor, s.doc.id, input), 'NOT_FOUND', /No such document/);
      await expectAppError(updateAnnotation(actor, a.id, { version: 1, note: 'x' }), 'NOT_FOUND', /No such annotation/);
      await expectAppError(deleteAnnotation(actor, a.id), 'NOT_FOUND');
      await expectAppError(restoreAnnotation(actor, a.id), 'NOT_FOUND');
      await expectAppError(setDocumentStatus(actor, s.doc.id, 'FINISHED'), 'NOT_FOUND');
    }
    // The same message as for ids that do not exist.
    await expectAppError(listAnnotations(eve.actor, randomUUID(), { layer: 'all' }), 'NOT_FOUND', /No such document/);
    await expectAppError(listAnnotations(eve.actor, 'nonsense', { layer: 'all' }), 'NOT_FOUND', /No such document/);

    // A category of project B on a document of project A (and vice versa) is unknown.
    await expectAppError(
      createAnnotation(s.ana.actor, s.doc.id, { ...input, categoryId: otherCodebook.security.id }),
      'INVALID',
      /unknown category .* \(not in this project's codebook\)/,
    );
    await expectAppError(
      createAnnotation(eve.actor, otherDoc.id, { ...spanOf(otherDoc.text, 'talks'), categoryId: s.security.id }),
      'INVALID',
      /unknown category/,
    );
    await expectAppError(updateAnnotation(s.ana.actor, a.id, { version: 1, categoryId: otherCodebook.security.id }), 'INVALID', /unknown category/);
    // An id used in another project is refused like an id the client may not use: nothing says
    // that it exists, and nothing of its content is shown.
    const taken = await expectAppError(
      createAnnotation(eve.actor, otherDoc.id, { id: a.id, ...spanOf(otherDoc.text, 'talks'), categoryId: otherCodebook.security.id }),
      'INVALID',
      /cannot be used for this annotation; choose another/,
    );
    expect(taken.message).not.toMatch(/exists|talks failed/);
    expect(await countRows(otherDoc.id)).toEqual({ annotations: 0, attributes: 0 });
    expect((await listAnnotations(s.ana.actor, s.doc.id, { layer: 'mine' }))[0]).toMatchObject({ version: 1, note: '' });
  });
});
