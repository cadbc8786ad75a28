import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { systemActor } from '@/lib/data/actor';
import { authenticateApiToken, createApiToken, createApiTokenForEmail, listApiTokens, revokeApiToken, tokenCache } from '@/lib/data/tokens';
import { runCommand } from '@/scripts/cli/commands';
import { expectAppError, makeUser } from './helpers';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('API tokens', () => {
  it('stores only the SHA-256 of the token and authenticates with the token', async () => {
    const u = await makeUser('tok');
    const created = await createApiToken(u.actor, { name: '  laptop script  ' });
    expect(created.token).toMatch(/^plx_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'laptop script', prefix: created.token.slice(4, 12) });

    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(sha256(created.token));
    expect(Object.values(row).some((v) => typeof v === 'string' && v.includes(created.token.slice(4)))).toBe(false);

    expect(await authenticateApiToken(created.token)).toEqual({ id: u.id, email: u.email, name: 'tok' });
    expect(await authenticateApiToken(`${created.token.slice(0, -1)}${created.token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(await authenticateApiToken('plx_short')).toBeNull();
    expect(await authenticateApiToken('')).toBeNull();
  });

  it('records lastUsedAt at most once a minute', async () => {
    const u = await makeUser('tok');
    const { id, token } = await createApiToken(u.actor, { name: 'ci' });
    await authenticateApiToken(token);
    const first = (await getDb().apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await authenticateApiToken(token);
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first);
  });

  it('lists the owner’s tokens without hashes', async () => {
    const u = await makeUser('tok');
    const other = await makeUser('other');
    await createApiToken(u.actor, { name: 'one' });
    await createApiToken(u.actor, { name: 'two' });
    await createApiToken(other.actor, { name: 'not yours' });
    const list = await listApiTokens(u.actor);
    expect(list.map((t) => t.name).sort()).toEqual(['one', 'two']);
    for (const t of list) expect(Object.keys(t).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt']);
    await expectAppError(createApiToken(u.actor, { name: ' ' }), 'INVALID', /Give the token a name/);
  });

  it('revokes own tokens only; a revoked token no longer authenticates', async () => {
    const u = await makeUser('tok');
    const other = await makeUser('other');
    const { id, token } = await createApiToken(u.actor, { name: 'to revoke' });
    await expectAppError(revokeApiToken(other.actor, id), 'NOT_FOUND', /No such API token/);
    await expectAppError(revokeApiToken(other.actor, 'nonsense'), 'NOT_FOUND');
    expect(await authenticateApiToken(token)).not.toBeNull();

    const revoked = await revokeApiToken(u.actor, id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await authenticateApiToken(token)).toBeNull();
    // Revoking twice is harmless and keeps the first date.
    expect((await revokeApiToken(u.actor, id)).revokedAt).toBe(revoked.revokedAt);
    expect((await listApiTokens(u.actor))[0]?.revokedAt).toBe(revoked.revokedAt);
  });

  it('the CLI creates a token for an account, printing only the token', async () => {
    const u = await makeUser('cli');
    await expectAppError(createApiTokenForEmail(u.actor, u.email), 'FORBIDDEN');
    await expectAppError(createApiTokenForEmail(systemActor, 'nobody@test.example'), 'NOT_FOUND', /No account/);

    const out: string[] = [];
    const err: string[] = [];
    const code = await runCommand(['token', 'create', '--user', u.email, '--name', 'nightly export'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^plx_[A-Za-z0-9_-]{43}$/);
    expect(err.join('\n')).toMatch(/Created API token "nightly export" .* shown only this once/);
    expect((await authenticateApiToken(out[0] ?? ''))?.id).toBe(u.id);

    const missing = await runCommand(['token', 'create'], { out: () => {}, err: (l) => err.push(l) });
    expect(missing).toBe(2);
    expect(err.at(-1)).toMatch(/Missing --user/);
  });
});

describe('verified tokens remembered by the process', () => {
  /** Verifies the token while the revocation LISTEN is up, so that the answer is remembered. */
  async function remembered(token: string) {
    await tokenCache.listen();
    expect(await authenticateApiToken(token)).not.toBeNull();
    expect(tokenCache.remembers(token)).toBe(true);
  }

  /** Polls, as another process would see it: the notification arrives within milliseconds. */
  async function refusedWithin(token: string, ms: number) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if ((await authenticateApiToken(token)) === null) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`the token still authenticated ${ms} ms after it was revoked`);
  }

  it('forgets a token revoked behind its back (plain SQL, as from another process) as soon as the notification arrives', async () => {
    const u = await makeUser('tok');
    const { id, token } = await createApiToken(u.actor, { name: 'remembered' });
    await remembered(token);
    await getDb().$executeRaw`UPDATE "ApiToken" SET "revokedAt" = now() WHERE "id" = ${id}::uuid`;
    await refusedWithin(token, 2000);
    expect(tokenCache.remembers(token)).toBe(false);
  });

  it('forgets the tokens of a deleted account', async () => {
    const u = await makeUser('tok');
    const { token } = await createApiToken(u.actor, { name: 'cascade' });
    await remembered(token);
    await getDb().user.delete({ where: { id: u.id } });
    await refusedWithin(token, 2000);
  });

  it('revoking in this process takes effect on the very next request', async () => {
    const u = await makeUser('tok');
    const { id, token } = await createApiToken(u.actor, { name: 'local' });
    await remembered(token);
    await revokeApiToken(u.actor, id);
    expect(await authenticateApiToken(token)).toBeNull();
  });

  it('forgets everything when the LISTEN connection drops, and checks the database until it is back', async () => {
    const u = await makeUser('tok');
    const { id, token } = await createApiToken(u.actor, { name: 'dropped' });
    await remembered(token);
    // Ends the listener's backend: notifications sent until it reconnects would be lost.
    await getDb().$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN parallax_tokens%' AND pid <> pg_backend_pid()`;
    const until = Date.now() + 2000;
    while (tokenCache.listening() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(tokenCache.listening()).toBe(false);
    expect(tokenCache.remembers(token)).toBe(false);
    // Revoked while nobody listened: still refused, since nothing is remembered meanwhile.
    await getDb().$executeRaw`UPDATE "ApiToken" SET "revokedAt" = now() WHERE "id" = ${id}::uuid`;
    expect(await authenticateApiToken(token)).toBeNull();
  });
});
