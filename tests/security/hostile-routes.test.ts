import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as commentsRoute from '@/app/api/annotations/[id]/comments/route';
import * as annotationRoute from '@/app/api/annotations/[id]/route';
import * as threadRoute from '@/app/api/annotations/[id]/thread/route';
import * as commentRoute from '@/app/api/comments/[id]/route';
import * as documentAnnotationsRoute from '@/app/api/documents/[id]/annotations/route';
import * as consensusRoute from '@/app/api/documents/[id]/curation/consensus/[annotationId]/route';
import * as decisionsRoute from '@/app/api/documents/[id]/curation/decisions/route';
import * as mergeRoute from '@/app/api/documents/[id]/curation/merge/route';
import * as curationStatusRoute from '@/app/api/documents/[id]/curation/status/route';
import * as groupRoute from '@/app/api/groups/[id]/route';
import * as confirmRoute from '@/app/api/imports/[id]/confirm/route';
import * as importJobRoute from '@/app/api/imports/[id]/route';
import * as uploadRoute from '@/app/api/imports/route';
import * as codebookImportRoute from '@/app/api/projects/[slug]/codebook/import/route';
import * as previewRoute from '@/app/api/projects/[slug]/documents/preview/route';
import * as documentsRoute from '@/app/api/projects/[slug]/documents/route';
import * as exportsRoute from '@/app/api/projects/[slug]/exports/route';
import * as groupsRoute from '@/app/api/projects/[slug]/groups/route';
import * as memosRoute from '@/app/api/projects/[slug]/memos/route';
import * as projectImportRoute from '@/app/api/projects/import/route';
import * as tokenRoute from '@/app/api/tokens/[id]/route';
import * as tokensRoute from '@/app/api/tokens/route';
import { createAnnotation } from '@/lib/data/annotations';
import { createComment } from '@/lib/data/comments';
import { createApiToken } from '@/lib/data/tokens';
import { makeCodebook, makeDocument, makeProject, spanOf } from '../integration/helpers';

// Every route that takes input, sent what an attacker (or a broken client) sends: bodies that are
// not the object a route expects, fields of the wrong type, text that cannot be stored, ids that
// are not ids. Each must answer 4xx with a JSON message; none may answer 500.

type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

const hostileValues: unknown[] = ['nul\u0000here', 'lone \uD800 surrogate', ['an', 'array'], { an: 'object' }, 42, null, true, 'x'.repeat(200_000), '\u202Eevil', "'; DROP TABLE \"User\";--"];
const hostileBodies = ['null', '[]', '"text"', '42', '{', '{"__proto__":{"polluted":true}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'nul\u0000'];
const hostileIds = ['not-an-id', '%00', 'x'.repeat(5000), '../../etc/passwd', randomUUID()];

describe('hostile input on every route', async () => {
  const p = await makeProject({ ana: 'ANNOTATOR' });
  const { security } = await makeCodebook(p.slug);
  const doc = await makeDocument(p, 'Hostile routes');
  const annotation = (await createAnnotation(p.owner.actor, doc.id, { ...spanOf(doc.text, 'The talks failed'), categoryId: security.id })).annotation;
  const comment = (await createComment(p.owner.actor, annotation.id, { body: 'hi' })).comment;
  const token = (await createApiToken(p.owner.actor, { name: 'hostile' })).token;

  const json = (method: string, body: string) =>
    new Request('http://localhost/api/x', { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  const seg = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

  // [name, method, handler, params, the fields of a well-formed body]
  const jsonRoutes: [string, string, Handler, Record<string, string>, Record<string, unknown>][] = [
    ['create annotation', 'POST', documentAnnotationsRoute.POST as Handler, { id: doc.id }, { ...spanOf(doc.text, 'The talks failed'), categoryId: security.id, note: '' }],
    ['edit annotation', 'PATCH', annotationRoute.PATCH as Handler, { id: annotation.id }, { version: 1, note: 'n' }],
    ['comment', 'POST', commentsRoute.POST as Handler, { id: annotation.id }, { body: 'b' }],
    ['edit comment', 'PATCH', commentRoute.PATCH as Handler, { id: comment.id }, { version: 1, body: 'b' }],
    ['thread', 'PUT', threadRoute.PUT as Handler, { id: annotation.id }, { resolved: true }],
    ['memo', 'PUT', memosRoute.PUT as Handler, { slug: p.slug }, { documentId: null, body: 'm', version: 0 }],
    ['token', 'POST', tokensRoute.POST as Handler, {}, { name: 't' }],
    ['group', 'POST', groupsRoute.POST as Handler, { slug: p.slug }, { name: 'g', documentIds: [] }],
    ['articles', 'POST', documentsRoute.POST as Handler, { slug: p.slug }, { documents: [{ title: 't', blocks: [{ type: 'paragraph', text: 'x' }] }] }],
    ['export', 'POST', exportsRoute.POST as Handler, { slug: p.slug }, { format: 'csv' }],
    ['curation decision', 'POST', decisionsRoute.POST as Handler, { id: doc.id }, { clusterKey: 'k', decision: 'accept' }],
    ['curation merge', 'POST', mergeRoute.POST as Handler, { id: doc.id }, { rule: 'majority' }],
    ['curation status', 'PUT', curationStatusRoute.PUT as Handler, { id: doc.id }, { status: 'DONE' }],
  ];

  const expectRefusedCleanly = async (what: string, response: Response) => {
    expect(response.status, what).toBeLessThan(500);
    if (response.status >= 400) {
      const body = (await response.json()) as { error?: { message?: string } };
      expect(typeof body.error?.message, what).toBe('string');
    } else await response.body?.cancel();
  };

  for (const [name, method, handler, params, fields] of jsonRoutes) {
    it(`${name}: bodies that are no object, and every field set to hostile values`, async () => {
      // The well-formed request gets past authentication and access, so the refusals below are the
      // input checks speaking, not a 401 or 404 for every request.
      const control = await handler(json(method, JSON.stringify(fields)), seg(params));
      expect([401, 403, 404], `${name}: the well-formed request answered ${control.status}`).not.toContain(control.status);
      await control.body?.cancel();
      for (const body of hostileBodies) await expectRefusedCleanly(`${name} with body ${body.slice(0, 30)}`, await handler(json(method, body), seg(params)));
      for (const field of Object.keys(fields)) {
        for (const value of hostileValues) {
          const response = await handler(json(method, JSON.stringify({ ...fields, [field]: value })), seg(params));
          await expectRefusedCleanly(`${name}.${field} = ${JSON.stringify(value)?.slice(0, 30)}`, response);
        }
      }
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    });
  }

  it('ids that are not ids, in every route that takes one', async () => {
    const byId: [string, Handler, (id: string) => Record<string, string>, string, string?][] = [
      ['annotation', annotationRoute.PATCH as Handler, (id) => ({ id }), 'PATCH', '{"version":1,"note":"x"}'],
      ['annotation delete', annotationRoute.DELETE as Handler, (id) => ({ id }), 'DELETE'],
      ['comment', commentRoute.DELETE as Handler, (id) => ({ id }), 'DELETE'],
      ['document annotations', documentAnnotationsRoute.POST as Handler, (id) => ({ id }), 'POST', '{"start":0,"end":1,"quote":"x","categoryId":"y"}'],
      ['consensus', consensusRoute.DELETE as Handler, (id) => ({ id: doc.id, annotationId: id }), 'DELETE'],
      ['group', groupRoute.PUT as Handler, (id) => ({ id }), 'PUT', '{"name":"g"}'],
      ['group delete', groupRoute.DELETE as Handler, (id) => ({ id }), 'DELETE'],
      ['import', importJobRoute.DELETE as Handler, (id) => ({ id }), 'DELETE'],
      ['import confirm', confirmRoute.POST as Handler, (id) => ({ id }), 'POST', '{}'],
      ['token', tokenRoute.DELETE as Handler, (id) => ({ id }), 'DELETE'],
      ['project groups', groupsRoute.POST as Handler, (id) => ({ slug: id }), 'POST', '{"name":"g"}'],
    ];
    for (const [name, handler, params, method, body] of byId) {
      for (const id of hostileIds) await expectRefusedCleanly(`${name} ${id.slice(0, 20)}`, await handler(json(method, body ?? ''), seg(params(id))));
    }
  });

  it('raw uploads: binary junk, NUL bytes, an empty body, a wrong kind', async () => {
    const raw = (url: string, body: BodyInit | null) => new Request(`http://localhost${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
    const junk = [new Uint8Array([0, 0, 0, 255, 254, 0]), new Uint8Array(0), 'PK\u0003\u0004 not a zip', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'];
    for (const body of junk) {
      await expectRefusedCleanly('upload', await (uploadRoute.POST as Handler)(raw('/api/imports?kind=qdpx&fileName=x.qdpx', body), seg({})));
      await expectRefusedCleanly('upload wrong kind', await (uploadRoute.POST as Handler)(raw('/api/imports?kind=docx&fileName=x', body), seg({})));
      await expectRefusedCleanly('project import', await (projectImportRoute.POST as Handler)(raw('/api/projects/import?format=qdpx', body), seg({})));
      await expectRefusedCleanly('codebook import', await (codebookImportRoute.POST as Handler)(raw(`/api/projects/${p.slug}/codebook/import`, body), seg({ slug: p.slug })));
      await expectRefusedCleanly('article preview', await (previewRoute.POST as Handler)(raw(`/api/projects/${p.slug}/documents/preview?fileName=x.txt`, body), seg({ slug: p.slug })));
    }
  });
});
