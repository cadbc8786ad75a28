import { describe, expect, it } from 'vitest';
import * as compareRoute from '@/app/api/projects/[slug]/compare/route';
import * as memosRoute from '@/app/api/projects/[slug]/memos/route';
import { createAnnotation } from '@/lib/data/annotations';
import { getComparison, getComparisonPassages, getParallelText, listMemos, saveMemo } from '@/lib/data/compare';
import { applyMergeRule } from '@/lib/data/curation';
import { setDocumentStatus } from '@/lib/data/document-status';
import { listActivity } from '@/lib/data/activity';
import { updateDocumentMetadata } from '@/lib/data/documents';
import { createApiToken } from '@/lib/data/tokens';
import { runCommand } from '@/scripts/cli/commands';
import { expectAppError, makeCodebook, makeDocument, makeProject, makeUser, spanOf } from './helpers';

/**
 * Two articles, by two authors. In the first, ana and ben both tag the first sentence "Security"
 * (blame: pakistan); ana also tags its first words "TTP sanctuary". In the second, only ben tags.
 */
async function setUp() {
  const p = await makeProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR', vic: 'VIEWER' });
  const { security, sanctuary } = await makeCodebook(p.slug);
  const one = await makeDocument(p, 'First article');
  const two = await makeDocument(p, 'Second article');
  await updateDocumentMetadata(p.owner.actor, one.id, { author: 'Faiza Abid' });
  await updateDocumentMetadata(p.owner.actor, two.id, { author: 'Sadia Sulaiman' });
  const [ana, ben] = [p.members.ana!, p.members.ben!];
  const s1 = spanOf(one.text, 'The talks failed because of');
  const s1short = spanOf(one.text, 'The talks failed');
  await createAnnotation(ana.actor, one.id, { ...s1, categoryId: security.id, attributes: { 'blame-target': 'pakistan' } });
  await createAnnotation(ben.actor, one.id, { ...s1short, categoryId: security.id, attributes: { 'blame-target': 'pakistan' }, note: 'ben’s note' });
  await createAnnotation(ana.actor, one.id, { ...spanOf(one.text, 'The talks'), categoryId: sanctuary.id });
  await createAnnotation(ben.actor, two.id, { ...spanOf(two.text, 'Both sides blamed each other.'), categoryId: sanctuary.id, attributes: { 'blame-target': 'afghan-taliban' } });
  return { p, one, two, ana, ben, security, sanctuary, s1 };
}

describe('comparison', () => {
  it('computes the framing matrix, profiles and distances from the pooled layers, union-counted', async () => {
    const { p, one, two, security, sanctuary, s1 } = await setUp();
    const view = await getComparison(p.owner.actor, p.slug);
    expect(view.selection.layer).toBe('pooled'); // no consensus yet
    // ana's and ben's overlapping "Security" spans count once: the longer one's length.
    expect(view.comparison.matrix[one.id]![security.id]).toMatchObject({ chars: s1.end - s1.start, passages: 1, spans: 2 });
    expect(view.comparison.matrix[one.id]![security.id]!.share).toBeCloseTo((s1.end - s1.start) / one.text.length, 12);
    expect(view.comparison.matrix[two.id]![security.id]!.chars).toBe(0);
    expect(view.comparison.authors.map((a) => a.label)).toEqual(['Faiza Abid', 'Sadia Sulaiman']);
    const profile = view.comparison.profiles['author:faiza abid']!;
    expect(profile[security.id]! + profile[sanctuary.id]!).toBeCloseTo(1, 12);
    expect(view.comparison.profiles['author:sadia sulaiman']![sanctuary.id]).toBe(1);
    expect(view.comparison.distances[0]!.distance).toBeGreaterThan(0.5);
    expect(view.comparison.attribute!.byAuthor['author:faiza abid']!.pakistan!.passages).toBe(2);

    // One annotator's layer, and an attribute filter.
    const ben = await getComparison(p.owner.actor, p.slug, { layer: p.members.ben!.id });
    expect(ben.comparison.matrix[one.id]![sanctuary.id]!.chars).toBe(0);
    const blamed = await getComparison(p.owner.actor, p.slug, { attr: 'blame-target:afghan-taliban' });
    expect(blamed.comparison.matrix[one.id]![security.id]!.chars).toBe(0);
    expect(blamed.comparison.matrix[two.id]![sanctuary.id]!.passages).toBe(1);

    // The consensus becomes the default source once there is one.
    await applyMergeRule(p.owner.actor, one.id, { rule: 'any' });
    const consensus = await getComparison(p.owner.actor, p.slug);
    expect(consensus.selection.layer).toBe('consensus');
    expect(consensus.comparison.matrix[one.id]![security.id]!.chars).toBe(s1.end - s1.start);
  });

  it('lists a factor’s passages per article with the annotations behind them; parallel text needs two articles', async () => {
    const { p, one, two, security, s1 } = await setUp();
    const { columns } = await getComparisonPassages(p.owner.actor, p.slug, { category: security.id });
    expect(columns.map((c) => c.document.id)).toEqual([one.id, two.id]);
    const [passage] = columns[0]!.passages;
    expect(passage).toMatchObject({ start: s1.start, end: s1.end, text: s1.quote });
    expect(passage!.spans.map((s) => s.annotatorName).sort()).toEqual(['ana', 'ben']);
    expect(passage!.spans.find((s) => s.annotatorName === 'ben')!.note).toBe('ben’s note');
    expect(passage!.before + passage!.text + passage!.after).toContain(s1.quote);
    expect(columns[1]!.passages).toEqual([]);

    const parallel = await getParallelText(p.owner.actor, p.slug, { documents: [two.id, one.id] });
    expect(parallel.documents.map((d) => d.document.id)).toEqual([two.id, one.id]);
    expect(parallel.documents[1]!.spans).toHaveLength(3);
    await expectAppError(getParallelText(p.owner.actor, p.slug, { documents: [one.id] }), 'INVALID', /exactly two/);
  });

  it('refuses bad filters by name, answers 404 outside the project, and follows blind coding', async () => {
    const { p, one, ana, security } = await setUp();
    const outsider = await makeUser('outsider');
    await expectAppError(getComparison(outsider.actor, p.slug), 'NOT_FOUND');
    await expectAppError(getComparison(p.owner.actor, p.slug, { layer: 'everyone' }), 'INVALID', /layer must be/);
    await expectAppError(getComparison(p.owner.actor, p.slug, { attr: 'blame-target:india' }), 'INVALID', /not one of/);
    await expectAppError(getComparison(p.owner.actor, p.slug, { attr: 'mood:sad' }), 'INVALID', /no attribute "mood"/);
    await expectAppError(getComparisonPassages(p.owner.actor, p.slug, { category: 'x' }), 'INVALID');
    const other = await setUp();
    await expectAppError(getComparison(p.owner.actor, p.slug, { documents: [other.one.id] }), 'INVALID', /not in this project/);

    // In blind coding ana compares only her own layer until she finishes the article.
    const blind = await getComparison(ana.actor, p.slug);
    expect(blind.annotators.map((a) => a.name)).toEqual(['ana']);
    expect(blind.comparison.matrix[one.id]![security.id]!.spans).toBe(1);
    await expectAppError(getComparison(ana.actor, p.slug, { layer: p.members.ben!.id }), 'INVALID');
    await setDocumentStatus(ana.actor, one.id, 'FINISHED');
    expect((await getComparison(ana.actor, p.slug)).comparison.matrix[one.id]![security.id]!.spans).toBe(2);
    // A viewer sees nothing of the layers in blind coding.
    expect((await getComparison(p.members.vic!.actor, p.slug)).annotators).toEqual([]);
  });

  it('stores memos with their author and time; a stale save is refused with the current memo', async () => {
    const { p, one, ana } = await setUp();
    const first = await saveMemo(ana.actor, p.slug, { documentId: one.id, body: 'Blames Kabul throughout.', version: 0 });
    expect(first).toMatchObject({ version: 1, body: 'Blames Kabul throughout.', updatedBy: { id: ana.id, name: 'ana' } });
    const conflict = await expectAppError(saveMemo(p.owner.actor, p.slug, { documentId: one.id, body: 'Other text', version: 0 }), 'CONFLICT', /saved this memo since/);
    expect((conflict as unknown as { current: { body: string } }).current.body).toBe('Blames Kabul throughout.');
    const second = await saveMemo(p.owner.actor, p.slug, { documentId: one.id, body: 'Blames Kabul; see para 3.', version: 1 });
    expect(second.version).toBe(2);
    const project = await saveMemo(p.owner.actor, p.slug, { documentId: null, body: 'Two framings: security vs diplomacy.', version: 0 });
    const memos = await listMemos(ana.actor, p.slug);
    expect(memos.project?.id).toBe(project.id);
    expect(memos.byDocument[one.id]!.body).toBe('Blames Kabul; see para 3.');
    await expectAppError(saveMemo(p.members.vic!.actor, p.slug, { documentId: null, body: 'x', version: 1 }), 'FORBIDDEN', /Viewers read memos/);
    const other = await setUp();
    await expectAppError(saveMemo(p.owner.actor, p.slug, { documentId: other.one.id, body: 'x', version: 0 }), 'NOT_FOUND');
    await expectAppError(saveMemo(p.owner.actor, p.slug, { documentId: null, body: 'x'.repeat(500_001), version: 1 }), 'INVALID', /too long/);
    const log = await listActivity(p.owner.actor, p.slug, { type: 'memos' });
    expect(log.events).toHaveLength(3);
  });

  it('is available from the CLI and the REST API with the same numbers', async () => {
    const { p, one, security } = await setUp();
    const out: string[] = [];
    expect(await runCommand(['compare', '--project', p.slug, '--json'], { out: (l) => out.push(l), err: () => undefined })).toBe(0);
    const json = JSON.parse(out.join('\n')) as { matrix: Record<string, Record<string, { share: number }>>; distances: { distance: number }[] };
    const view = await getComparison(p.owner.actor, p.slug);
    expect(json.matrix[one.id]![security.id]!.share).toBeCloseTo(view.comparison.matrix[one.id]![security.id]!.share, 12);
    const text: string[] = [];
    expect(await runCommand(['compare', '--project', p.slug], { out: (l) => text.push(l), err: () => undefined })).toBe(0);
    expect(text.join('\n')).toContain('Jensen–Shannon distance');
    expect(await runCommand(['compare', '--project', p.slug, '--layer', 'nobody@nowhere.example'], { out: () => undefined, err: () => undefined })).toBe(2);

    const owner = await createApiToken(p.owner.actor, { name: 't' });
    const outsider = await createApiToken((await makeUser('outsider')).actor, { name: 't' });
    const req = (method: string, path: string, token: string, body?: unknown) =>
      new Request(`http://localhost${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const seg = { params: Promise.resolve({ slug: p.slug }) };
    let res = await compareRoute.GET(req('GET', `/api/projects/${p.slug}/compare?layer=pooled`, owner.token), seg);
    expect(res.status).toBe(200);
    res = await compareRoute.GET(req('GET', `/api/projects/${p.slug}/compare`, outsider.token), seg);
    expect(res.status).toBe(404);
    res = await memosRoute.PUT(req('PUT', `/api/projects/${p.slug}/memos`, owner.token, { documentId: null, body: 'Hi', version: 0 }), seg);
    expect(res.status).toBe(200);
    res = await memosRoute.PUT(req('PUT', `/api/projects/${p.slug}/memos`, owner.token, { documentId: null, body: 'Again', version: 0 }), seg);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { current: { body: string } } }).error.current.body).toBe('Hi');
  });
});
