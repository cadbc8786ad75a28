import { describe, expect, it } from 'vitest';
import * as agreementRoute from '@/app/api/projects/[slug]/agreement/route';
import * as curationRoute from '@/app/api/documents/[id]/curation/route';
import * as mergeRoute from '@/app/api/documents/[id]/curation/merge/route';
import * as decisionsRoute from '@/app/api/documents/[id]/curation/decisions/route';
import * as statusRoute from '@/app/api/documents/[id]/curation/status/route';
import * as consensusRoute from '@/app/api/documents/[id]/curation/consensus/[annotationId]/route';
import { createAnnotation } from '@/lib/data/annotations';
import type { CurationView } from '@/lib/data/curation';
import { createApiToken } from '@/lib/data/tokens';
import { makeCodebook, makeDocument, makeProject, makeUser, spanOf } from './helpers';

function request(method: string, path: string, token: string, body?: unknown): Request {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  if (body !== undefined) headers.set('content-type', 'application/json');
  return new Request(`http://localhost${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
const segment = <P>(params: P) => ({ params: Promise.resolve(params) });

async function setup() {
  const p = await makeProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR', cur: 'CURATOR' });
  const { security } = await makeCodebook(p.slug);
  const doc = await makeDocument(p, 'REST doc');
  const first = spanOf(doc.text, 'The talks failed because of');
  await createAnnotation(p.members.ana!.actor, doc.id, { ...first, categoryId: security.id });
  await createAnnotation(p.members.ben!.actor, doc.id, { ...first, categoryId: security.id });
  await createAnnotation(p.members.ben!.actor, doc.id, { ...spanOf(doc.text, 'Both sides'), categoryId: security.id });
  const outsider = await makeUser('outsider');
  const [cur, ana, out] = await Promise.all([
    createApiToken(p.members.cur!.actor, { name: 't' }),
    createApiToken(p.members.ana!.actor, { name: 't' }),
    createApiToken(outsider.actor, { name: 't' }),
  ]);
  return { p, doc, security, cur: cur.token, ana: ana.token, outsider: out.token };
}

describe('REST API: agreement and curation', () => {
  it('serves the figures (NaN as null), and refuses annotators (403) and outsiders (404)', async () => {
    const s = await setup();
    let res = await agreementRoute.GET(request('GET', `/api/projects/${s.p.slug}/agreement`, s.cur), segment({ slug: s.p.slug }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { report: { unitized: { overall: number | null; byCategory: Record<string, number | null> } } };
    expect(typeof body.report.unitized.overall).toBe('number');
    expect(Object.values(body.report.unitized.byCategory)).toHaveLength(1);
    res = await agreementRoute.GET(request('GET', `/api/projects/${s.p.slug}/agreement?annotators=zzz`, s.cur), segment({ slug: s.p.slug }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/annotators must be ids/);
    res = await agreementRoute.GET(request('GET', `/api/projects/${s.p.slug}/agreement`, s.ana), segment({ slug: s.p.slug }));
    expect(res.status).toBe(403);
    res = await agreementRoute.GET(request('GET', `/api/projects/${s.p.slug}/agreement`, s.outsider), segment({ slug: s.p.slug }));
    expect(res.status).toBe(404);
  });

  it('curates over REST: view, merge, decide, remove, status; with 4xx for bad input and other roles', async () => {
    const s = await setup();
    const id = s.doc.id;
    let res = await curationRoute.GET(request('GET', `/api/documents/${id}/curation`, s.cur), segment({ id }));
    expect(res.status).toBe(200);
    const view = (await res.json()) as CurationView;
    expect(view.open).toHaveLength(2);

    res = await mergeRoute.POST(request('POST', `/api/documents/${id}/curation/merge`, s.cur, { rule: 'sometimes' }), segment({ id }));
    expect(res.status).toBe(422);
    res = await mergeRoute.POST(request('POST', `/api/documents/${id}/curation/merge`, s.cur, { rule: 'all' }), segment({ id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 1, leftForReview: 1 });

    const open = ((await (await curationRoute.GET(request('GET', `/api/documents/${id}/curation`, s.cur), segment({ id }))).json()) as CurationView).open[0]!;
    const sources = open.spans.map((x) => ({ id: x.id, version: x.version }));
    res = await decisionsRoute.POST(request('POST', `/api/documents/${id}/curation/decisions`, s.ana, { kind: 'reject', sources }), segment({ id }));
    expect(res.status).toBe(403);
    res = await decisionsRoute.POST(request('POST', `/api/documents/${id}/curation/decisions`, s.outsider, { kind: 'reject', sources }), segment({ id }));
    expect(res.status).toBe(404);
    res = await decisionsRoute.POST(request('POST', `/api/documents/${id}/curation/decisions`, s.cur, { kind: 'accept', sources }), segment({ id }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/accept and edit need a passage/);
    const v = open.variants[0]!;
    res = await decisionsRoute.POST(
      request('POST', `/api/documents/${id}/curation/decisions`, s.cur, { kind: 'accept', sources, passage: { categoryId: v.categoryId, start: v.start, end: v.end } }),
      segment({ id }),
    );
    expect(res.status).toBe(201);
    const { consensus } = (await res.json()) as { consensus: { id: string } };

    res = await consensusRoute.DELETE(request('DELETE', `/api/documents/${id}/curation/consensus/${consensus.id}`, s.cur), segment({ id, annotationId: consensus.id }));
    expect(res.status).toBe(200);
    res = await consensusRoute.DELETE(request('DELETE', `/api/documents/${id}/curation/consensus/${consensus.id}`, s.cur), segment({ id, annotationId: consensus.id }));
    expect(res.status).toBe(404);

    res = await statusRoute.PUT(request('PUT', `/api/documents/${id}/curation/status`, s.cur, { status: 'DONE' }), segment({ id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ documentId: id, status: 'DONE' });
    res = await statusRoute.PUT(request('PUT', `/api/documents/${id}/curation/status`, s.cur, { state: 'DONE' }), segment({ id }));
    expect(res.status).toBe(422);
  });
});
