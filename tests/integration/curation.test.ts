import { describe, expect, it } from 'vitest';
import { createAnnotation, listAnnotations, updateAnnotation } from '@/lib/data/annotations';
import { applyMergeRule, decideCuration, getCurationView, listCurationOverview, removeConsensusPassage, setCurationStatus } from '@/lib/data/curation';
import { listActivity } from '@/lib/data/activity';
import { getDb } from '@/lib/db';
import { expectAppError, makeCodebook, makeDocument, makeProject, makeUser, spanOf } from './helpers';

/**
 * ana, ben and cyd annotate one document: all three mark the first sentence identically
 * ("Security", blame target pakistan); ana and ben mark the second sentence, cyd only part of it
 * ("TTP sanctuary"); only cyd marks the heading.
 */
async function setUp() {
  const p = await makeProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR', cyd: 'ANNOTATOR', cur: 'CURATOR' });
  const { security, sanctuary } = await makeCodebook(p.slug);
  const doc = await makeDocument(p, 'Curation doc');
  const [ana, ben, cyd] = [p.members.ana!, p.members.ben!, p.members.cyd!];
  const first = spanOf(doc.text, 'The talks failed because of');
  const second = spanOf(doc.text, 'Both sides blamed each other.');
  const part = spanOf(doc.text, 'Both sides blamed');
  const heading = spanOf(doc.text, 'Section');
  for (const who of [ana, ben, cyd]) await createAnnotation(who.actor, doc.id, { ...first, categoryId: security.id, attributes: { 'blame-target': 'pakistan' } });
  await createAnnotation(ana.actor, doc.id, { ...second, categoryId: sanctuary.id, note: 'mutual blame' });
  await createAnnotation(ben.actor, doc.id, { ...second, categoryId: sanctuary.id });
  await createAnnotation(cyd.actor, doc.id, { ...part, categoryId: sanctuary.id });
  await createAnnotation(cyd.actor, doc.id, { ...heading, categoryId: security.id });
  return { p, doc, ana, ben, cyd, security, sanctuary, first, second, part, heading };
}

describe('curation', () => {
  it('shows review items and what each rule would do; applies a rule with provenance', async () => {
    const { p, doc, ana, ben, cyd, security, first } = await setUp();
    const view = await getCurationView(p.members.cur!.actor, doc.id);
    expect(view.open).toHaveLength(3);
    expect(view.status).toBe('NOT_STARTED');
    expect(view.plans.all).toMatchObject({ accepted: 1, leftForReview: 2 });
    expect(view.plans.majority).toMatchObject({ accepted: 2, leftForReview: 1 });
    expect(view.plans.any).toMatchObject({ accepted: 3, leftForReview: 0 });
    expect(view.plans.majority.summary[0]).toBe('Majority: 2 passages accepted, 1 passage left for review.');

    const result = await applyMergeRule(p.members.cur!.actor, doc.id, { rule: 'all' });
    expect(result).toMatchObject({ rule: 'all', accepted: 1, leftForReview: 2 });
    const consensus = await listAnnotations(p.owner.actor, doc.id, { layer: 'consensus' });
    expect(consensus).toHaveLength(1);
    expect(consensus[0]).toMatchObject({ start: first.start, end: first.end, categoryId: security.id, layer: 'CONSENSUS', attributes: { 'blame-target': 'pakistan' } });
    const [decision] = await getDb().curationDecision.findMany({ where: { documentId: doc.id } });
    expect(decision).toMatchObject({ kind: 'MERGED', rule: 'all', consensusId: consensus[0]!.id, curatorId: p.members.cur!.id });
    expect([...decision!.sourceAnnotatorIds].sort()).toEqual([ana.id, ben.id, cyd.id].sort());
    expect(decision!.sourceIds).toHaveLength(3);

    const after = await getCurationView(p.members.cur!.actor, doc.id);
    expect(after.open).toHaveLength(2);
    expect(after.settledCount).toBe(1);
    expect(after.status).toBe('IN_PROGRESS');
    // Applying the same rule again finds nothing new.
    expect((await applyMergeRule(p.members.cur!.actor, doc.id, { rule: 'all' })).accepted).toBe(0);
    const log = await listActivity(p.owner.actor, p.slug, { type: 'curation' });
    expect(log.events.map((e) => e.action)).toEqual(['curation.merge']);
  });

  it('accepts, edits and rejects one by one; refuses stale or repeated decisions; removes from the consensus', async () => {
    const { p, doc, ana, ben, sanctuary, second, part, heading } = await setUp();
    const curator = p.members.cur!.actor;
    let view = await getCurationView(curator, doc.id);
    const sanctuaryItem = view.open.find((c) => c.categoryId === sanctuary.id)!;
    expect(sanctuaryItem.variants.map((v) => v.annotatorIds.length)).toEqual([2, 1]);
    const sources = sanctuaryItem.spans.map((s) => ({ id: s.id, version: s.version }));

    // An annotator edits one of the spans after the curator loaded it: the decision is refused.
    const anaSpan = sanctuaryItem.spans.find((s) => s.annotatorId === ana.id)!;
    await updateAnnotation(ana.actor, anaSpan.id, { version: anaSpan.version, note: 'changed my mind' });
    await expectAppError(
      decideCuration(curator, doc.id, { kind: 'accept', sources, passage: { categoryId: sanctuary.id, start: second.start, end: second.end } }),
      'CONFLICT',
      /changed or deleted/,
    );
    view = await getCurationView(curator, doc.id);
    const fresh = view.open.find((c) => c.categoryId === sanctuary.id)!;
    const freshSources = fresh.spans.map((s) => ({ id: s.id, version: s.version }));

    // Bad input: named, nothing stored.
    const before = await getDb().curationDecision.count({ where: { documentId: doc.id } });
    await expectAppError(decideCuration(curator, doc.id, { kind: 'accept', sources: [] }), 'INVALID', /sources must name at least one/);
    await expectAppError(
      decideCuration(curator, doc.id, { kind: 'accept', sources: freshSources, passage: { categoryId: sanctuary.id, start: 5, end: 99_999 } }),
      'INVALID',
    );
    expect(await getDb().curationDecision.count({ where: { documentId: doc.id } })).toBe(before);

    // An edited version is recorded as EDITED.
    const edited = await decideCuration(curator, doc.id, {
      kind: 'edit',
      sources: freshSources,
      passage: { categoryId: sanctuary.id, start: part.start, end: part.end, attributes: { 'blame-target': 'afghan-taliban' } },
    });
    // cyd's boundaries, but with a blame target nobody gave: not any annotator's version.
    expect(edited.decision.kind).toBe('EDITED');
    expect(edited.consensus).toMatchObject({ start: part.start, end: part.end });
    await expectAppError(decideCuration(curator, doc.id, { kind: 'reject', sources: freshSources }), 'CONFLICT', /already decided/);

    const headingItem = view.open.find((c) => c.start === heading.start)!;
    const rejected = await decideCuration(curator, doc.id, { kind: 'reject', sources: headingItem.spans.map((s) => ({ id: s.id, version: s.version })) });
    expect(rejected.decision).toMatchObject({ kind: 'REJECTED', consensusId: null });
    expect(rejected.consensus).toBeNull();

    // Removing the accepted passage reopens its item.
    const removed = await removeConsensusPassage(curator, doc.id, edited.consensus!.id);
    expect(removed.kind).toBe('REMOVED');
    view = await getCurationView(curator, doc.id);
    expect(view.open.some((c) => c.categoryId === sanctuary.id)).toBe(true);
    expect(view.consensus).toHaveLength(0);
    await expectAppError(removeConsensusPassage(curator, doc.id, edited.consensus!.id), 'NOT_FOUND');

    // Accepting a version as it is records ACCEPTED with the annotators whose version it was.
    const again = view.open.find((c) => c.categoryId === sanctuary.id)!;
    const top = again.variants[0]!;
    const accepted = await decideCuration(curator, doc.id, {
      kind: 'accept',
      sources: again.spans.map((s) => ({ id: s.id, version: s.version })),
      passage: { categoryId: top.categoryId, start: top.start, end: top.end, attributes: top.attributes },
    });
    expect(accepted.decision.kind).toBe('ACCEPTED');
    expect([...accepted.decision.sourceAnnotatorIds].sort()).toEqual([ana.id, ben.id].sort());
    expect(accepted.consensus!.note).toBe('ana: changed my mind');

    expect((await setCurationStatus(curator, doc.id, 'DONE')).status).toBe('DONE');
    await expectAppError(setCurationStatus(curator, doc.id, 'FINISHED'), 'INVALID', /status must be one of NOT_STARTED, IN_PROGRESS, DONE/);
    const overview = await listCurationOverview(curator, p.slug);
    expect(overview[0]).toMatchObject({ status: 'DONE', consensusCount: 1, openCount: 1 });
  });

  it('is for curators and owners only; other projects answer 404; the consensus follows blind coding', async () => {
    const { p, doc, ana, first, security } = await setUp();
    const outsider = await makeUser('outsider');
    await expectAppError(getCurationView(ana.actor, doc.id), 'FORBIDDEN', /curators and owners/);
    await expectAppError(applyMergeRule(ana.actor, doc.id, { rule: 'any' }), 'FORBIDDEN');
    await expectAppError(decideCuration(ana.actor, doc.id, { kind: 'reject', sources: [{ id: doc.id, version: 1 }] }), 'FORBIDDEN');
    await expectAppError(setCurationStatus(ana.actor, doc.id, 'DONE'), 'FORBIDDEN');
    await expectAppError(listCurationOverview(ana.actor, p.slug), 'FORBIDDEN');
    await expectAppError(getCurationView(outsider.actor, doc.id), 'NOT_FOUND');
    await expectAppError(applyMergeRule(outsider.actor, doc.id, { rule: 'all' }), 'NOT_FOUND');
    await expectAppError(applyMergeRule(p.owner.actor, doc.id, { rule: 'unanimous' as 'all' }), 'INVALID', /rule must be one of all, majority, any/);

    // Sources from another document are refused by name.
    const other = await setUp();
    const foreign = (await getCurationView(other.p.owner.actor, other.doc.id)).open[0]!.spans[0]!;
    await expectAppError(decideCuration(p.owner.actor, doc.id, { kind: 'reject', sources: [{ id: foreign.id, version: foreign.version }] }), 'NOT_FOUND', /not an annotator's annotation in this document/);

    await applyMergeRule(p.owner.actor, doc.id, { rule: 'all' });
    // In blind coding an annotator who has not finished the document does not see the consensus.
    expect(await listAnnotations(ana.actor, doc.id, { layer: 'consensus' })).toEqual([]);
    expect((await listAnnotations(p.owner.actor, doc.id, { layer: 'consensus' }))[0]).toMatchObject({ start: first.start, categoryId: security.id });
  });
});
