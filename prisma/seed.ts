// The demo data: project `pak-afghan-talks-2025` with the five cleaned articles, the starter
// codebook and the demo accounts. Idempotent: each run adds only what is missing, so `npm start`
// can run it every time and the CLI's `seed` can be repeated safely.
import { getDb } from '@/lib/db';
import { toCanonical } from '@/lib/corpus';
import { plural } from '@/lib/activity';
import { recordActivity } from '@/lib/data/activity';
import { systemActor } from '@/lib/data/actor';
import { sha256Hex } from '@/lib/export/snapshot';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { hashPassword } from '@/lib/passwords';
import { seedArticles } from './seed-data/articles';
import { seedAttributes, seedCategories } from './seed-data/codebook';
import { demoAnnotatorEmails, locateSeedAnnotation, seedAnnotations } from './seed-data/annotations';

export const demoProject = {
  slug: 'pak-afghan-talks-2025',
  name: 'Pakistan–Afghan Taliban talks, 2025',
  description:
    'Five articles on why the 2025 talks between Pakistan and the Afghan Taliban failed. Tag the factors each author argues, check agreement, compare framings.',
  question: 'How does each author frame the failure of the talks?',
};

export const demoPassword = 'parallax-demo';

export const demoUsers: { email: string; name: string; role: Role }[] = [
  { email: 'owner@parallax.example', name: 'Demo Owner', role: 'OWNER' },
  { email: 'ana@parallax.example', name: 'Ana', role: 'ANNOTATOR' },
  { email: 'ben@parallax.example', name: 'Ben', role: 'ANNOTATOR' },
  { email: 'cyd@parallax.example', name: 'Cyd', role: 'ANNOTATOR' },
];

export type SeedReport = {
  usersCreated: number;
  documentsCreated: number;
  categoriesCreated: number;
  annotationsCreated: number;
  projectCreated: boolean;
};

export async function seedDemo(): Promise<SeedReport> {
  const db = getDb();
  // Hash outside the transaction: argon2 is deliberately slow and would hold locks meanwhile.
  const existingUsers = await db.user.findMany({ where: { email: { in: demoUsers.map((u) => u.email) } }, select: { email: true } });
  const missing = demoUsers.filter((u) => !existingUsers.some((e) => e.email === u.email));
  const passwordHash = missing.length > 0 ? await hashPassword(demoPassword) : '';

  return db.$transaction(async (tx) => {
    const report: SeedReport = { usersCreated: 0, documentsCreated: 0, categoriesCreated: 0, annotationsCreated: 0, projectCreated: false };
    for (const u of missing) {
      await tx.user.create({ data: { email: u.email, name: u.name, passwordHash } });
      report.usersCreated++;
    }
    let project = await tx.project.findUnique({ where: { slug: demoProject.slug }, select: { id: true } });
    if (!project) {
      project = await tx.project.create({ data: { ...demoProject, blindCoding: true }, select: { id: true } });
      report.projectCreated = true;
    }
    const users = await tx.user.findMany({ where: { email: { in: demoUsers.map((u) => u.email) } }, select: { id: true, email: true } });
    for (const u of demoUsers) {
      const userId = users.find((x) => x.email === u.email)?.id;
      if (!userId) continue;
      await tx.membership.upsert({
        where: { projectId_userId: { projectId: project.id, userId } },
        create: { projectId: project.id, userId, role: u.role },
        update: {},
      });
    }

    const existingDocs = await tx.document.findMany({ where: { projectId: project.id }, select: { contentHash: true } });
    const hashes = new Set(existingDocs.map((d) => d.contentHash));
    for (const [position, article] of seedArticles.entries()) {
      const { text, content } = toCanonical(article.blocks);
      const contentHash = sha256Hex(text);
      if (hashes.has(contentHash)) continue;
      await tx.document.create({
        data: {
          projectId: project.id,
          title: article.title,
          author: article.author,
          authorAffiliation: article.authorAffiliation,
          outlet: article.outlet,
          publishedOn: article.publishedOn ? new Date(`${article.publishedOn}T00:00:00Z`) : null,
          sourceUrl: article.sourceUrl,
          sourceName: article.sourceName,
          text,
          content: content as Prisma.InputJsonValue,
          contentHash,
          length: text.length,
          position,
        },
      });
      report.documentsCreated++;
    }

    const existingCategories = await tx.category.findMany({ where: { projectId: project.id, parentId: null }, select: { name: true } });
    for (const [position, c] of seedCategories.entries()) {
      if (existingCategories.some((e) => e.name === c.name)) continue;
      await tx.category.create({
        data: {
          projectId: project.id,
          name: c.name,
          description: c.description,
          example: c.example,
          color: c.color,
          shortcut: c.shortcut,
          position,
        },
      });
      report.categoriesCreated++;
    }
    for (const [position, a] of seedAttributes.entries()) {
      const attribute = await tx.attributeDefinition.upsert({
        where: { projectId_key: { projectId: project.id, key: a.key } },
        create: { projectId: project.id, key: a.key, name: a.name, description: a.description, position },
        update: {},
        select: { id: true },
      });
      for (const [optionPosition, o] of a.options.entries()) {
        await tx.attributeOption.upsert({
          where: { attributeId_value: { attributeId: attribute.id, value: o.value } },
          create: { attributeId: attribute.id, value: o.value, label: o.label, position: optionPosition },
          update: {},
        });
      }
    }
    report.annotationsCreated = await seedDemoAnnotations(tx, project.id);
    // One event for the whole seed, not one per row; a re-run that adds nothing logs nothing.
    const added = [
      report.projectCreated ? 'created the project' : '',
      report.documentsCreated ? plural(report.documentsCreated, 'article') : '',
      report.categoriesCreated ? plural(report.categoriesCreated, 'category', 'categories') : '',
      report.annotationsCreated ? plural(report.annotationsCreated, 'annotation') : '',
      report.usersCreated ? plural(report.usersCreated, 'demo account') : '',
    ].filter(Boolean);
    if (added.length > 0) {
      await recordActivity(tx, systemActor, project.id, {
        action: 'project.seed',
        targetType: 'project',
        targetId: project.id,
        summary: `Seeded the demo data: ${added.join(', ')}`,
        details: report,
      });
    }
    return report;
  }, { timeout: 60_000 });
}

/** Demo progress: ana has finished every article, ben the first three, cyd none (blind coding shows). */
const demoProgress: Record<keyof typeof demoAnnotatorEmails, (position: number) => 'FINISHED' | 'IN_PROGRESS'> = {
  ana: () => 'FINISHED',
  ben: (position) => (position < 3 ? 'FINISHED' : 'IN_PROGRESS'),
  cyd: () => 'IN_PROGRESS',
};

/** A stable UUID for a seed row, so re-running the seed finds the rows it made before. */
function seedUuid(key: string): string {
  const h = sha256Hex(`parallax-seed:${key}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function seedDemoAnnotations(tx: Prisma.TransactionClient, projectId: string): Promise<number> {
  const [docs, categories, users, blame] = await Promise.all([
    tx.document.findMany({ where: { projectId }, select: { id: true, text: true, sourceName: true, position: true } }),
    tx.category.findMany({ where: { projectId }, select: { id: true, name: true } }),
    tx.user.findMany({ where: { email: { in: Object.values(demoAnnotatorEmails) } }, select: { id: true, email: true } }),
    tx.attributeDefinition.findUnique({ where: { projectId_key: { projectId, key: 'blame-target' } }, select: { id: true, options: { select: { id: true, value: true } } } }),
  ]);
  const categoryIdByKey = new Map(seedCategories.map((c) => [c.key, categories.find((x) => x.name === c.name)?.id]));
  const rows: Prisma.AnnotationCreateManyInput[] = [];
  const attributeRows: Prisma.AnnotationAttributeCreateManyInput[] = [];
  for (const a of seedAnnotations) {
    const doc = docs.find((d) => d.sourceName === a.sourceName);
    const annotatorId = users.find((u) => u.email === demoAnnotatorEmails[a.annotator])?.id;
    const categoryId = categoryIdByKey.get(a.category);
    if (!doc || !annotatorId || !categoryId) continue; // the user renamed or removed seed data: leave it be
    const { start, end } = locateSeedAnnotation(doc.text, a);
    const id = seedUuid(`${a.annotator}|${a.sourceName}|${start}|${end}|${a.category}`);
    rows.push({
      id, projectId, documentId: doc.id, annotatorId, categoryId, start, end,
      quote: doc.text.slice(start, end),
      prefix: doc.text.slice(Math.max(0, start - 32), start),
      suffix: doc.text.slice(end, end + 32),
      note: a.note ?? '',
    });
    const optionId = a.blameTarget ? blame?.options.find((o) => o.value === a.blameTarget)?.id : undefined;
    if (blame && optionId) attributeRows.push({ annotationId: id, attributeId: blame.id, optionId });
  }
  const created = await tx.annotation.createMany({ data: rows, skipDuplicates: true });
  await tx.annotationAttribute.createMany({ data: attributeRows, skipDuplicates: true });
  for (const [name, progress] of Object.entries(demoProgress) as [keyof typeof demoAnnotatorEmails, (p: number) => 'FINISHED' | 'IN_PROGRESS'][]) {
    const userId = users.find((u) => u.email === demoAnnotatorEmails[name])?.id;
    if (!userId) continue;
    for (const doc of docs) {
      await tx.documentStatus.upsert({
        where: { documentId_userId: { documentId: doc.id, userId } },
        create: { documentId: doc.id, userId, projectId, status: progress(doc.position) },
        update: {},
      });
    }
  }
  return created.count;
}
