import { describe, expect, it } from 'vitest';
import { createAnnotation, listAnnotations } from '@/lib/data/annotations';
import { correctDocumentText, getDocument, importDocuments } from '@/lib/data/documents';
import { expectAppError, makeCodebook, makeProject, spanOf, uniq } from './helpers';

const paragraphs = (marker: string) => [
  { type: 'heading' as const, level: 2 as const, text: `Why the talks failed ${marker}` },
  { type: 'paragraph' as const, text: 'Kabul refused to act against the TTP. Islamabad demanded written guarantees.' },
  { type: 'paragraph' as const, text: 'Trade across Torkham was halted for weeks, and refugees were expelled in large numbers.' },
];

describe('text corrections re-anchor annotations', () => {
  it('keeps, moves, fuzzily re-finds, or orphans each annotation — never drops one — in one transaction', async () => {
    const p = await makeProject({ ana: 'ANNOTATOR' });
    const { security } = await makeCodebook(p.slug);
    const marker = uniq();
    const [created] = await importDocuments(p.owner.actor, p.slug, { documents: [{ title: 'T', blocks: paragraphs(marker) }] });
    const doc = await getDocument(p.owner.actor, created!.id);
    const ana = p.members.ana!.actor;
    const tag = async (quote: string) => (await createAnnotation(ana, doc.id, { ...spanOf(doc.text, quote), categoryId: security.id })).annotation;
    const kept = await tag('Kabul refused to act against the TTP.');
    const typo = await tag('Islamabad demanded written guarantees.');
    const gone = await tag('Trade across Torkham was halted for weeks');

    const corrected = [
      paragraphs(marker)[0]!,
      { type: 'paragraph' as const, text: 'An added first sentence. Kabul refused to act against the TTP. Islamabad demanded writen guarantees.' },
      { type: 'paragraph' as const, text: 'Refugees were expelled in large numbers.' },
    ];
    const report = await correctDocumentText(p.owner.actor, doc.id, { blocks: corrected });
    expect(report).toMatchObject({ unchanged: false, orphaned: 1 });
    expect(report.exact + report.moved).toBe(1);
    expect(report.fuzzy).toBe(1);

    const after = await getDocument(p.owner.actor, doc.id);
    const byId = new Map((await listAnnotations(p.owner.actor, doc.id, { layer: 'all' })).map((a) => [a.id, a]));
    expect(byId.size).toBe(3);
    const k = byId.get(kept.id)!;
    expect(after.text.slice(k.start, k.end)).toBe('Kabul refused to act against the TTP.');
    expect(k.version).toBe(kept.version + 1);
    const t = byId.get(typo.id)!;
    expect(t.orphaned).toBe(false);
    expect(after.text.slice(t.start, t.end)).toBe(t.quote);
    expect(t.quote).toContain('writen guarantees');
    expect(byId.get(gone.id)!.orphaned).toBe(true);

    // The same text again changes nothing.
    expect(await correctDocumentText(p.owner.actor, doc.id, { blocks: corrected })).toMatchObject({ unchanged: true });
  });

  it('is refused to annotators, hidden from outsiders, and validates the blocks', async () => {
    const p = await makeProject({ ana: 'ANNOTATOR' });
    const other = await makeProject();
    const [created] = await importDocuments(p.owner.actor, p.slug, { documents: [{ title: 'T', blocks: paragraphs(uniq()) }] });
    const blocks = [{ type: 'paragraph', text: 'New text.' }];
    await expectAppError(correctDocumentText(p.members.ana!.actor, created!.id, { blocks }), 'FORBIDDEN');
    await expectAppError(correctDocumentText(other.owner.actor, created!.id, { blocks }), 'NOT_FOUND');
    await expectAppError(correctDocumentText(p.owner.actor, created!.id, { blocks: [] }), 'INVALID', /at least one paragraph/);
    expect((await getDocument(p.owner.actor, created!.id)).text).toContain('Kabul refused');
  });
});
