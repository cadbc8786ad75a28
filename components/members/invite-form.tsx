'use client';
import { useState, useTransition } from 'react';
import { createInviteAction } from '@/lib/actions/members';
import { roleLabels, roles } from '@/lib/permissions';
import { Button } from '@/components/ui/button';
import { Field, FormError, inputClass } from '@/components/ui/field';
import { SecretReveal } from '@/components/ui/secret-reveal';

export function InviteForm({ slug }: { slug: string }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>('ANNOTATOR');
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ email: string; link: string }>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-4">
      {created ? (
        <SecretReveal
          title={`Invitation for ${created.email} created.`}
          secret={created.link}
          secretLabel="Invitation link"
          note="No mail server is configured: send this link yourself. It works once, for 7 days."
          onDone={() => setCreated(undefined)}
        />
      ) : null}
      <form
        className="flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(async () => {
            const result = await createInviteAction(slug, { email, role });
            if (!result.ok) return setError(result.error.message);
            setError(undefined);
            setEmail('');
            setCreated({ email: result.data.email, link: `${window.location.origin}/invite/${result.data.token}` });
          });
        }}
      >
        <Field
          id="invite-email"
          label="Email"
          type="email"
          autoComplete="off"
          placeholder="colleague@example.org"
          className="min-w-60 flex-1"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div>
          <label htmlFor="invite-role" className="mb-1.5 block text-sm font-medium text-stone-700">
            Role
          </label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value)} className={inputClass}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Inviting…' : 'Invite'}
        </Button>
      </form>
      <FormError message={error} />
    </div>
  );
}
