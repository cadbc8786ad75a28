import 'server-only';
import { getDb } from '@/lib/db';
import { requireUserId } from './access';
import type { Actor } from './actor';
import type { PublicUser } from './users';

// Browser sessions that can end. The session cookie is a signed JWT that names a UserSession row;
// the row, not the cookie, decides whether it still signs someone in, so signing out, "sign out
// everywhere" and a password change take effect on the next request, on every app instance.

const sessionId = /^[0-9a-f-]{36}$/i;

/** A new session for a user who has just proved who they are; its id goes into the cookie. */
export async function startSession(userId: string): Promise<string> {
  const row = await getDb().userSession.create({ data: { userId }, select: { id: true } });
  return row.id;
}

/** The user a cookie's session signs in, or null when the session is unknown, revoked or not theirs. */
export async function sessionUser(sid: unknown, userId: unknown): Promise<PublicUser | null> {
  if (typeof sid !== 'string' || typeof userId !== 'string' || !sessionId.test(sid) || !sessionId.test(userId)) return null;
  const row = await getDb().userSession.findFirst({
    where: { id: sid, userId, revokedAt: null },
    select: { user: { select: { id: true, email: true, name: true } } },
  });
  return row?.user ?? null;
}

/** Ends one session (sign-out). Ending one that has already ended is not an error. */
export async function endSession(sid: unknown): Promise<void> {
  if (typeof sid !== 'string' || !sessionId.test(sid)) return;
  await getDb().userSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of a user ("sign out everywhere", a password change); returns how many. */
export async function endAllSessions(userId: string): Promise<number> {
  const { count } = await getDb().userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

/** How many open sessions the acting user has (for the settings page). */
export async function countOpenSessions(actor: Actor): Promise<number> {
  return getDb().userSession.count({ where: { userId: requireUserId(actor), revokedAt: null } });
}

/** "Sign out everywhere": ends every session of the acting user. */
export async function endMySessions(actor: Actor): Promise<number> {
  return endAllSessions(requireUserId(actor));
}

/** Ends every session of a user but `keep` (a password change keeps the browser that made it). */
export async function endOtherSessions(userId: string, keep: string | null): Promise<number> {
  const { count } = await getDb().userSession.updateMany({
    where: { userId, revokedAt: null, ...(keep && sessionId.test(keep) ? { id: { not: keep } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}
