import 'server-only';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '@/lib/passwords';
import { createUserSchema, signInSchema, signUpSchema, type SignUpInput } from '@/lib/validations/auth';
import { parseOrThrow } from '@/lib/validations/parse';
import { Prisma } from '@/lib/generated/prisma/client';
import { pairKey, throttlePolicy, waitPhrase } from '@/lib/auth/throttle';
import { endAllSessions } from './sessions';

export type PublicUser = { id: string; email: string; name: string };

/** Creates an account; CONFLICT when the email is taken. Used by sign-up, the CLI and the seed. */
export async function createUser(input: SignUpInput): Promise<PublicUser> {
  const { name, email, password } = parseOrThrow(createUserSchema, input);
  const passwordHash = await hashPassword(password);
  try {
    return await getDb().user.create({
      data: { name, email, passwordHash },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('CONFLICT', `An account for ${email} already exists.`);
    }
    throw error;
  }
}

/**
 * Self-service sign-up: an account, throttled per client address (lib/auth/throttle.ts), so that
 * sign-up cannot be used to create accounts in bulk or to test many emails quickly. Every attempt
 * counts, made or refused, in one statement.
 *
 * It answers the same whether or not the email already has an account (nothing is changed then),
 * and takes as long either way (the password is hashed before the insert is tried): an answer that
 * differed would tell anyone which emails have accounts. So sign-up does not sign in; the person
 * signs in next, with the password they chose.
 */
export async function signUp(input: SignUpInput, address: string | null): Promise<void> {
  // Checked before the throttle counts the attempt, so fixing a form's mistakes does not spend the
  // address's budget; a guessable password is refused here, not in createUser (the operator's door).
  parseOrThrow(signUpSchema, input);
  // Without a known address (`next dev`, a bare `next start`) every client would share one bucket,
  // and ten sign-ups would close sign-up for everyone: then there is no per-address limit.
  if (address !== null) {
    const now = new Date();
    const hourAgo = new Date(now.getTime() - 60 * 60_000);
    const [row] = await getDb().$queryRaw<{ failures: number }[]>`
      INSERT INTO "LoginThrottle" AS t ("key", "failures", "lastFailureAt") VALUES (${`signup:${address}`}, 1, ${now}::timestamp(3))
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN t."lastFailureAt" < ${hourAgo}::timestamp(3) THEN 1 ELSE t."failures" + 1 END,
        "lastFailureAt" = CASE WHEN t."lastFailureAt" < ${hourAgo}::timestamp(3) THEN ${now}::timestamp(3) ELSE t."lastFailureAt" END
      RETURNING "failures"`;
    if ((row?.failures ?? 0) > throttlePolicy.signUpsPerHour) {
      throw new AppError('RATE_LIMITED', 'Too many sign-ups from your address in the last hour. Try again later, or ask an administrator for an account.');
    }
  }
  try {
    await createUser(input);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return;
    throw error;
  }
}

/** Sets a new password; for the CLI (`users add` on an existing account) and later a settings page. */
export async function setUserPassword(email: string, password: string): Promise<void> {
  const parsed = parseOrThrow(createUserSchema.pick({ email: true, password: true }), { email, password });
  const passwordHash = await hashPassword(parsed.password);
  const result = await getDb().user.updateMany({ where: { email: parsed.email }, data: { passwordHash } });
  if (result.count === 0) throw new AppError('NOT_FOUND', `No account for ${parsed.email}.`);
  // A new password ends every session the old one opened.
  const user = await getDb().user.findUniqueOrThrow({ where: { email: parsed.email }, select: { id: true } });
  await endAllSessions(user.id);
}

export async function findUserByEmail(email: string): Promise<PublicUser | null> {
  return getDb().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, name: true } });
}

export async function getUserById(id: string): Promise<PublicUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return getDb().user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
}

/**
 * Checks an email and password, recording the attempt. Throws RATE_LIMITED when this account and
 * address pair must wait (lib/auth/throttle.ts) or the address has spent its budget of failures,
 * and UNAUTHENTICATED with one message for a wrong email or password alike (telling them apart
 * would reveal which accounts exist). `address` is the client's (lib/client-address.ts), null when
 * it cannot be known.
 */
export async function verifyCredentials(input: { email: unknown; password: unknown; address: string | null }): Promise<PublicUser> {
  const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) throw new AppError('UNAUTHENTICATED', 'Enter your email and password.');
  const { email, password } = parsed.data;
  const db = getDb();
  const ip = input.address ?? 'unknown';
  const now = new Date();
  const windowStart = new Date(now.getTime() - throttlePolicy.forgetAfterMinutes * 60_000);
  const refuse = async (message: string): Promise<never> => {
    await db.loginAttempt.create({ data: { email, ip, succeeded: false, throttled: true } });
    throw new AppError('RATE_LIMITED', message);
  };

  // An address that has failed on many accounts is spraying passwords: it waits out the window.
  if (input.address !== null) {
    const failures = await db.loginAttempt.count({ where: { ip, succeeded: false, throttled: false, createdAt: { gte: windowStart } } });
    if (failures >= throttlePolicy.addressBudget) {
      await refuse(`Too many failed sign-ins from your address. ${waitPhrase(throttlePolicy.forgetAfterMinutes * 60)} and try again.`);
    }
  }

  // Reserve the right to check this attempt, in one statement: while the pair's failures are
  // still free, as many at once as remain free; after that one at a time, once its wait is over.
  const key = pairKey(email, input.address);
  const stale = new Date(now.getTime() - throttlePolicy.staleReservationSeconds * 1000);
  const free = throttlePolicy.freeFailures;
  const reserved = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "LoginThrottle" AS t ("key", "failures", "inflight", "reservedAt") VALUES (${key}, 0, 1, ${now}::timestamp(3))
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN t."lastFailureAt" < ${windowStart}::timestamp(3) THEN 0 ELSE t."failures" END,
      "inflight" = CASE WHEN t."reservedAt" < ${stale}::timestamp(3) THEN 1 ELSE t."inflight" + 1 END,
      "reservedAt" = ${now}::timestamp(3)
    WHERE (t."blockedUntil" IS NULL OR t."blockedUntil" <= ${now}::timestamp(3) OR t."lastFailureAt" < ${windowStart}::timestamp(3))
      AND ((CASE WHEN t."lastFailureAt" < ${windowStart}::timestamp(3) THEN 0 ELSE t."failures" END) + (CASE WHEN t."reservedAt" < ${stale}::timestamp(3) THEN 0 ELSE t."inflight" END) < ${free}::int
        OR (CASE WHEN t."reservedAt" < ${stale}::timestamp(3) THEN 0 ELSE t."inflight" END) = 0)
    RETURNING "failures"`;
  if (reserved.length === 0) {
    const state = await db.loginThrottle.findUnique({ where: { key }, select: { blockedUntil: true } });
    const wait = state?.blockedUntil ? (state.blockedUntil.getTime() - now.getTime()) / 1000 : 1;
    await refuse(`Too many failed sign-in attempts. ${waitPhrase(wait)} and try again.`);
  }

  let ok = false;
  try {
    const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
    ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
    await db.loginAttempt.create({ data: { email, ip, succeeded: ok } });
    if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Wrong email or password.');
    return { id: user.id, email: user.email, name: user.name };
  } finally {
    const done = new Date();
    await db.$executeRaw`
      UPDATE "LoginThrottle" SET
        "inflight" = GREATEST("inflight" - 1, 0),
        "failures" = CASE WHEN ${ok}::boolean THEN 0 ELSE "failures" + 1 END,
        "lastFailureAt" = CASE WHEN ${ok}::boolean THEN NULL ELSE ${done}::timestamp(3) END,
        "blockedUntil" = CASE WHEN ${ok}::boolean OR "failures" + 1 < ${free}::int THEN NULL
          ELSE ${done}::timestamp(3) + make_interval(secs => LEAST(power(2, "failures" + 1 - ${free}::int), ${throttlePolicy.maxWaitSeconds}::int)) END
      WHERE "key" = ${key}`;
  }
}
