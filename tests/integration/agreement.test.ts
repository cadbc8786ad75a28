import { describe, expect, it } from 'vitest';
import { unitizedAlpha } from '@/lib/agreement';
import { createAnnotation } from '@/lib/data/annotations';
import { getAgreement, getDisagreements } from '@/lib/data/agreement';
import { setDocumentStatus } from '@/lib/data/document-status';
import { updateProjectSettings } from '@/lib/data/projects';
import { runCommand } from '@/scripts/cli/commands';
import { expectAppError, makeCodebook, makeDocument, makeProject, makeUser, spanOf } from './helpers';

/**
 * A project where ana and ben annotated one document: identical "Security" spans on the first
 * sentence, and different "TTP sanctuary" spans on the second.
 */
async function setUp() {
  const p = await makeProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR', cur: 'CURATOR', vic: 'VIEWER' });
  const { security, sanctuary } = await makeCodebook(p.slug);
  const doc = await makeDocument(p, 'Agreement doc');
  const ana = p.members.ana!;
  const ben = p.members.ben!;
  const first = spanOf(doc.text, 'The talks failed because of');
  const both = spanOf(doc.text, 'Both sides blamed each other.');
  const part = spanOf(doc.text, 'Both sides blamed');
  await createAnnotation(ana.actor, doc.id, { ...first, categoryId: security.id });
  await createAnnotation(ben.actor, doc.id, { ...first, categoryId: security.id });
  await createAnnotation(ana.actor, doc.id, { ...both, categoryId: sanctuary.id });
  await createAnnotation(ben.actor, doc.id, { ...part, categoryId: sanctuary.id });
  return { p, doc, ana, ben, security, sanctuary, first, both, part };
}

describe('agreement figures', () => {
  it('computes αu per category and overall, sentence-unit figures and pairs, matching the statistics module', async () => {
    const { p, doc, ana, ben, security, sanctuary, first, both, part } = await setUp();
    const view = await getAgreement(p.owner.actor, p.slug);
    expect(view.selection.annotators.sort()).toEqual([ana.id, ben.id].sort());
    expect(view.selection.documents).toEqual([doc.id]);
    const report = view.report!;
    expect(report).not.toBeNull();
    // Identical spans: perfect agreement for that category.
    expect(report.unitized.byCategory[security.id]).toBeCloseTo(1, 10);
    // The same figures as the pure function on the same spans.
    const direct = unitizedAlpha(
      [
        { coder: ana.id, category: security.id, ...first },
        { coder: ben.id, category: security.id, ...first },
        { coder: ana.id, category: sanctuary.id, ...both },
        { coder: ben.id, category: sanctuary.id, ...part },
      ],
      { start: 0, end: doc.text.length },
      [ana.id, ben.id],
    );
    expect(report.unitized.overall).toBeCloseTo(direct.overall, 10);
    expect(report.unitized.byCategory[sanctuary.id]).toBeCloseTo(direct.byCategory[sanctuary.id]!, 10);
    expect(report.unitized.byCategory[sanctuary.id]).toBeLessThan(1);
    expect(report.unitized.pairs).toHaveLength(1);
    // Sentence units: both marked the same sentences for both categories (the partial span covers
    // more than half of its sentence), so every sentence-level figure agrees fully.
    expect(report.sentences.unitCount).toBeGreaterThanOrEqual(3);
    expect(report.sentences.byCategory[sanctuary.id]!.percentAgreement).toBe(1);
    expect(report.spanCounts[ana.id]![security.id]).toBe(1);

    // Filters narrow the figures; the CLI prints the same numbers.
    const one = await getAgreement(p.owner.actor, p.slug, { categories: [sanctuary.id] });
    expect(one.report!.categories.map((c) => c.id)).toEqual([sanctuary.id]);
    const out: string[] = [];
    const code = await runCommand(['agreement', '--project', p.slug, '--json'], { out: (l) => out.push(l), err: () => undefined });
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n')) as { report: { unitized: { overall: number } } };
    expect(json.report.unitized.overall).toBeCloseTo(report.unitized.overall, 10);
    const text: string[] = [];
    expect(await runCommand(['agreement', '--project', p.slug], { out: (l) => text.push(l), err: () => undefined })).toBe(0);
    expect(text.join('\n')).toContain(`Unitizing alpha (αu), overall: ${report.unitized.overall.toFixed(3)}`);
  });

  it('refuses bad filters with a message that names them', async () => {
    const { p } = await setUp();
    await expectAppError(getAgreement(p.owner.actor, p.slug, { annotators: 'not-an-id' }), 'INVALID', /annotators must be ids/);
    await expectAppError(getAgreement(p.owner.actor, p.slug, { documents: ['00000000-0000-4000-8000-000000000000'] }), 'INVALID', /documents: .* is not available/);
    const one = await getAgreement(p.owner.actor, p.slug, { annotators: [p.members.ana!.id] });
    expect(one.report).toBeNull();
    expect(one.notes[0]).toMatch(/at least two annotators/);
  });

  it('keeps agreement from annotators unless the owner opens it, and then only for documents they finished', async () => {
    const { p, doc, ana } = await setUp();
    const outsider = await makeUser('outsider');
    await expectAppError(getAgreement(outsider.actor, p.slug), 'NOT_FOUND');
    await expectAppError(getAgreement(ana.actor, p.slug), 'FORBIDDEN', /owner can open them/);
    await expectAppError(getAgreement(p.members.vic!.actor, p.slug), 'FORBIDDEN');
    await expectAppError(getDisagreements(ana.actor, p.slug, {}), 'FORBIDDEN');
    // Curators always see it.
    expect((await getAgreement(p.members.cur!.actor, p.slug)).report).not.toBeNull();

    await updateProjectSettings(p.owner.actor, p.slug, { annotatorsSeeAgreement: true });
    const blind = await getAgreement(ana.actor, p.slug);
    expect(blind.limitedToOpenDocuments).toBe(true);
    expect(blind.documents).toEqual([]);
    expect(blind.report).toBeNull();
    await expectAppError(getDisagreements(ana.actor, p.slug, { document: doc.id }), 'NOT_FOUND');

    await setDocumentStatus(ana.actor, doc.id, 'FINISHED');
    const open = await getAgreement(ana.actor, p.slug);
    expect(open.documents.map((d) => d.id)).toEqual([doc.id]);
    expect(open.report!.unitized.overall).toBeCloseTo((await getAgreement(p.owner.actor, p.slug)).report!.unitized.overall, 10);
  });
});

describe('disagreement explorer', () => {
  it('ranks the passages where annotators differ by size, and answers 404 for another project', async () => {
    const { p, doc, ana, ben, sanctuary, both, part } = await setUp();
    const view = await getDisagreements(p.owner.actor, p.slug, { document: doc.id, category: sanctuary.id });
    expect(view.chosen.sort()).toEqual([ana.id, ben.id].sort());
    expect(view.summary.regions).toHaveLength(1);
    const region = view.summary.regions[0]!;
    expect(region).toMatchObject({ start: part.end, end: both.end, size: both.end - part.end, marked: [ana.id], unmarked: [ben.id] });
    expect(view.summary.agreedChars).toBe(part.end - part.start);
    // Only ana's span reaches into the differing part; ben's ends where it begins.
    expect(region.spanIds).toHaveLength(1);

    const other = await setUp();
    await expectAppError(getDisagreements(p.owner.actor, p.slug, { document: other.doc.id }), 'NOT_FOUND');
    await expectAppError(getDisagreements(p.owner.actor, p.slug, { category: 'nope' }), 'INVALID', /category is not a valid id/);
  });
});
