import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/data/annotations';
import { createComment } from '@/lib/data/comments';
import { createDocumentGroup } from '@/lib/data/groups';
import { removeMember } from '@/lib/data/members';
import { createApiToken } from '@/lib/data/tokens';
import { makeCodebook, makeDocument, makeProject, makeUser, spanOf } from '../integration/helpers';

// The access matrix over every REST route, found on disk (a route added later is in it without
// anyone remembering to add it): an outsider and a removed member, each with a valid API token,
// ask every method of every route about a real project's data, and then about ids and a slug that
// do not exist. Each answer must be a refusal, and the same refusal for both (status and error
// code): the real project's data is never shown, and nothing tells it apart from data that does
// not exist. Routes that concern only the caller (their tokens, a new project, the health check,
// sign-in) are left out; the per-user routes for import jobs and finished exports are covered
// where they are built (tests/integration/imports.test.ts, exports.test.ts).

type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const apiDir = path.join(process.cwd(), 'app', 'api');
const notAboutAProject = new Set(['auth/[...nextauth]', 'health', 'imports', 'imports/[id]', 'imports/[id]/confirm', 'exports/[id]', 'projects/import', 'tokens']);

const routeFiles = readdirSync(apiDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith(`${path.sep}route.ts`))
  .map((file) => path.dirname(file).split(path.sep).join('/'))
  .filter((route) => !notAboutAProject.has(route))
  .sort();

describe('the access matrix: outsiders and removed members against every route', async () => {
  const p = await makeProject({ ana: 'ANNOTATOR', gone: 'ANNOTATOR' });
  const { security } = await makeCodebook(p.slug);
  const doc = await makeDocument(p, 'Matrix');
  const annotation = (await createAnnotation(p.members.ana!.actor, doc.id, { ...spanOf(doc.text, 'The talks failed'), categoryId: security.id, note: 'matrix-secret-note' })).annotation;
  const comment = (await createComment(p.members.ana!.actor, annotation.id, { body: 'matrix-secret-comment' })).comment;
  const group = await createDocumentGroup(p.owner.actor, p.slug, { name: 'matrix group', documentIds: [doc.id] });
  const ownerToken = await createApiToken(p.owner.actor, { name: 'owner' });
  const outsider = await makeUser('outsider');
  const callers = {
    outsider: (await createApiToken(outsider.actor, { name: 'outsider' })).token,
    // The token was made while a member: removal must end what it reaches.
    'removed member': (await createApiToken(p.members.gone!.actor, { name: 'gone' })).token,
  };
  await removeMember(p.owner.actor, p.slug, p.members.gone!.id);

  const real: Record<string, string> = { slug: p.slug, annotationId: annotation.id };
  const idFor = (route: string) =>
    route.startsWith('annotations/') ? annotation.id : route.startsWith('comments/') ? comment.id : route.startsWith('documents/') ? doc.id : route.startsWith('groups/') ? group.id : route.startsWith('tokens/') ? ownerToken.id : randomUUID();
  const paramsOf = (route: string, exists: boolean): Record<string, string> => {
    const params: Record<string, string> = {};
    for (const [, name] of route.matchAll(/\[([^\]]+)\]/g)) {
      if (name === 'slug') params.slug = exists ? real.slug! : `p-none-${randomUUID().slice(0, 8)}`;
      else if (name === 'id') params.id = exists ? idFor(route) : randomUUID();
      else params[name!] = exists ? (real[name!] ?? randomUUID()) : randomUUID();
    }
    return params;
  };
  const request = (method: string, route: string, params: Record<string, string>, token: string) => {
    const url = `http://localhost/api/${route.replace(/\[([^\]]+)\]/g, (_, name: string) => params[name]!)}?format=csv&fileName=x.txt&kind=qdpx`;
    const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
    return new Request(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  };
  const answer = async (response: Response) => {
    const text = await response.text();
    let code: string | null = null;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
    } catch {
      // not JSON: the status alone tells
    }
    return { status: response.status, code, text };
  };

  it('finds the routes on disk', () => {
    expect(routeFiles.length).toBeGreaterThan(20);
    expect(routeFiles).toContain('projects/[slug]/live');
  });

  for (const [who, token] of Object.entries(callers)) {
    it(`${who}: every method of every route answers as if the project did not exist`, async () => {
      let checked = 0;
      for (const route of routeFiles) {
        const module = (await import(path.join(apiDir, route, 'route.ts'))) as Partial<Record<(typeof methods)[number], Handler>>;
        for (const method of methods) {
          const handler = module[method];
          if (!handler) continue;
          const realParams = paramsOf(route, true);
          const onReal = await answer(await handler(request(method, route, realParams, token), { params: Promise.resolve(realParams) }));
          const noneParams = paramsOf(route, false);
          const onNone = await answer(await handler(request(method, route, noneParams, token), { params: Promise.resolve(noneParams) }));
          const what = `${who}: ${method} /api/${route}`;
          expect(onReal.status, `${what} answered ${onReal.status}: ${onReal.text.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
          expect(onReal.status, what).toBeLessThan(500);
          expect({ status: onReal.status, code: onReal.code }, `${what}: the real project's answer differs from a missing one's`).toEqual({ status: onNone.status, code: onNone.code });
          // (The slug may be echoed: the caller sent it, and a missing project's answer names it too.)
          for (const secret of ['matrix-secret-note', 'matrix-secret-comment', 'The talks failed']) expect(onReal.text, `${what} shows ${secret}`).not.toContain(secret);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(30);
    });
  }
});
