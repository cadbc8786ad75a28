import 'server-only';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '@/lib/passwords';
import { signInSchema, signUpSchema, type SignUpInput } from '@/lib/validations/auth';
import { parseOrThrow } from '@/lib/validations/parse';
import { Prisma } from '@/lib/generated/prisma/client';

export type PublicUser = { id: string; email: string; name: string };

// Sign-in rate limits: failures per account and per client address in a sliding window. Kept in
// PostgreSQL so the limit holds across app instances and restarts.
export const loginLimits = { windowMinutes: 15, perEmail: 5, perIp: 30 } as const;

/** Creates an account; CONFLICT when the email is taken. Used by sign-up, the CLI and the seed. */
export async function createUser(input: SignUpInput): Promise<PublicUser> {
  const { name, email, password } = parseOrThrow(signUpSchema, input);
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

/** Sets a new password; for the CLI (`users add` on an existing account) and later a settings page. */
export async function setUserPassword(email: string, password: string): Promise<void> {
  const parsed = parseOrThrow(signUpSchema.pick({ email: true, password: true }), { email, password });
  const passwordHash = await hashPassword(parsed.password);
  const result = await getDb().user.updateMany({ where: { email: parsed.email }, data: { passwordHash } });
  if (result.count === 0) throw new AppError('NOT_FOUND', `No account for ${parsed.email}.`);
}

export async function findUserByEmail(email: string): Promise<PublicUser | null> {
  return getDb().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, name: true } });
}

export async function getUserById(id: string): Promise<PublicUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return getDb().user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
}

/**
 * Checks an email and password, recording the attempt. Throws RATE_LIMITED when the account or the
 * address has failed too often recently, and UNAUTHENTICATED with one message for a wrong email or
 * password alike (telling them apart would reveal which accounts exist).
 */
export async function verifyCredentials(input: { email: unknown; password: unknown; ip: string }): Promise<PublicUser> {
  const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) throw new AppError('UNAUTHENTICATED', 'Enter your email and password.');
  const { email, password } = parsed.data;
  const db = getDb();
  const since = new Date(Date.now() - loginLimits.windowMinutes * 60_000);
  const [emailFailures, ipFailures] = await Promise.all([
    db.loginAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since } } }),
    db.loginAttempt.count({ where: { ip: input.ip, succeeded: false, createdAt: { gte: since } } }),
  ]);
  if (emailFailures >= loginLimits.perEmail || ipFailures >= loginLimits.perIp) {
    throw new AppError(
      'RATE_LIMITED',
      `Too many failed sign-in attempts. Wait ${loginLimits.windowMinutes} minutes and try again.`,
    );
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  await db.loginAttempt.create({ data: { email, ip: input.ip, succeeded: ok } });
  if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Wrong email or password.');
  return { id: user.id, email: user.email, name: user.name };
}
