'use client';
import { useActionState } from 'react';
import { signUpAction, type FormState } from '@/lib/actions/auth';
import { Button } from '@/components/ui/button';
import { Field, FormError } from '@/components/ui/field';

export function SignupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(signUpAction, undefined);
  return (
    <form action={action} className="space-y-5" noValidate>
      <Field id="name" name="name" label="Name" autoComplete="name" required autoFocus defaultValue={state?.fields?.name} />
      <Field id="email" name="email" type="email" label="Email" autoComplete="email" required defaultValue={state?.fields?.email} />
      <Field id="password" name="password" type="password" label="Password" autoComplete="new-password" required hint="At least 8 characters." />
      <FormError message={state?.error} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating account…' : 'Create account'}
      </Button>
    </form>
  );
}
