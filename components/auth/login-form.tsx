'use client';
import { useActionState } from 'react';
import { signInAction, type FormState } from '@/lib/actions/auth';
import { Button } from '@/components/ui/button';
import { Field, FormError } from '@/components/ui/field';

export function LoginForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, undefined);
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="next" value={next ?? ''} />
      <Field id="email" name="email" type="email" label="Email" autoComplete="email" required autoFocus defaultValue={state?.fields?.email} />
      <Field id="password" name="password" type="password" label="Password" autoComplete="current-password" required />
      <FormError message={state?.error} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
