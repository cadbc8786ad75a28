'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { changeEmailAction, changeNameAction, changePasswordAction, deleteAccountAction } from '@/lib/actions/account';
import { PasswordMeter } from '@/components/auth/password-meter';
import { ActionForm, FormField, FormMessage, SubmitButton } from '@/components/ui/form';

export function NameForm({ name }: { name: string }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  return (
    <ActionForm
      action={changeNameAction}
      aria-label="Change your name"
      className="space-y-3"
      onSuccess={() => {
        setSaved(true);
        router.refresh();
      }}
    >
      <FormField name="name" label="Name" autoComplete="name" defaultValue={name} maxLength={100} onChange={() => setSaved(false)} />
      <FormMessage success={saved ? 'Name saved.' : null} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save name
      </SubmitButton>
    </ActionForm>
  );
}

export function EmailForm({ email }: { email: string }) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <ActionForm
      action={changeEmailAction}
      aria-label="Change your email"
      className="space-y-3"
      onSuccess={(data, form) => {
        setSaved(`You now sign in as ${data.email}.`);
        const password = form.elements.namedItem('currentPassword');
        if (password instanceof HTMLInputElement) password.value = '';
        router.refresh();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField name="email" type="email" label="New email" autoComplete="email" defaultValue={email} onChange={() => setSaved(null)} />
        <FormField name="currentPassword" type="password" label="Current password" autoComplete="current-password" hint="To confirm it is you." />
      </div>
      <FormMessage success={saved} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Change email
      </SubmitButton>
    </ActionForm>
  );
}

export function PasswordForm({ userInputs }: { userInputs: string[] }) {
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  return (
    <ActionForm
      action={changePasswordAction}
      aria-label="Change your password"
      className="space-y-3"
      onSuccess={(data, form) => {
        form.reset();
        setPassword('');
        setDone(
          data.endedSessions === 0
            ? 'Password changed.'
            : `Password changed. ${data.endedSessions === 1 ? 'Your other signed-in browser was' : `Your ${data.endedSessions} other signed-in browsers were`} signed out.`,
        );
      }}
    >
      <FormField name="currentPassword" type="password" label="Current password" autoComplete="current-password" className="sm:max-w-sm" />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          name="newPassword"
          type="password"
          label="New password"
          autoComplete="new-password"
          aria-describedby="new-password-meter"
          onChange={(e) => {
            setPassword(e.target.value);
            setDone(null);
          }}
        >
          <PasswordMeter id="new-password-meter" password={password} userInputs={userInputs} />
        </FormField>
        <FormField name="confirmPassword" type="password" label="Repeat the new password" autoComplete="new-password" />
      </div>
      <FormMessage success={done} />
      <SubmitButton variant="secondary" pendingLabel="Changing…">
        Change password
      </SubmitButton>
    </ActionForm>
  );
}

export function DeleteAccountForm({ email, blocked }: { email: string; blocked: boolean }) {
  return (
    <ActionForm action={deleteAccountAction} aria-label="Delete your account" className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField name="confirmation" label={`Type your email, ${email}, to confirm`} autoComplete="off" spellCheck={false} disabled={blocked} />
        <FormField name="currentPassword" type="password" label="Current password" autoComplete="current-password" disabled={blocked} />
      </div>
      <FormMessage />
      <SubmitButton variant="danger" pendingLabel="Deleting…" disabled={blocked}>
        Delete my account
      </SubmitButton>
    </ActionForm>
  );
}
