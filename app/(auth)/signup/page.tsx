import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignupForm } from '@/components/auth/signup-form';
import { isSignupAllowed } from '@/lib/config';
import { getCurrentUser } from '@/lib/session';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignupPage() {
  if (await getCurrentUser()) redirect('/projects');
  return (
    <>
      <h1 className="mb-6 text-lg font-semibold text-stone-900">Create an account</h1>
      {isSignupAllowed() ? (
        <SignupForm />
      ) : (
        <p className="text-sm text-stone-600">Sign-up is turned off on this instance. Ask an administrator for an account.</p>
      )}
      <p className="mt-6 text-center text-sm text-stone-600">
        Have an account?{' '}
        <Link href="/login" className="font-medium text-accent-600 hover:text-accent-700">
          Sign in
        </Link>
      </p>
    </>
  );
}
