import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { throttlePolicy } from '@/lib/auth/throttle';
import { createUser, findUserByEmail, signUp, verifyCredentials } from '@/lib/data/users';
import { expectAppError, uniq } from '../integration/helpers';

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
    const address = `10.0.0.${Math.floor(Math.random() * 200)}`;
    expect((await verifyCredentials({ email: user.email.toUpperCase(), password: 'right password', address })).id).toBe(user.id);
    const wrong = await expectAppError(verifyCredentials({ email: user.email, password: 'wrong password', address }), 'UNAUTHENTICATED');
    const unknown = await expectAppError(verifyCredentials({ email: `nobody-${uniq()}@test.example`, password: 'x', address }), 'UNAUTHENTICATED');
    expect(wrong.message).toBe(unknown.message);
  });

  it('slows down repeated failures from one address, and never refuses the owner at an address that has not failed', async () => {
    const user = await createUser({ email: `rl-${uniq()}@test.example`, password: 'right password', name: 'RL' });
    const attacker = `attacker-${uniq()}`;
    for (let i = 0; i < throttlePolicy.freeFailures; i++) {
      await expectAppError(verifyCredentials({ email: user.email, password: `wrong ${i}`, address: attacker }), 'UNAUTHENTICATED');
    }
    // Past the free failures the attacker's next try must wait, even with the right password...
    await expectAppError(verifyCredentials({ email: user.email, password: 'right password', address: attacker }), 'RATE_LIMITED', /Wait 1 second/);
    // ...while the owner, from anywhere else, signs in at once.
    expect((await verifyCredentials({ email: user.email, password: 'right password', address: `owner-${uniq()}` })).id).toBe(user.id);
    expect(await verifyCredentials({ email: user.email, password: 'right password', address: null }).then((u) => u.id)).toBe(user.id);
    // Every attempt is recorded, the refused one marked as throttled.
    const attempts = await getDb().loginAttempt.findMany({ where: { email: user.email, ip: attacker }, select: { succeeded: true, throttled: true } });
    expect(attempts.filter((a) => a.throttled)).toHaveLength(1);
    expect(attempts.filter((a) => !a.throttled && !a.succeeded)).toHaveLength(throttlePolicy.freeFailures);
  });

  it('counts 16 concurrent attempts as 16: only as many are checked as the throttle allows', async () => {
    const user = await createUser({ email: `race-${uniq()}@test.example`, password: 'right password', name: 'Race' });
    const address = `race-${uniq()}`;
    const tries = Array.from({ length: 16 }, (_, i) => (i === 15 ? 'right password' : `wrong ${i}`));
    const results = await Promise.allSettled(tries.map((password) => verifyCredentials({ email: user.email, password, address })));
    const codes = results.map((r) => (r.status === 'fulfilled' ? 'OK' : (r.reason as { code: string }).code));
    // At most the free failures are checked at once; the rest are refused without a check.
    const checked = codes.filter((c) => c !== 'RATE_LIMITED').length;
    expect(checked).toBeLessThanOrEqual(throttlePolicy.freeFailures);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBe(16 - checked);
    expect(await getDb().loginAttempt.count({ where: { email: user.email, ip: address } })).toBe(16);
    const state = await getDb().loginThrottle.findFirstOrThrow({ where: { key: { endsWith: `|${address}` } } });
    expect(state.inflight).toBe(0);
  });

  it('refuses an address that sprays passwords across many accounts, and no one else', async () => {
    const sprayer = `spray-${uniq()}`;
    // The budget counts failed attempts from the address in the window; fill it directly rather than hash 50 passwords.
    await getDb().loginAttempt.createMany({ data: Array.from({ length: throttlePolicy.addressBudget }, (_, i) => ({ email: `victim-${i}@test.example`, ip: sprayer, succeeded: false })) });
    const user = await createUser({ email: `sprayed-${uniq()}@test.example`, password: 'right password', name: 'S' });
    await expectAppError(verifyCredentials({ email: user.email, password: 'right password', address: sprayer }), 'RATE_LIMITED', /from your address/);
    expect((await verifyCredentials({ email: user.email, password: 'right password', address: `fresh-${uniq()}` })).id).toBe(user.id);
  });

  it('forgets failures after a right password', async () => {
    const user = await createUser({ email: `reset-${uniq()}@test.example`, password: 'right password', name: 'R' });
    const address = `reset-${uniq()}`;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < throttlePolicy.freeFailures - 1; i++) await expectAppError(verifyCredentials({ email: user.email, password: 'nope', address }), 'UNAUTHENTICATED');
      expect((await verifyCredentials({ email: user.email, password: 'right password', address })).id).toBe(user.id);
    }
  });
});

describe('sign-up', () => {
  it('is throttled per address: an hour’s allowance, then a clear refusal; other addresses are not affected', async () => {
    const address = `signup-${uniq()}`;
    for (let i = 0; i < throttlePolicy.signUpsPerHour; i++) {
      await signUp({ email: `s${i}-${uniq()}@test.example`, password: 'long enough pass', name: `S${i}` }, address);
    }
    await expectAppError(signUp({ email: `over-${uniq()}@test.example`, password: 'long enough pass', name: 'Over' }, address), 'RATE_LIMITED', /Too many sign-ups from your address/);
    // Refused attempts count too: a failed one (a taken email) spends the allowance as well.
    const other = `signup-${uniq()}`;
    const email = `x-${uniq()}@test.example`;
    await signUp({ email, password: 'long enough pass', name: 'X' }, other);
    expect((await findUserByEmail(email))?.name).toBe('X');
  });

  it('answers the same for an email that has an account, and changes nothing of that account', async () => {
    const email = `taken-${uniq()}@test.example`;
    await createUser({ email, password: 'the owner’s password', name: 'Owner' });
    await expect(signUp({ email, password: 'an attacker’s pass', name: 'Attacker' }, `signup-${uniq()}`)).resolves.toBeUndefined();
    await expect(signUp({ email: `new-${uniq()}@test.example`, password: 'an attacker’s pass', name: 'New' }, `signup-${uniq()}`)).resolves.toBeUndefined();
    expect((await findUserByEmail(email))?.name).toBe('Owner');
    await expect(verifyCredentials({ email, password: 'the owner’s password', address: `a-${uniq()}` })).resolves.toMatchObject({ email });
    await expectAppError(verifyCredentials({ email, password: 'an attacker’s pass', address: `a-${uniq()}` }), 'UNAUTHENTICATED', /Wrong email or password/);
  });
});
