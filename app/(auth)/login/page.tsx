import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { isSignupAllowed } from '@/lib/config';
import { getCurrentUser } from '@/lib/session';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; signedOut?: string; signedUp?: string; accountDeleted?: string }> }) {
  if (await getCurrentUser()) redirect('/projects');
  const { next, signedOut, signedUp, accountDeleted } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-lg font-semibold text-stone-900">Sign in</h1>
      {signedOut === 'everywhere' ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200">
          You are signed out in every browser.
        </p>
      ) : null}
      {accountDeleted ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200">
          Your account is deleted, with your annotations and comments.
        </p>
      ) : null}
      {signedUp ? (
        // Worded for both cases, because sign-up does not say which it was (lib/data/users.ts).
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200">
          Your account is ready: sign in with the email and password you chose. If that email already had an account, sign in with its password.
        </p>
      ) : null}
      <LoginForm next={next} />
      {isSignupAllowed() ? (
        <p className="mt-6 text-center text-sm text-stone-600">
          New here?{' '}
          <Link href="/signup" className="font-medium text-accent-600 hover:text-accent-700">
            Create an account
          </Link>
        </p>
      ) : null}
    </>
  );
}
