import { describe, expect, it } from 'vitest';
import * as documentAnnotationsRoute from '@/app/api/documents/[id]/annotations/route';
import * as tokensRoute from '@/app/api/tokens/route';
import { createApiToken } from '@/lib/data/tokens';
import { makeCodebook, makeDocument, makeProject, spanOf } from '../integration/helpers';

// Cross-site request forgery: a write that would ride on the session cookie (no Authorization
// header) is refused unless the browser says it comes from this app's own pages. The refusal
// happens before the session is looked up, so these run without one; a Bearer-token call is not
// a browser's and is unaffected. (That a same-origin cookie write passes, and that it must send
// JSON, is checked in the browser: tests/e2e/annotate.spec.ts.)

const segment = <P>(params: P) => ({ params: Promise.resolve(params) });
const cookieWrite = (headers: Record<string, string>, body = '{"start":0,"end":4,"quote":"x","categoryId":"y"}') =>
  new Request('http://localhost/api/tokens', { method: 'POST', headers: { host: 'localhost', ...headers }, body });

describe('cross-site writes with the session cookie', () => {
  it('are refused from another origin, from another site, and when the request says nothing of where it comes from', async () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['another origin, text/plain', { origin: 'http://evil.example', 'content-type': 'text/plain' }, /Cross-site request refused/],
      ['another port of this host', { origin: 'http://localhost:4444', 'content-type': 'application/json' }, /Cross-site request refused/],
      ['an opaque origin', { origin: 'null' }, /Cross-site request refused/],
      ['same origin claimed, but the fetch metadata says cross-site', { origin: 'http://localhost', 'sec-fetch-site': 'cross-site' }, /Cross-site/],
      ['fetch metadata: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }, /Cross-site/],
      ['neither Origin nor Sec-Fetch-Site', { 'content-type': 'application/json' }, /must come from this app’s own pages, which say so/],
    ];
    for (const [name, headers, message] of cases) {
      const response = await tokensRoute.POST(cookieWrite(headers), segment({}));
      expect(response.status, name).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message, name).toMatch(message);
    }
  });

  it('leave Bearer-token calls alone, whatever Origin they carry', async () => {
    const p = await makeProject();
    const { security } = await makeCodebook(p.slug);
    const doc = await makeDocument(p, 'CSRF');
    const token = (await createApiToken(p.owner.actor, { name: 'script' })).token;
    const response = await documentAnnotationsRoute.POST(
      new Request(`http://localhost/api/documents/${doc.id}/annotations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, origin: 'http://evil.example', 'content-type': 'text/plain' },
        body: JSON.stringify({ ...spanOf(doc.text, 'The talks failed'), categoryId: security.id }),
      }),
      segment({ id: doc.id }),
    );
    expect(response.status).toBe(201);
  });
});
