import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth';
import { sessionUser } from '@/lib/data/sessions';
import type { PublicUser } from '@/lib/data/users';
import { userActor, type Actor } from '@/lib/data/actor';

/**
 * The signed-in user, loaded from the database (not only the cookie): the cookie's session must
 * still be open (lib/data/sessions.ts), so signing out, signing out everywhere and a deleted
 * account end access at once. Cached per request: layouts and pages may both ask.
 */
export const getCurrentUser = cache(async (): Promise<PublicUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return sessionUser((session as { sid?: string }).sid, id);
});

/** The id of the cookie's server-side session, to end it on sign-out. */
export async function currentSessionId(): Promise<string | null> {
  const session = await auth();
  const sid = (session as { sid?: string } | null)?.sid;
  return typeof sid === 'string' ? sid : null;
}

/** For pages: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<PublicUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  return user;
}

/**
 * For pages and actions: the acting user as the data layer wants it. Cached per request so that
 * a layout and its page pass the same actor object, which lets cached reads (lib/page-data) dedupe.
 */
export const requireActor = cache(async (): Promise<{ user: PublicUser; actor: Actor }> => {
  const user = await requireUser();
  return { user, actor: userActor(user.id) };
});
