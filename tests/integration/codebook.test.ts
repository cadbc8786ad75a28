import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import {
  createAttribute,
  createCategory,
  deleteAttribute,
  deleteCategory,
  getCodebook,
  mergeCategories,
  reorderCategories,
  updateAttribute,
  updateCategory,
} from '@/lib/data/codebook';
import { importDocuments } from '@/lib/data/documents';
import { expectAppError, makeProject, makeUser, sampleBlocks, uniq } from './helpers';

// Annotations are written directly through the database: the codebook's rules are what is tested
// here, and rows made this way cannot be shaped by the code under test.
async function annotate(slug: string, categoryId: string, annotatorId: string, opts: { deleted?: boolean } = {}) {
  const db = getDb();
  const project = await db.project.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const doc =
    (await db.document.findFirst({ where: { projectId: project.id }, select: { id: true } })) ??
    (await importDocuments({ kind: 'system' }, slug, { documents: [{ title: 'D', blocks: sampleBlocks(uniq()) }] }))[0]!;
  return db.annotation.create({
    data: {
      id: randomUUID(), projectId: project.id, documentId: doc.id, annotatorId, categoryId,
      start: 0, end: 7, quote: 'Section', deletedAt: opts.deleted ? new Date() : null,
    },
    select: { id: true, version: true },
  });
}

const cat = (name: string, extra: Record<string, unknown> = {}) => ({ name, color: '#4e79a7', ...extra });

describe('categories: permissions', () => {
  it('annotators and viewers are FORBIDDEN, outsiders get NOT_FOUND, curators may edit', async () => {
    const p = await makeProject({ ana: 'ANNOTATOR', vic: 'VIEWER', cur: 'CURATOR' });
    const outsider = await makeUser('outsider');
    const c = await createCategory(p.owner.actor, p.slug, cat('Trust'));
    await expectAppError(createCategory(p.members.ana!.actor, p.slug, cat('X')), 'FORBIDDEN', /owners and curators/);
    await expectAppError(createCategory(p.members.vic!.actor, p.slug, cat('X')), 'FORBIDDEN');
    await expectAppError(createCategory(outsider.actor, p.slug, cat('X')), 'NOT_FOUND');
    await expectAppError(updateCategory(p.members.ana!.actor, c.id, { name: 'Y' }), 'FORBIDDEN');
    await expectAppError(updateCategory(outsider.actor, c.id, { name: 'Y' }), 'NOT_FOUND', /No such category/);
    await expectAppError(deleteCategory(outsider.actor, c.id), 'NOT_FOUND');
    await expectAppError(deleteCategory(p.members.ana!.actor, c.id), 'FORBIDDEN');
    await expectAppError(reorderCategories(p.members.ana!.actor, p.slug, { parentId: null, orderedIds: [c.id] }), 'FORBIDDEN');
    await expectAppError(reorderCategories(outsider.actor, p.slug, { parentId: null, orderedIds: [c.id] }), 'NOT_FOUND');
    await expectAppError(mergeCategories(p.members.ana!.actor, { sourceId: c.id, targetId: randomUUID() }), 'FORBIDDEN');
    await expectAppError(mergeCategories(outsider.actor, { sourceId: c.id, targetId: randomUUID() }), 'NOT_FOUND');
    await expectAppError(updateCategory(p.owner.actor, 'not-a-uuid', { name: 'Y' }), 'NOT_FOUND');
    expect((await updateCategory(p.members.cur!.actor, c.id, { name: 'Trust deficit' })).name).toBe('Trust deficit');
  });
});

describe('categories: create and update', () => {
  it('creates root and child categories at the end of their siblings, with usage counts in the codebook', async () => {
    const p = await makeProject();
    const a = await createCategory(p.owner.actor, p.slug, cat('Security', { shortcut: 'S', description: ' Why ', color: '#ABCDEF' }));
    const b = await createCategory(p.owner.actor, p.slug, cat('Economy'));
    const child = await createCategory(p.owner.actor, p.slug, cat('TTP sanctuary', { parentId: a.id }));
    expect(a).toMatchObject({ shortcut: 's', description: 'Why', color: '#abcdef', position: 0, parentId: null });
    expect(b.position).toBe(1);
    expect(child).toMatchObject({ parentId: a.id, position: 0 });
    await annotate(p.slug, child.id, p.owner.id);
    await annotate(p.slug, child.id, p.owner.id, { deleted: true });
    const codebook = await getCodebook(p.owner.actor, p.slug);
    expect(codebook.categories.map((c) => [c.path, c.depth, c.usage])).toEqual([
      ['Security', 0, 0],
      ['Security / TTP sanctuary', 1, 1],
      ['Economy', 0, 0],
    ]);
  });

  it('refuses bad colours, reserved and malformed shortcuts, and names exactly', async () => {
    const p = await makeProject();
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('A', { color: 'red' })), 'INVALID', /color: Colour must be written #rrggbb/);
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('A', { color: '#12345' })), 'INVALID', /#rrggbb/);
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('A', { shortcut: 'u' })), 'INVALID', /"u" is reserved for undo/);
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('A', { shortcut: 'N' })), 'INVALID', /"n" is reserved for note/);
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('A', { shortcut: 'x' })), 'INVALID', /reserved for delete/);
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('A', { shortcut: 'ab' })), 'INVALID', /one digit \(0-9\) or one letter/);
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('A', { shortcut: '!' })), 'INVALID', /one digit/);
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('  ')), 'INVALID', /name: Name is required/);
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('A', { parentId: randomUUID() })), 'NOT_FOUND', /parent category/);
    expect((await getCodebook(p.owner.actor, p.slug)).categories).toEqual([]);
  });

  it('refuses a duplicate sibling name (ignoring case) but allows it under another parent', async () => {
    const p = await makeProject();
    const a = await createCategory(p.owner.actor, p.slug, cat('Security'));
    const b = await createCategory(p.owner.actor, p.slug, cat('Economy'));
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('SECURITY')), 'CONFLICT', /"Security" already exists at the top level/);
    await createCategory(p.owner.actor, p.slug, cat('Borders', { parentId: a.id }));
    const other = await createCategory(p.owner.actor, p.slug, cat('Borders', { parentId: b.id }));
    await expectAppError(updateCategory(p.owner.actor, b.id, { name: 'security' }), 'CONFLICT', /already exists/);
    // Moving "Borders" under Security would put two "Borders" side by side.
    await expectAppError(updateCategory(p.owner.actor, other.id, { parentId: a.id }), 'CONFLICT', /"Borders" already exists under "Security"/);
    // Renaming to its own name in another case is fine.
    expect((await updateCategory(p.owner.actor, b.id, { name: 'ECONOMY' })).name).toBe('ECONOMY');
  });

  it('refuses a shortcut another category has, naming it; null clears; the freed key can be reused', async () => {
    const p = await makeProject();
    const a = await createCategory(p.owner.actor, p.slug, cat('Trust', { shortcut: '3' }));
    const b = await createCategory(p.owner.actor, p.slug, cat('Trade'));
    await expectAppError(updateCategory(p.owner.actor, b.id, { shortcut: '3' }), 'CONFLICT', /"3" is already used by "Trust"/);
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('Other', { shortcut: '3' })), 'CONFLICT', /"Trust"/);
    await expectAppError(updateCategory(p.owner.actor, b.id, { shortcut: 'u' }), 'INVALID', /reserved for undo/);
    expect((await updateCategory(p.owner.actor, a.id, { shortcut: '3' })).shortcut).toBe('3'); // its own key
    expect((await updateCategory(p.owner.actor, a.id, { shortcut: null })).shortcut).toBeNull();
    expect((await updateCategory(p.owner.actor, b.id, { shortcut: '3' })).shortcut).toBe('3');
    expect((await updateCategory(p.owner.actor, b.id, { shortcut: '' })).shortcut).toBeNull();
  });

  it('updates text fields and colour; moves a category with its subtree, refusing cycles', async () => {
    const p = await makeProject();
    const a = await createCategory(p.owner.actor, p.slug, cat('A'));
    const b = await createCategory(p.owner.actor, p.slug, cat('B', { parentId: a.id }));
    const c = await createCategory(p.owner.actor, p.slug, cat('C', { parentId: b.id }));
    const d = await createCategory(p.owner.actor, p.slug, cat('D'));
    const updated = await updateCategory(p.owner.actor, d.id, { description: 'Desc', example: '“Quote”', color: '#E15759' });
    expect(updated).toMatchObject({ description: 'Desc', example: '“Quote”', color: '#e15759', name: 'D' });

    await expectAppError(updateCategory(p.owner.actor, a.id, { parentId: c.id }), 'INVALID', /Cannot move "A" under its own descendant "A \/ B \/ C"/);
    await expectAppError(updateCategory(p.owner.actor, a.id, { parentId: a.id }), 'INVALID', /Cannot move "A" under itself/);
    await expectAppError(updateCategory(p.owner.actor, a.id, { parentId: randomUUID() }), 'NOT_FOUND', /new parent/);

    const moved = await updateCategory(p.owner.actor, b.id, { parentId: d.id });
    expect(moved).toMatchObject({ parentId: d.id, position: 0 });
    expect((await getCodebook(p.owner.actor, p.slug)).categories.map((x) => x.path)).toEqual(['A', 'D', 'D / B', 'D / B / C']);
    const toRoot = await updateCategory(p.owner.actor, c.id, { parentId: null });
    expect(toRoot).toMatchObject({ parentId: null, position: 2 });
  });

  it('does not let a category of another project become the parent', async () => {
    const p = await makeProject();
    const q = await makeProject();
    const mine = await createCategory(p.owner.actor, p.slug, cat('Mine'));
    const theirs = await createCategory(q.owner.actor, q.slug, cat('Theirs'));
    await expectAppError(createCategory(p.owner.actor, p.slug, cat('X', { parentId: theirs.id })), 'NOT_FOUND');
    await expectAppError(updateCategory(p.owner.actor, mine.id, { parentId: theirs.id }), 'NOT_FOUND');
    await expectAppError(mergeCategories(p.owner.actor, { sourceId: mine.id, targetId: theirs.id }), 'NOT_FOUND', /merge into is not in this project/);
    await expectAppError(deleteCategory(p.owner.actor, mine.id, { reassignTo: theirs.id }), 'NOT_FOUND');
  });
});

describe('categories: reorder', () => {
  it('sets the order of exactly the siblings, and refuses a partial or foreign list', async () => {
    const p = await makeProject();
    const [a, b, c] = [
      await createCategory(p.owner.actor, p.slug, cat('A')),
      await createCategory(p.owner.actor, p.slug, cat('B')),
      await createCategory(p.owner.actor, p.slug, cat('C')),
    ];
    const child = await createCategory(p.owner.actor, p.slug, cat('A1', { parentId: a.id }));
    await reorderCategories(p.owner.actor, p.slug, { parentId: null, orderedIds: [c.id, a.id, b.id] });
    expect((await getCodebook(p.owner.actor, p.slug)).categories.map((x) => x.path)).toEqual(['C', 'A', 'A / A1', 'B']);
    await expectAppError(reorderCategories(p.owner.actor, p.slug, { parentId: null, orderedIds: [c.id, a.id] }), 'INVALID', /missing: "B"/);
    await expectAppError(
      reorderCategories(p.owner.actor, p.slug, { parentId: null, orderedIds: [c.id, a.id, b.id, child.id] }),
      'INVALID',
      /not among these categories/,
    );
    await expectAppError(reorderCategories(p.owner.actor, p.slug, { parentId: null, orderedIds: [c.id, c.id, a.id, b.id] }), 'INVALID', /listed twice: "C"/);
    await reorderCategories(p.owner.actor, p.slug, { parentId: a.id, orderedIds: [child.id] });
    expect((await getCodebook(p.owner.actor, p.slug)).categories.map((x) => x.path)).toEqual(['C', 'A', 'A / A1', 'B']);
  });
});

describe('categories: merge', () => {
  it('moves every annotation (deleted ones too) to the target, bumps versions, deletes the source', async () => {
    const p = await makeProject({ ana: 'ANNOTATOR' });
    const source = await createCategory(p.owner.actor, p.slug, cat('Mistrust', { shortcut: 'm' }));
    const target = await createCategory(p.owner.actor, p.slug, cat('Trust deficit'));
    const kept = await annotate(p.slug, target.id, p.owner.id);
    const moving = [
      await annotate(p.slug, source.id, p.owner.id),
      await annotate(p.slug, source.id, p.members.ana!.id),
      await annotate(p.slug, source.id, p.members.ana!.id, { deleted: true }),
    ];
    const result = await mergeCategories(p.owner.actor, { sourceId: source.id, targetId: target.id });
    expect(result).toEqual({ moved: 2, childrenMoved: 0, target: { id: target.id, name: 'Trust deficit' } });

    const db = getDb();
    expect(await db.category.findUnique({ where: { id: source.id } })).toBeNull();
    const rows = await db.annotation.findMany({ where: { id: { in: moving.map((m) => m.id) } }, select: { categoryId: true, version: true } });
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toEqual({ categoryId: target.id, version: 2 });
    expect((await db.annotation.findUniqueOrThrow({ where: { id: kept.id } })).version).toBe(1);
    // The source's shortcut is free again.
    expect((await updateCategory(p.owner.actor, target.id, { shortcut: 'm' })).shortcut).toBe('m');
  });

  it('is one transaction: when the delete fails, no annotation has moved', async () => {
    const p = await makeProject();
    const source = await createCategory(p.owner.actor, p.slug, cat('Source'));
    const target = await createCategory(p.owner.actor, p.slug, cat('Target'));
    const a = await annotate(p.slug, source.id, p.owner.id);
    // A trigger makes the final DELETE fail after the annotations were updated inside the same
    // transaction; the update must then be rolled back with it.
    const db = getDb();
    const fn = `refuse_delete_${uniq()}`;
    await db.$executeRawUnsafe(`CREATE FUNCTION ${fn}() RETURNS trigger AS $$ BEGIN IF OLD.id = '${source.id}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN OLD; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER ${fn} BEFORE DELETE ON "Category" FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    try {
      await expect(mergeCategories(p.owner.actor, { sourceId: source.id, targetId: target.id })).rejects.toThrow();
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER ${fn} ON "Category"`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${fn}()`);
    }
    expect(await db.annotation.findUniqueOrThrow({ where: { id: a.id }, select: { categoryId: true, version: true } })).toEqual({
      categoryId: source.id,
      version: 1,
    });
    expect(await db.category.findUnique({ where: { id: source.id } })).not.toBeNull();
  });

  it('moves the sub-categories of a merged category under the target; refuses a target below the source', async () => {
    const p = await makeProject();
    const source = await createCategory(p.owner.actor, p.slug, cat('Security'));
    const child = await createCategory(p.owner.actor, p.slug, cat('Borders', { parentId: source.id }));
    const target = await createCategory(p.owner.actor, p.slug, cat('Conflict'));
    await createCategory(p.owner.actor, p.slug, cat('Raids', { parentId: target.id }));
    const childAnnotation = await annotate(p.slug, child.id, p.owner.id);
    await expectAppError(mergeCategories(p.owner.actor, { sourceId: source.id, targetId: child.id }), 'INVALID', /into its own sub-category "Security \/ Borders"/);
    await expectAppError(mergeCategories(p.owner.actor, { sourceId: source.id, targetId: source.id }), 'INVALID', /into itself/);
    const result = await mergeCategories(p.owner.actor, { sourceId: source.id, targetId: target.id });
    expect(result).toMatchObject({ moved: 0, childrenMoved: 1 });
    expect((await getCodebook(p.owner.actor, p.slug)).categories.map((x) => x.path)).toEqual(['Conflict', 'Conflict / Raids', 'Conflict / Borders']);
    expect((await getDb().annotation.findUniqueOrThrow({ where: { id: childAnnotation.id } })).categoryId).toBe(child.id);
  });

  it('refuses when the target already has a sub-category with the same name as one of the source', async () => {
    const p = await makeProject();
    const source = await createCategory(p.owner.actor, p.slug, cat('S'));
    const target = await createCategory(p.owner.actor, p.slug, cat('T'));
    await createCategory(p.owner.actor, p.slug, cat('Same', { parentId: source.id }));
    await createCategory(p.owner.actor, p.slug, cat('same', { parentId: target.id }));
    await expectAppError(mergeCategories(p.owner.actor, { sourceId: source.id, targetId: target.id }), 'CONFLICT', /"T" already has sub-categories named "Same"/);
  });
});

describe('categories: delete', () => {
  it('deletes an unused leaf; refuses one with children', async () => {
    const p = await makeProject();
    const parent = await createCategory(p.owner.actor, p.slug, cat('Parent'));
    const child = await createCategory(p.owner.actor, p.slug, cat('Child', { parentId: parent.id }));
    await expectAppError(deleteCategory(p.owner.actor, parent.id), 'CONFLICT', /"Parent" has 1 sub-category \("Child"\)/);
    expect(await deleteCategory(p.owner.actor, child.id)).toEqual({ reassigned: 0 });
    expect(await deleteCategory(p.owner.actor, parent.id)).toEqual({ reassigned: 0 });
    expect((await getCodebook(p.owner.actor, p.slug)).categories).toEqual([]);
  });

  it('refuses when annotations (deleted ones included) use it, and reassigns them in one go when asked', async () => {
    const p = await makeProject();
    const used = await createCategory(p.owner.actor, p.slug, cat('Used'));
    const other = await createCategory(p.owner.actor, p.slug, cat('Other'));
    const onlyDeleted = await createCategory(p.owner.actor, p.slug, cat('Only deleted'));
    const a1 = await annotate(p.slug, used.id, p.owner.id);
    const a2 = await annotate(p.slug, used.id, p.owner.id);
    await annotate(p.slug, onlyDeleted.id, p.owner.id, { deleted: true });

    await expectAppError(deleteCategory(p.owner.actor, used.id), 'CONFLICT', /^2 annotations use "Used": choose a category to reassign them to\.$/);
    await expectAppError(deleteCategory(p.owner.actor, onlyDeleted.id), 'CONFLICT', /1 annotation uses "Only deleted" \(1 of them deleted/);
    await expectAppError(deleteCategory(p.owner.actor, used.id, { reassignTo: used.id }), 'INVALID', /other than "Used"/);

    expect(await deleteCategory(p.owner.actor, used.id, { reassignTo: other.id })).toEqual({ reassigned: 2 });
    const db = getDb();
    expect(await db.category.findUnique({ where: { id: used.id } })).toBeNull();
    const rows = await db.annotation.findMany({ where: { id: { in: [a1.id, a2.id] } }, select: { categoryId: true, version: true } });
    expect(rows).toEqual([
      { categoryId: other.id, version: 2 },
      { categoryId: other.id, version: 2 },
    ]);
    expect(await deleteCategory(p.owner.actor, onlyDeleted.id, { reassignTo: other.id })).toEqual({ reassigned: 1 });
  });
});

describe('attributes', () => {
  const blame = { key: 'blame-target', name: 'Blame target', options: [{ value: 'pakistan', label: 'Pakistan' }, { value: 'ttp', label: 'TTP' }] };

  it('creates, relabels, adds and removes unused values; keys and values are slugs', async () => {
    const p = await makeProject();
    const created = await createAttribute(p.owner.actor, p.slug, blame);
    expect(created).toMatchObject({ key: 'blame-target', name: 'Blame target', description: '' });
    expect(created.options.map((o) => [o.value, o.label, o.usage])).toEqual([['pakistan', 'Pakistan', 0], ['ttp', 'TTP', 0]]);
    await expectAppError(createAttribute(p.owner.actor, p.slug, { ...blame, name: 'Again' }), 'CONFLICT', /"blame-target" is already used by the attribute "Blame target"/);
    await expectAppError(createAttribute(p.owner.actor, p.slug, { ...blame, key: 'Blame Target' }), 'INVALID', /key: Key may contain only lower-case/);
    await expectAppError(
      createAttribute(p.owner.actor, p.slug, { ...blame, key: 'other', options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'B' }] }),
      'INVALID',
      /Value "a" is listed twice/,
    );
    await expectAppError(createAttribute(p.owner.actor, p.slug, { ...blame, key: 'none', options: [] }), 'INVALID', /at least one allowed value/);

    const updated = await updateAttribute(p.owner.actor, created.id, {
      name: 'Who is blamed',
      description: 'The party the passage blames.',
      options: [{ value: 'ttp', label: 'Tehrik-i-Taliban Pakistan' }, { value: 'india', label: 'India' }],
    });
    expect(updated).toMatchObject({ name: 'Who is blamed', description: 'The party the passage blames.', key: 'blame-target' });
    expect(updated.options.map((o) => [o.value, o.label])).toEqual([['ttp', 'Tehrik-i-Taliban Pakistan'], ['india', 'India']]);
    // The relabelled option kept its id: values on annotations still point at it.
    expect(updated.options[0]!.id).toBe(created.options[1]!.id);
  });

  it('refuses to remove a value annotations use; deleting the attribute removes its values in one go', async () => {
    const p = await makeProject({ ana: 'ANNOTATOR' });
    const outsider = await makeUser('outsider');
    const category = await createCategory(p.owner.actor, p.slug, cat('C'));
    const attribute = await createAttribute(p.owner.actor, p.slug, blame);
    const annotation = await annotate(p.slug, category.id, p.owner.id);
    const ttp = attribute.options.find((o) => o.value === 'ttp')!;
    const db = getDb();
    await db.annotationAttribute.create({ data: { annotationId: annotation.id, attributeId: attribute.id, optionId: ttp.id } });
    expect((await getCodebook(p.owner.actor, p.slug)).attributes[0]!.options.map((o) => o.usage)).toEqual([0, 1]);

    await expectAppError(
      updateAttribute(p.owner.actor, attribute.id, { options: [{ value: 'pakistan', label: 'Pakistan' }] }),
      'CONFLICT',
      /"TTP" \(ttp\) is used by 1 annotation, so it cannot be removed/,
    );
    expect((await updateAttribute(p.owner.actor, attribute.id, { options: [{ value: 'ttp', label: 'TTP' }] })).options).toHaveLength(1);

    await expectAppError(updateAttribute(p.members.ana!.actor, attribute.id, { name: 'X' }), 'FORBIDDEN');
    await expectAppError(deleteAttribute(p.members.ana!.actor, attribute.id), 'FORBIDDEN');
    await expectAppError(deleteAttribute(outsider.actor, attribute.id), 'NOT_FOUND', /No such attribute/);
    await expectAppError(createAttribute(outsider.actor, p.slug, { ...blame, key: 'x' }), 'NOT_FOUND');

    expect(await deleteAttribute(p.owner.actor, attribute.id)).toEqual({ valuesRemoved: 1 });
    expect(await db.attributeDefinition.findUnique({ where: { id: attribute.id } })).toBeNull();
    expect(await db.attributeOption.count({ where: { attributeId: attribute.id } })).toBe(0);
    expect(await db.annotationAttribute.count({ where: { annotationId: annotation.id } })).toBe(0);
    expect((await db.annotation.findUniqueOrThrow({ where: { id: annotation.id } })).version).toBe(2);
  });
});
