'use client';
import { signInAction } from '@/lib/actions/auth';
import { ActionForm, FormField, FormMessage, SubmitButton } from '@/components/ui/form';

export function LoginForm({ next }: { next?: string }) {
  return (
    <ActionForm action={signInAction} className="space-y-5" aria-label="Sign in">
      <input type="hidden" name="next" value={next ?? ''} />
      <FormField name="email" type="email" label="Email" autoComplete="email" required autoFocus />
      <FormField name="password" type="password" label="Password" autoComplete="current-password" required />
      <FormMessage />
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </ActionForm>
  );
}
