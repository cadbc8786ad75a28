import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { systemActor } from '@/lib/data/actor';
import { authenticateApiToken, createApiToken, createApiTokenForEmail, listApiTokens, revokeApiToken } from '@/lib/data/tokens';
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
