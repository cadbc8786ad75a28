import 'server-only';
import { randomUUID } from 'node:crypto';
import { plural } from '@/lib/activity';
import { describeSpan } from '@/lib/anchoring';
import { pickUnusedColor } from '@/lib/codebook/palette';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { countOf, emptySummary, NotImportedList, type ImportSummary } from '@/lib/export/import-summary';
import { readForeignW3C, type ForeignPlacement } from '@/lib/export/w3c-foreign';
import { categoryPaths } from '@/lib/codebook/tree';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ConfirmImport } from '@/lib/validations/import';
import { canAnnotate } from '@/lib/permissions';
import { limits } from '@/lib/validations/limits';
import type { Actor } from './actor';
import { recordActivity } from './activity';

// W3C annotations made by other tools (Recogito, Hypothesis, …) onto the articles a project holds.
// Those files carry no texts: lib/export/w3c-foreign.ts places each annotation on an article by its
// source, title or quote. Here the placements become one layer: each tag is a category (an existing
// one of the same name or path, else a new one), an annotation without a tag gets the category
// "Imported highlight", and the comment is the note. Annotations that could not be placed are
// listed with the reason and do not come in; the rest comes in, in one transaction.

export const untaggedCategoryName = 'Imported highlight';

/**
 * Unmatched annotations listed one by one in the summary; beyond this they are counted by kind of
 * reason, so that a file of 100,000 unplaceable annotations does not make a summary of 100,000 rows.
 */
export const maxListedUnmatched = 500;

/** Annotations one import may write (an annotation becomes one per tag, so a file's count can multiply). */
export const maxImportedAnnotations = 200_000;

type PlannedCategory = { key: string; name: string; existingId: string | null };

export type ForeignPlan = {
  placements: (ForeignPlacement & { categoryKeys: string[] })[];
  categories: PlannedCategory[];
  format: string;
};

const keyOf = (name: string) => name.trim().toLowerCase();

export async function planForeignAnnotations(
  projectId: string,
  projectName: string,
  json: unknown,
  onProgress: (stage: string, done: number, total: number) => void,
): Promise<{ plan: ForeignPlan; summary: ImportSummary }> {
  const db = getDb();
  onProgress('Reading the project’s articles', 0, 1);
  const [articles, categories] = await Promise.all([
    db.document.findMany({ where: { projectId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, title: true, sourceUrl: true, text: true } }),
    db.category.findMany({ where: { projectId }, select: { id: true, parentId: true, name: true } }),
  ]);
  if (articles.length === 0) throw new AppError('INVALID', 'This project has no articles yet: import the articles the annotations were made on first.');
  onProgress('Placing annotations on the articles', 0, 1);
  const read = readForeignW3C(json, articles);

  const paths = categoryPaths(categories);
  const existing = new Map<string, string>();
  for (const c of categories) existing.set(keyOf(paths.get(c.id) ?? c.name), c.id);
  for (const c of categories) if (!existing.has(keyOf(c.name))) existing.set(keyOf(c.name), c.id);
  const planned = new Map<string, PlannedCategory>();
  const categoryFor = (name: string): string => {
    const key = keyOf(name);
    if (!planned.has(key)) planned.set(key, { key, name: name.trim(), existingId: existing.get(key) ?? null });
    return key;
  };
  const placements = read.placements.map((p) => ({ ...p, categoryKeys: (p.tags.length > 0 ? p.tags : [untaggedCategoryName]).map(categoryFor) }));
  for (const c of planned.values()) {
    if (c.name.length > limits.categoryName) throw new AppError('INVALID', `the tag “${c.name.slice(0, 60)}…” is ${c.name.length} characters long; a category name may have at most ${limits.categoryName}`);
  }
  for (const p of placements) {
    if (p.note.length > limits.note) throw new AppError('INVALID', `annotation ${p.index + 1}: its comment is ${p.note.length.toLocaleString('en')} characters long; a note may have at most ${limits.note.toLocaleString('en')}`);
  }

  const summary = emptySummary('annotations', projectName, read.format);
  const articleIds = new Set(placements.map((p) => p.articleId));
  const annotationCount = placements.reduce((n, p) => n + p.categoryKeys.length, 0);
  if (annotationCount > maxImportedAnnotations) {
    throw new AppError('INVALID', `the file would become ${annotationCount.toLocaleString('en')} annotations (one per tag of each); an import writes at most ${maxImportedAnnotations.toLocaleString('en')}: split the file and import each part`);
  }
  summary.counts.sources = articleIds.size;
  summary.counts.passages = annotationCount;
  summary.counts.notes = placements.filter((p) => p.note !== '').length;
  summary.counts.categories = [...planned.values()].filter((c) => c.existingId === null).length;
  const byHow = { position: 0, quote: 0, 'quote-fuzzy': 0 } as Record<ForeignPlacement['how'], number>;
  for (const p of placements) byHow[p.how]++;
  summary.checks.push({ ok: read.unmatched.length === 0, text: `${countOf(placements.length, 'annotation')} of ${(placements.length + read.unmatched.length).toLocaleString('en')} placed on ${countOf(articleIds.size, 'article')}` });
  if (byHow.position > 0) summary.checks.push({ ok: true, text: `${countOf(byHow.position, 'annotation')} where its TextPositionSelector holds its quote` });
  if (byHow.quote > 0) summary.checks.push({ ok: true, text: `${countOf(byHow.quote, 'annotation')} found by its quote (TextQuoteSelector)` });
  if (byHow['quote-fuzzy'] > 0) summary.checks.push({ ok: true, text: `${countOf(byHow['quote-fuzzy'], 'annotation')} found by a close match of its quote: check them` });
  const newCategories = [...planned.values()].filter((c) => c.existingId === null).map((c) => c.name);
  if (newCategories.length > 0) summary.warnings.push(`New categories for the tags the project’s codebook lacks: ${newCategories.slice(0, 12).join(', ')}${newCategories.length > 12 ? ` and ${newCategories.length - 12} more` : ''}.`);
  if (placements.some((p) => p.categoryKeys.length > 1)) {
    summary.warnings.push('An annotation with several tags becomes one annotation per tag (a Parallax annotation has one category).');
  }
  const notImported = new NotImportedList();
  read.unmatched.forEach((u, i) => {
    const example = u.quote !== undefined ? `“${u.quote.slice(0, 60)}”` : (u.sourceId ?? `annotation ${u.index + 1}`);
    if (i < maxListedUnmatched) notImported.add('annotations', u.reason, example);
    // "annotation 612: the quote “x” is in none of …" → "the quote is in none of …", counted.
    else notImported.add('more annotations', `${u.reason.replace(/^annotation \d+: /, '').replace(/ “[^”]*”| "[^"]*"/g, '')} (only the first ${maxListedUnmatched} are listed one by one)`, example);
  });
  for (const note of read.notes) summary.warnings.push(note);
  summary.notImported = notImported.list();
  return { plan: { placements, categories: [...planned.values()], format: read.format }, summary };
}

/**
 * The file's time, when it is one PostgreSQL can store: JavaScript reads "-200000-01-01" as a
 * date, PostgreSQL refuses anything before 4713 BC, and no annotation was made before year 1.
 */
function storableDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1 || year > 9999 ? null : date;
}

/** Writes the placed annotations as one layer: an existing member's, or a new imported annotator's. */
export async function storeForeignAnnotations(
  tx: Prisma.TransactionClient,
  actor: Actor,
  projectId: string,
  plan: ForeignPlan,
  layer: ConfirmImport['layer'],
  onProgress: (stage: string, done: number, total: number) => void,
): Promise<{ documents: number; annotations: number; newPeople: number }> {
  if (!layer) throw new AppError('INVALID', 'layer is required: whose layer the annotations become.');
  let annotatorId: string;
  let newPeople = 0;
  if (layer.kind === 'member') {
    const member = await tx.membership.findUnique({ where: { projectId_userId: { projectId, userId: layer.userId } }, select: { userId: true, role: true } });
    if (!member) throw new AppError('INVALID', 'layer.userId is not a member of this project.');
    // A viewer has no layer: annotations stored under one would be a layer nobody may edit.
    if (!canAnnotate(member.role)) throw new AppError('INVALID', 'layer.userId is a viewer of this project, who has no layer: choose an annotator, a curator or the owner, or a new imported annotator.');
    annotatorId = member.userId;
  } else {
    annotatorId = randomUUID();
    await tx.user.create({ data: { id: annotatorId, name: layer.name, email: `imported-${annotatorId.slice(0, 13)}@parallax.invalid`, passwordHash: '!imported' } });
    await tx.membership.create({ data: { projectId, userId: annotatorId, role: 'ANNOTATOR' } });
    newPeople = 1;
  }

  const categoryIds = new Map<string, string>();
  const current = await tx.category.findMany({ where: { projectId }, select: { id: true, color: true, parentId: true, name: true } });
  const colors = current.map((c) => c.color);
  let position = current.filter((c) => c.parentId === null).length;
  // A category named like a tag since the file was read is taken, not made a second time.
  const paths = categoryPaths(current);
  const byName = new Map<string, string>();
  for (const c of current) byName.set(keyOf(paths.get(c.id) ?? c.name), c.id);
  for (const c of current) if (!byName.has(keyOf(c.name))) byName.set(keyOf(c.name), c.id);
  for (const c of plan.categories) {
    const existingId = c.existingId && current.some((k) => k.id === c.existingId) ? c.existingId : byName.get(c.key);
    if (existingId) {
      categoryIds.set(c.key, existingId);
      continue;
    }
    const color = pickUnusedColor(colors);
    colors.push(color);
    const id = randomUUID();
    await tx.category.create({ data: { id, projectId, name: c.name, color, position: position++, description: 'Made from a tag of imported W3C annotations.' } });
    categoryIds.set(c.key, id);
  }

  const texts = new Map((await tx.document.findMany({ where: { projectId, id: { in: [...new Set(plan.placements.map((p) => p.articleId))] } }, select: { id: true, text: true } })).map((d) => [d.id, d.text]));
  const rows: Prisma.AnnotationCreateManyInput[] = [];
  for (const p of plan.placements) {
    const text = texts.get(p.articleId);
    if (text === undefined || text.slice(p.start, p.end) !== p.quote) {
      throw new AppError('CONFLICT', 'An article changed since the file was read; upload the file again.');
    }
    const { prefix, suffix } = describeSpan(text, p.start, p.end);
    const createdAt = storableDate(p.created) ?? new Date();
    const updatedAt = storableDate(p.modified) ?? createdAt;
    for (const key of p.categoryKeys) {
      rows.push({
        id: randomUUID(), projectId, documentId: p.articleId, annotatorId, layer: 'ANNOTATOR', categoryId: categoryIds.get(key)!,
        start: p.start, end: p.end, quote: p.quote, prefix, suffix, note: p.note, createdAt, updatedAt, externalId: p.sourceId,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 2000) {
    await tx.annotation.createMany({ data: rows.slice(i, i + 2000) });
    onProgress('Writing annotations', Math.min(rows.length, i + 2000), rows.length);
  }
  await recordActivity(tx, actor, projectId, {
    action: 'annotation.create',
    targetType: 'annotation',
    summary: `Imported ${plural(rows.length, 'annotation')} from a W3C Web Annotation file (${plan.format}) onto ${plural(texts.size, 'article')}`,
    details: { format: plan.format, annotations: rows.length, articles: texts.size, annotatorId },
  });
  return { documents: texts.size, annotations: rows.length, newPeople };
}
