import { describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/data/annotations';
import { correctDocumentText, getDocument, importDocuments } from '@/lib/data/documents';
import { exportProject, importProjectFile } from '@/lib/data/exports';
import { getDb } from '@/lib/db';
import { parseCsv } from '../support/csv-reader';
import { makeCodebook, makeProject, spanOf, uniq } from './helpers';

// A passage a text correction left unplaced keeps its last quote and its unplaced state through
// every format: the data files bring it back unplaced, the CSV and reports say it is unplaced.

describe('unplaced (orphaned) passages through exports and imports', () => {
  it('come back unplaced, with their last quote, from .qdpx and W3C; CSV marks them', async () => {
    const p = await makeProject({ ana: 'ANNOTATOR' });
    const { security } = await makeCodebook(p.slug);
    const marker = uniq();
    const blocks = [
      { type: 'heading' as const, level: 2 as const, text: `Why the talks failed ${marker}` },
      { type: 'paragraph' as const, text: 'Kabul refused to act against the TTP. Islamabad demanded written guarantees.' },
      { type: 'paragraph' as const, text: 'Trade across Torkham was halted for weeks, and refugees were expelled in large numbers.' },
    ];
    const [created] = await importDocuments(p.owner.actor, p.slug, { documents: [{ title: 'T', blocks }] });
    const doc = await getDocument(p.owner.actor, created!.id);
    const ana = p.members.ana!.actor;
    await createAnnotation(ana, doc.id, { ...spanOf(doc.text, 'Kabul refused to act against the TTP.'), categoryId: security.id });
    const lost = (await createAnnotation(ana, doc.id, { ...spanOf(doc.text, 'Trade across Torkham was halted for weeks'), categoryId: security.id, note: 'kept whole' })).annotation;
    await correctDocumentText(p.owner.actor, doc.id, {
      blocks: [blocks[0]!, blocks[1]!, { type: 'paragraph' as const, text: 'Refugees were expelled in large numbers.' }],
    });
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: lost.id }, select: { orphaned: true, quote: true } });
    expect(stored).toEqual({ orphaned: true, quote: 'Trade across Torkham was halted for weeks' });

    for (const format of ['qdpx', 'w3c'] as const) {
      const file = await exportProject(p.owner.actor, p.slug, { format }, 'http://parallax.test');
      const slug = `${p.slug}-${format}`;
      await importProjectFile(p.owner.actor, { format, bytes: file.bytes, slug });
      const rows = await getDb().annotation.findMany({ where: { project: { slug } }, select: { orphaned: true, quote: true, note: true }, orderBy: { quote: 'asc' } });
      expect(rows, format).toEqual([
        { orphaned: false, quote: 'Kabul refused to act against the TTP.', note: '' },
        { orphaned: true, quote: 'Trade across Torkham was halted for weeks', note: 'kept whole' },
      ]);
    }

    const csv = new TextDecoder().decode((await exportProject(p.owner.actor, p.slug, { format: 'csv' }, 'http://parallax.test')).bytes);
    const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ''));
    const unplaced = header!.indexOf('Unplaced');
    const quote = header!.indexOf('Quote');
    expect(rows.map((r) => [r[quote], r[unplaced]]).sort()).toEqual([
      ['Kabul refused to act against the TTP.', ''],
      ['Trade across Torkham was halted for weeks', 'yes'],
    ]);
  });
});
