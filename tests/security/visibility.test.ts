import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { importDocuments, listDocuments } from '@/lib/data/documents';
import { makeProject, sampleBlocks, uniq } from '../integration/helpers';

// Annotations are written directly here: the annotation data functions come with the annotation
// workspace. What is tested is the one visibility rule every read path builds on.
async function annotate(projectSlug: string, documentId: string, annotatorId: string) {
  const db = getDb();
  const project = await db.project.findUniqueOrThrow({ where: { slug: projectSlug } });
  const category =
    (await db.category.findFirst({ where: { projectId: project.id } })) ??
    (await db.category.create({ data: { projectId: project.id, name: 'Trust deficit', color: '#0072b2' } }));
  await db.annotation.create({
    data: { id: randomUUID(), projectId: project.id, documentId, annotatorId, categoryId: category.id, start: 0, end: 7, quote: 'Section' },
  });
}

describe('blind coding in counts', () => {
  it('annotators count only their own annotations until they finish; owners and curators count all', async () => {
    const p = await makeProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR', cur: 'CURATOR' });
    const [doc] = await importDocuments(p.owner.actor, p.slug, { documents: [{ title: 'D', blocks: sampleBlocks(uniq()) }] });
    const ana = p.members.ana!;
    const ben = p.members.ben!;
    await annotate(p.slug, doc!.id, ana.id);
    await annotate(p.slug, doc!.id, ana.id);
    await annotate(p.slug, doc!.id, ben.id);

    const count = async (actor: typeof ana.actor) => (await listDocuments(actor, p.slug))[0]?.annotationCount;
    expect(await count(ana.actor)).toBe(2);
    expect(await count(ben.actor)).toBe(1);
    expect(await count(p.owner.actor)).toBe(3);
    expect(await count(p.members.cur!.actor)).toBe(3);

    // Finishing the document opens the other layers of that document to the annotator.
    const project = await getDb().project.findUniqueOrThrow({ where: { slug: p.slug } });
    await getDb().documentStatus.create({ data: { documentId: doc!.id, userId: ben.id, projectId: project.id, status: 'FINISHED' } });
    expect(await count(ben.actor)).toBe(3);
    expect((await listDocuments(ben.actor, p.slug))[0]?.myStatus).toBe('FINISHED');
    expect(await count(ana.actor)).toBe(2);

    // Turning blind coding off shows every layer.
    await getDb().project.update({ where: { id: project.id }, data: { blindCoding: false } });
    expect(await count(ana.actor)).toBe(3);
  });
});
