'use client';
import { useState } from 'react';
import { signUpAction } from '@/lib/actions/auth';
import { ActionForm, FormField, FormMessage, SubmitButton } from '@/components/ui/form';
import { PasswordMeter } from './password-meter';

export function SignupForm() {
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const set = (key: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [key]: e.target.value }));
  return (
    <ActionForm action={signUpAction} className="space-y-5" aria-label="Create an account">
      <FormField name="name" label="Name" autoComplete="name" required autoFocus value={values.name} onChange={set('name')} />
      <FormField name="email" type="email" label="Email" autoComplete="email" required value={values.email} onChange={set('email')} />
      <FormField name="password" type="password" label="Password" autoComplete="new-password" required value={values.password} onChange={set('password')} aria-describedby="signup-password-meter">
        <PasswordMeter id="signup-password-meter" password={values.password} userInputs={[values.email, values.name]} />
      </FormField>
      <FormMessage />
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </ActionForm>
  );
}
