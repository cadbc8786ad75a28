import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { getDocument, importDocuments, listDocuments, previewImport } from '@/lib/data/documents';
import { expectAppError, makeProject, sampleBlocks, uniq } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);

describe('import', () => {
  it('stores canonical text, block offsets that slice back to each block, and a content hash', async () => {
    const p = await makeProject();
    const marker = uniq();
    const [created] = await importDocuments(p.owner.actor, p.slug, {
      documents: [{ title: 'Article', author: 'A. Writer', publishedOn: '2025-12-24', sourceName: 'a.txt', blocks: sampleBlocks(marker) }],
    });
    const doc = await getDocument(p.owner.actor, created!.id);
    expect(doc.text).toBe(`Section ${marker}\n\nThe talks failed because of ${marker}. Both sides blamed each other.`);
    expect(doc.blocks.map((b) => doc.text.slice(b.start, b.end))).toEqual(sampleBlocks(marker).map((b) => b.text));
    expect(doc.blocks[0]).toMatchObject({ type: 'heading', level: 2 });
    expect(doc).toMatchObject({ author: 'A. Writer', outlet: null, authorAffiliation: null, publishedOn: '2025-12-24', length: doc.text.length });
    expect(doc.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is all or nothing: a duplicate in the batch or in the project stores none of the batch', async () => {
    const p = await makeProject();
    const first = sampleBlocks(uniq());
    await importDocuments(p.owner.actor, p.slug, { documents: [{ title: 'Original', blocks: first }] });
    const fresh = sampleBlocks(uniq());
    await expectAppError(
      importDocuments(p.owner.actor, p.slug, { documents: [{ title: 'New', blocks: fresh }, { title: 'Copy', blocks: first }] }),
      'CONFLICT',
      /"Copy" \(already in the project as "Original"\)\. Nothing was imported/,
    );
    await expectAppError(
      importDocuments(p.owner.actor, p.slug, { documents: [{ title: 'X', blocks: fresh }, { title: 'Y', blocks: fresh }] }),
      'CONFLICT',
      /same text/,
    );
    expect((await listDocuments(p.owner.actor, p.slug)).map((d) => d.title)).toEqual(['Original']);
  });

  it('refuses bad metadata with messages that name each field, storing nothing', async () => {
    const p = await makeProject();
    await expectAppError(
      importDocuments(p.owner.actor, p.slug, {
        documents: [{ title: 'ok', publishedOn: '24/12/2025', sourceUrl: 'javascript:alert(1)', blocks: sampleBlocks(uniq()) }],
      }),
      'INVALID',
      /documents\.0\.publishedOn: Published date must be a real date written yyyy-mm-dd.*documents\.0\.sourceUrl: Source URL must start with http/,
    );
    // A day that does not exist is refused, not rolled over to the next month.
    await expectAppError(importDocuments(p.owner.actor, p.slug, { documents: [{ title: 'feb', publishedOn: '2025-02-30', blocks: sampleBlocks(uniq()) }] }), 'INVALID', /Published date must be a real date/);
    await expectAppError(importDocuments(p.owner.actor, p.slug, { documents: [{ title: 'empty', blocks: [] }] }), 'INVALID', /at least one paragraph/);
    await expectAppError(importDocuments(p.owner.actor, p.slug, { documents: [] }), 'INVALID', /at least one document/);
    expect(await getDb().document.count({ where: { project: { slug: p.slug } } })).toBe(0);
  });
});

describe('preview', () => {
  it('gives each bad file its own message and stores nothing', async () => {
    const p = await makeProject();
    const previews = await previewImport(p.owner.actor, p.slug, {
      files: [
        { name: 'good.md', bytes: enc('# A title\n\nThe talks failed because trust was low.\n\n## Why\n\nBorders were closed.') },
        { name: 'empty.txt', bytes: new Uint8Array() },
        { name: 'image.png.txt', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
        { name: 'report.pdf', bytes: enc('%PDF-1.7') },
        { name: 'big.txt', bytes: new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61) },
        { name: 'furniture.txt', bytes: enc('Leave a Comment\nYour email address will not be published. Required fields are marked *\n') },
      ],
    });
    const byName = Object.fromEntries(previews.map((x) => [x.sourceName, x]));
    expect(byName['good.md']).toMatchObject({ ok: true, document: { title: 'A title' } });
    for (const [name, pattern] of [
      ['empty.txt', /empty/i],
      ['image.png.txt', /not a text file/i],
      ['report.pdf', /\.pdf|type/i],
      ['big.txt', /2 MB/],
      ['furniture.txt', /nothing|no text|no article/i],
    ] as const) {
      const preview = byName[name];
      expect(preview?.ok, name).toBe(false);
      if (preview && !preview.ok) expect(preview.error, name).toMatch(pattern);
    }
    expect(await getDb().document.count({ where: { project: { slug: p.slug } } })).toBe(0);
  });

  it('refuses annotators, and outsiders as if the project did not exist', async () => {
    const p = await makeProject({ ann: 'ANNOTATOR' });
    const other = await makeProject();
    const input = { files: [{ name: 'a.txt', bytes: enc('Some text here.') }] };
    await expectAppError(previewImport(p.members.ann!.actor, p.slug, input), 'FORBIDDEN');
    await expectAppError(previewImport(other.owner.actor, p.slug, input), 'NOT_FOUND');
  });
});
