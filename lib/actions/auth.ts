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
import { isAppError } from '@/lib/errors';

export type FormState = { error?: string; fields?: Record<string, string> } | undefined;

/** Only same-site paths, so a crafted ?next= cannot send a user to another site after sign-in. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === 'string' ? value : '';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/projects';
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get('email') ?? '');
  try {
    await signIn('credentials', { email, password: String(form.get('password') ?? ''), redirectTo: safeNext(form.get('next')) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = 'code' in error ? String(error.code) : '';
      return {
        error: code.startsWith('rate_limited') ? `Too many failed sign-in attempts from here. ${code.split(':')[1] ?? 'Wait a few minutes'} and try again.` : 'Wrong email or password.',
        fields: { email },
      };
    }
    throw error; // includes Next's redirect signal on success
  }
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  if (!isSignupAllowed()) return { error: 'Sign-up is turned off on this instance. Ask an administrator for an account.' };
  const input = { name: String(form.get('name') ?? ''), email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') };
  try {
    await signUp(input, clientAddress(await headers()));
  } catch (error) {
    if (isAppError(error)) return { error: error.message, fields: { name: input.name, email: input.email } };
    throw error;
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
