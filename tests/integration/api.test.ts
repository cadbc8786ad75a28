import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { createApiToken } from '@/lib/data/tokens';
import * as annotationRoute from '@/app/api/annotations/[id]/route';
import * as documentAnnotationsRoute from '@/app/api/documents/[id]/annotations/route';
import * as documentRoute from '@/app/api/documents/[id]/route';
import * as codebookRoute from '@/app/api/projects/[slug]/codebook/route';
import * as documentsRoute from '@/app/api/projects/[slug]/documents/route';
import * as tokensRoute from '@/app/api/tokens/route';
import * as tokenRoute from '@/app/api/tokens/[id]/route';
import { makeCodebook, makeDocument, makeProject, makeUser, spanOf } from './helpers';

// The route handlers are called directly with a Request, as Next would call them. Every request
// carries a Bearer token, so no session cookie (and no Next request context) is needed.

type ErrorBody = { error: { code: string; message: string; current?: { version: number; note: string } } };

function request(method: string, path: string, token: string | null, body?: unknown | string): Request {
  const headers = new Headers();
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  if (body !== undefined) headers.set('content-type', 'application/json');
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const segment = <P>(params: P) => ({ params: Promise.resolve(params) });

async function setup() {
  const p = await makeProject({ ana: 'ANNOTATOR' });
  const codebook = await makeCodebook(p.slug);
  const doc = await makeDocument(p, 'The talks');
  const ana = p.members.ana!;
  const outsider = await makeUser('outsider');
  const [anaToken, ownerToken, outsiderToken] = await Promise.all([
    createApiToken(ana.actor, { name: 'test' }),
    createApiToken(p.owner.actor, { name: 'test' }),
    createApiToken(outsider.actor, { name: 'test' }),
  ]);
  return { ...p, ...codebook, doc, ana, anaToken: anaToken.token, ownerToken: ownerToken.token, outsiderToken: outsiderToken.token };
}

describe('REST API: reading', () => {
  it('lists documents, reads one with its text, and reads the codebook', async () => {
    const s = await setup();
    let res = await documentsRoute.GET(request('GET', `/api/projects/${s.slug}/documents`, s.anaToken), segment({ slug: s.slug }));
    expect(res.status).toBe(200);
    const { documents } = (await res.json()) as { documents: Record<string, unknown>[] };
    expect(documents).toEqual([{ id: s.doc.id, title: 'The talks', author: null, outlet: null, publishedAt: null, length: s.doc.text.length }]);

    res = await documentRoute.GET(request('GET', `/api/documents/${s.doc.id}`, s.anaToken), segment({ id: s.doc.id }));
    expect(res.status).toBe(200);
    const { document } = (await res.json()) as { document: { text: string; blocks: { start: number; end: number }[] } };
    expect(document.text).toBe(s.doc.text);
    expect(document.blocks.length).toBeGreaterThan(0);

    res = await codebookRoute.GET(request('GET', `/api/projects/${s.slug}/codebook`, s.anaToken), segment({ slug: s.slug }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      categories: [
        { id: s.security.id, name: 'Security', path: 'Security', color: '#0072b2', parentId: null, shortcut: null, description: '' },
        { id: s.sanctuary.id, name: 'TTP sanctuary', path: 'Security / TTP sanctuary', color: '#d55e00', parentId: s.security.id, shortcut: null, description: '' },
      ],
      attributes: [
        { key: 'blame-target', name: 'Blame target', options: [{ value: 'afghan-taliban', label: 'Afghan Taliban' }, { value: 'pakistan', label: 'Pakistan' }] },
      ],
    });
  });

  it("answers 404 for another project's documents, with the error shape", async () => {
    const s = await setup();
    const checks: [Promise<Response>, string][] = [
      [documentsRoute.GET(request('GET', `/api/projects/${s.slug}/documents`, s.outsiderToken), segment({ slug: s.slug })), 'NOT_FOUND'],
      [documentRoute.GET(request('GET', `/api/documents/${s.doc.id}`, s.outsiderToken), segment({ id: s.doc.id })), 'NOT_FOUND'],
      [codebookRoute.GET(request('GET', `/api/projects/${s.slug}/codebook`, s.outsiderToken), segment({ slug: s.slug })), 'NOT_FOUND'],
      [documentAnnotationsRoute.GET(request('GET', `/api/documents/${s.doc.id}/annotations`, s.outsiderToken), segment({ id: s.doc.id })), 'NOT_FOUND'],
      [
        documentAnnotationsRoute.POST(
          request('POST', `/api/documents/${s.doc.id}/annotations`, s.outsiderToken, { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id }),
          segment({ id: s.doc.id }),
        ),
        'NOT_FOUND',
      ],
    ];
    for (const [promise, code] of checks) {
      const res = await promise;
      expect(res.status).toBe(404);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe(code);
      expect(typeof body.error.message).toBe('string');
    }
    expect(await getDb().annotation.count({ where: { documentId: s.doc.id } })).toBe(0);
  });

  it('answers 401 for a revoked, unknown or non-Bearer credential', async () => {
    const s = await setup();
    const call = (headers: Record<string, string>) =>
      documentsRoute.GET(new Request(`http://localhost/api/projects/${s.slug}/documents`, { headers }), segment({ slug: s.slug }));
    for (const headers of [{ authorization: 'Bearer plx_nope' }, { authorization: `Basic ${btoa('a:b')}` }, { authorization: 'Bearer' }]) {
      const res = await call(headers);
      expect(res.status).toBe(401);
      expect(((await res.json()) as ErrorBody).error.code).toBe('UNAUTHENTICATED');
    }
    // Revoked through the tokens API itself.
    const { token, id } = await createApiToken(s.ana.actor, { name: 'short-lived' });
    expect((await call({ authorization: `Bearer ${token}` })).status).toBe(200);
    const revoke = await tokenRoute.DELETE(request('DELETE', `/api/tokens/${id}`, token), segment({ id }));
    expect(revoke.status).toBe(204);
    const res = await call({ authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect((await res.json()) as ErrorBody).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/invalid or revoked/) } });
  });
});

describe('REST API: annotations', () => {
  it('creates (201), repeats idempotently (200), lists, edits (200 / 409 with current) and deletes (204)', async () => {
    const s = await setup();
    const path = `/api/documents/${s.doc.id}/annotations`;
    const input = { id: randomUUID(), ...spanOf(s.doc.text, 'talks'), categoryId: s.sanctuary.id, attributes: { 'blame-target': 'pakistan' } };

    let res = await documentAnnotationsRoute.POST(request('POST', path, s.anaToken, input), segment({ id: s.doc.id }));
    expect(res.status).toBe(201);
    const { annotation } = (await res.json()) as { annotation: { id: string; version: number; categoryPath: string } };
    expect(annotation).toMatchObject({ id: input.id, version: 1, categoryPath: 'Security / TTP sanctuary' });

    res = await documentAnnotationsRoute.POST(request('POST', path, s.anaToken, input), segment({ id: s.doc.id }));
    expect(res.status).toBe(200);
    res = await documentAnnotationsRoute.POST(request('POST', path, s.anaToken, { ...input, note: 'other' }), segment({ id: s.doc.id }));
    expect(res.status).toBe(409);

    res = await documentAnnotationsRoute.GET(request('GET', path, s.anaToken), segment({ id: s.doc.id }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { annotations: { id: string }[] }).annotations.map((a) => a.id)).toEqual([input.id]);
    // The owner's own layer is empty; with layer=all the owner sees ana's layer.
    res = await documentAnnotationsRoute.GET(request('GET', path, s.ownerToken), segment({ id: s.doc.id }));
    expect(((await res.json()) as { annotations: unknown[] }).annotations).toEqual([]);
    res = await documentAnnotationsRoute.GET(request('GET', `${path}?layer=all`, s.ownerToken), segment({ id: s.doc.id }));
    expect(((await res.json()) as { annotations: { annotatorName: string }[] }).annotations.map((a) => a.annotatorName)).toEqual(['ana']);

    const one = `/api/annotations/${input.id}`;
    res = await annotationRoute.PATCH(request('PATCH', one, s.anaToken, { version: 1, note: 'edited' }), segment({ id: input.id }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { annotation: { version: number; note: string } }).annotation).toMatchObject({ version: 2, note: 'edited' });

    res = await annotationRoute.PATCH(request('PATCH', one, s.anaToken, { version: 1, note: 'late' }), segment({ id: input.id }));
    expect(res.status).toBe(409);
    const conflict = (await res.json()) as ErrorBody;
    expect(conflict.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/your version 1, current 2/) });
    expect(conflict.error.current).toMatchObject({ version: 2, note: 'edited' });

    res = await annotationRoute.DELETE(request('DELETE', one, s.anaToken), segment({ id: input.id }));
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    res = await annotationRoute.DELETE(request('DELETE', one, s.anaToken), segment({ id: input.id }));
    expect(res.status).toBe(404);
  });

  it('refuses bad input with 400 or 422 and stores nothing', async () => {
    const s = await setup();
    const path = `/api/documents/${s.doc.id}/annotations`;
    const post = (body: unknown) => documentAnnotationsRoute.POST(request('POST', path, s.anaToken, body), segment({ id: s.doc.id }));
    const good = { ...spanOf(s.doc.text, 'talks'), categoryId: s.security.id };

    let res = await post('{"start": 1,');
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/not valid JSON/) });
    res = await post('');
    expect(res.status).toBe(400);

    const invalid: [unknown, RegExp][] = [
      [{ ...good, end: s.doc.text.length + 5, quote: 'x' }, /past the document's length/],
      [{ ...good, quote: 'nope!' }, /the quote does not match the text/],
      [{ ...good, categoryId: randomUUID() }, /unknown category/],
      [{ ...good, attributes: { 'blame-target': 'martians' } }, /is not one of afghan-taliban, pakistan/],
      [{ ...good, start: 'three' }, /start: start offset must be a number/],
      [[1, 2, 3], /expected object|Invalid input/i],
    ];
    for (const [body, message] of invalid) {
      res = await post(body);
      expect(res.status).toBe(422);
      expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: 'INVALID', message: expect.stringMatching(message) });
    }
    res = await documentAnnotationsRoute.GET(request('GET', `${path}?layer=everyone`, s.anaToken), segment({ id: s.doc.id }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/layer must be one of mine, all, consensus/);

    expect(await getDb().annotation.count({ where: { documentId: s.doc.id } })).toBe(0);

    // PATCH without a version is 422 and changes nothing.
    res = await post(good);
    const { annotation } = (await res.json()) as { annotation: { id: string } };
    res = await annotationRoute.PATCH(request('PATCH', `/api/annotations/${annotation.id}`, s.anaToken, { note: 'x' }), segment({ id: annotation.id }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/version is required/);
    res = await annotationRoute.PATCH(request('PATCH', `/api/annotations/${annotation.id}`, s.outsiderToken, { version: 1, note: 'x' }), segment({ id: annotation.id }));
    expect(res.status).toBe(404);
    expect((await getDb().annotation.findUniqueOrThrow({ where: { id: annotation.id } })).note).toBe('');
  });
});

describe('REST API: tokens', () => {
  it('creates (201, token shown once), lists without hashes and revokes (204; 404 for others)', async () => {
    const s = await setup();
    let res = await tokensRoute.POST(request('POST', '/api/tokens', s.anaToken, { name: 'from the API' }), segment({}));
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: { id: string; token: string; prefix: string } };
    expect(token.token).toMatch(/^plx_/);

    res = await tokensRoute.GET(request('GET', '/api/tokens', s.anaToken), segment({}));
    const { tokens } = (await res.json()) as { tokens: Record<string, unknown>[] };
    expect(tokens.map((t) => t.name).sort()).toEqual(['from the API', 'test']);
    expect(JSON.stringify(tokens)).not.toMatch(/plx_|tokenHash/);

    res = await tokensRoute.POST(request('POST', '/api/tokens', s.anaToken, { name: '' }), segment({}));
    expect(res.status).toBe(422);

    res = await tokenRoute.DELETE(request('DELETE', `/api/tokens/${token.id}`, s.outsiderToken), segment({ id: token.id }));
    expect(res.status).toBe(404);
    res = await tokenRoute.DELETE(request('DELETE', `/api/tokens/${token.id}`, s.anaToken), segment({ id: token.id }));
    expect(res.status).toBe(204);
  });
});
