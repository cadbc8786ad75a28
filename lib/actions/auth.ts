'use server';
import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/lib/auth';
import { isSignupAllowed } from '@/lib/config';
import { userActor } from '@/lib/data/actor';
import { endMySessions, endSession } from '@/lib/data/sessions';
import { signUp } from '@/lib/data/users';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/client-address';
import { currentSessionId, getCurrentUser } from '@/lib/session';
import { toActionError, type ActionResult } from '@/lib/errors';
import { formFields } from './run';

/** Only same-site paths, so a crafted ?next= cannot send a user to another site after sign-in. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === 'string' ? value : '';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/projects';
}

export async function signInAction(form: FormData): Promise<ActionResult<null>> {
  const { email, password } = formFields(form, ['email', 'password']);
  // Empty fields are pointed at before asking Auth.js, which would only say "wrong".
  const missing = { ...(email.trim() === '' ? { email: 'Enter your email.' } : {}), ...(password === '' ? { password: 'Enter your password.' } : {}) };
  if (Object.keys(missing).length > 0) return { ok: false, error: { code: 'INVALID', message: 'Enter your email and password.', fieldErrors: missing } };
  try {
    await signIn('credentials', { email, password, redirectTo: safeNext(form.get('next')) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = 'code' in error ? String(error.code) : '';
      // One message for a wrong email or password, under neither field: which one was wrong is
      // exactly what must not be told.
      return code.startsWith('rate_limited')
        ? { ok: false, error: { code: 'RATE_LIMITED', message: `Too many failed sign-in attempts from here. ${code.split(':')[1] ?? 'Wait a few minutes'} and try again.` } }
        : { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong email or password.' } };
    }
    throw error; // includes Next's redirect signal on success
  }
  return { ok: true, data: null };
}

export async function signUpAction(form: FormData): Promise<ActionResult<null>> {
  if (!isSignupAllowed()) return { ok: false, error: { code: 'FORBIDDEN', message: 'Sign-up is turned off on this instance. Ask an administrator for an account.' } };
  try {
    await signUp(formFields(form, ['name', 'email', 'password']), clientAddress(await headers()));
  } catch (error) {
    return toActionError(error, 'signUpAction');
  }
  // The same answer whether the email was new or had an account already (lib/data/users.ts signUp).
  redirect('/login?signedUp=1');
}

/** Ends this browser's session on the server as well as its cookie: a copied cookie is dead too. */
export async function signOutAction(): Promise<void> {
  await endSession(await currentSessionId());
  await signOut({ redirect: false });
  redirect('/login');
}

/** Ends every session of the signed-in user, on every device, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await endMySessions(userActor(user.id));
  await signOut({ redirect: false });
  redirect('/login?signedOut=everywhere');
}
