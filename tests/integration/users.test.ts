import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { createUser, loginLimits, verifyCredentials } from '@/lib/data/users';
import { expectAppError, uniq } from './helpers';

describe('accounts and sign-in', () => {
  it('stores an argon2id hash, never the password, and never returns the hash', async () => {
    const email = `Mixed.Case-${uniq()}@Test.example`;
    const user = await createUser({ email, password: 'a long passphrase', name: 'Mixed' });
    expect(user).toEqual({ id: user.id, email: email.toLowerCase(), name: 'Mixed' });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain('a long passphrase');
    await expectAppError(createUser({ email, password: 'another one', name: 'Again' }), 'CONFLICT', /already exists/);
    await expectAppError(createUser({ email: 'not-an-email', password: 'short', name: '' }), 'INVALID', /name: Name is required.*email: That is not a valid email address.*password: Password must be at least 8/);
  });

  it('says the same for an unknown email and a wrong password', async () => {
    const user = await createUser({ email: `v-${uniq()}@test.example`, password: 'right password', name: 'V' });
    const ip = `10.0.0.${Math.floor(Math.random() * 200)}`;
    expect((await verifyCredentials({ email: user.email.toUpperCase(), password: 'right password', ip })).id).toBe(user.id);
    const wrong = await expectAppError(verifyCredentials({ email: user.email, password: 'wrong password', ip }), 'UNAUTHENTICATED');
    const unknown = await expectAppError(verifyCredentials({ email: `nobody-${uniq()}@test.example`, password: 'x', ip }), 'UNAUTHENTICATED');
    expect(wrong.message).toBe(unknown.message);
  });

  it('locks an account after repeated failures, even with the right password, and records every attempt', async () => {
    const user = await createUser({ email: `rl-${uniq()}@test.example`, password: 'right password', name: 'RL' });
    const ip = `rate-limit-${uniq()}`;
    for (let i = 0; i < loginLimits.perEmail; i++) {
      await expectAppError(verifyCredentials({ email: user.email, password: `wrong ${i}`, ip }), 'UNAUTHENTICATED');
    }
    await expectAppError(verifyCredentials({ email: user.email, password: 'right password', ip }), 'RATE_LIMITED', /Wait 15 minutes/);
    expect(await getDb().loginAttempt.count({ where: { email: user.email } })).toBe(loginLimits.perEmail);
  });
});
