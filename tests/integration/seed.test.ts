import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { systemActor } from '@/lib/data/actor';
import { getCodebook } from '@/lib/data/codebook';
import { getDocument, listDocuments } from '@/lib/data/documents';
import { listMembers } from '@/lib/data/projects';
import { verifyCredentials } from '@/lib/data/users';
import { demoPassword, demoProject, demoUsers, seedDemo } from '@/prisma/seed';
import { seedArticles } from '@/prisma/seed-data/articles';
import { seedAnnotations } from '@/prisma/seed-data/annotations';

const furniture = [
  'Latest posts by',
  'Leave a Comment',
  'Leave a Reply',
  'Your email address will not be published',
  'Be the first to comment',
  'Required fields are marked',
  '(see all)',
];

describe('demo seed', () => {
  it('creates the project, five clean articles, the codebook and the demo accounts, and is idempotent', async () => {
    await seedDemo();
    const again = await seedDemo();
    expect(again).toEqual({ usersCreated: 0, documentsCreated: 0, categoriesCreated: 0, annotationsCreated: 0, projectCreated: false });

    const docs = await listDocuments(systemActor, demoProject.slug);
    expect(docs).toHaveLength(5);
    for (const [i, summary] of docs.entries()) {
      const doc = await getDocument(systemActor, summary.id);
      for (const f of furniture) expect(doc.text, `${doc.sourceName} still contains "${f}"`).not.toContain(f);
      expect(doc.text).not.toMatch(/^\s*\*+\s*$/m);
      // Metadata is exactly what the cleaned copy states: nothing invented, nothing lost.
      const seed = seedArticles[i]!;
      expect({ title: doc.title, author: doc.author, outlet: doc.outlet, publishedOn: doc.publishedOn, authorAffiliation: doc.authorAffiliation }).toEqual({
        title: seed.title,
        author: seed.author,
        outlet: seed.outlet,
        publishedOn: seed.publishedOn,
        authorAffiliation: seed.authorAffiliation,
      });
      expect(doc.blocks.every((b) => b.end > b.start && doc.text.slice(b.start, b.end).trim() === doc.text.slice(b.start, b.end))).toBe(true);
    }
    expect(docs.some((d) => d.author === null)).toBe(true);

    const codebook = await getCodebook(systemActor, demoProject.slug);
    expect(codebook.categories.length).toBeGreaterThanOrEqual(8);
    expect(new Set(codebook.categories.map((c) => c.shortcut)).size).toBe(codebook.categories.length);
    const blame = codebook.attributes.find((a) => a.key === 'blame-target');
    expect(blame?.options.map((o) => o.label)).toEqual(['Afghan Taliban', 'Pakistan', 'TTP', 'India', 'Both sides', 'Structural']);

    const members = await listMembers(systemActor, demoProject.slug);
    for (const u of demoUsers) {
      expect(members.find((m) => m.email === u.email)?.role).toBe(u.role);
      expect((await verifyCredentials({ email: u.email, password: demoPassword, address: 'seed-test' })).email).toBe(u.email);
    }
    const project = await getDb().project.findUniqueOrThrow({ where: { slug: demoProject.slug } });
    expect(project.blindCoding).toBe(true);

    // The demo annotations: every one stored once, on the exact text it quotes.
    const stored = await getDb().annotation.findMany({ where: { projectId: project.id }, select: { start: true, end: true, quote: true, document: { select: { text: true } } } });
    expect(stored).toHaveLength(seedAnnotations.length);
    for (const a of stored) expect(a.document.text.slice(a.start, a.end)).toBe(a.quote);
    expect(await getDb().annotationAttribute.count({ where: { annotation: { projectId: project.id } } })).toBe(seedAnnotations.filter((a) => a.blameTarget).length);
  });
});
