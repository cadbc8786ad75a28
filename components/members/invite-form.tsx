'use client';
import { useState } from 'react';
import { createInviteAction } from '@/lib/actions/members';
import { roleLabels, roles } from '@/lib/permissions';
import { inputClass } from '@/components/ui/field';
import { ActionForm, FormField, FormMessage, SubmitButton, useFieldProps } from '@/components/ui/form';
import { SecretReveal } from '@/components/ui/secret-reveal';

export function InviteForm({ slug }: { slug: string }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>('ANNOTATOR');
  const [created, setCreated] = useState<{ email: string; link: string }>();
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
      <ActionForm
        aria-label="Invite a member"
        className="space-y-3"
        action={() => createInviteAction(slug, { email, role })}
        onSuccess={(data) => {
          setEmail('');
          setCreated({ email: data.email, link: `${window.location.origin}/invite/${data.token}` });
        }}
      >
        <div className="flex flex-wrap items-start gap-3">
          <FormField
            name="email"
            label="Email"
            type="email"
            autoComplete="off"
            placeholder="colleague@example.org"
            className="min-w-60 flex-1"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <RoleSelect role={role} setRole={setRole} />
          <SubmitButton className="mt-7" pendingLabel="Inviting…">
            Invite
          </SubmitButton>
        </div>
        <FormMessage />
      </ActionForm>
    </div>
  );
}

function RoleSelect({ role, setRole }: { role: string; setRole: (role: string) => void }) {
  const f = useFieldProps('role');
  return (
    <div>
      <label htmlFor={f.inputId} className="mb-1.5 block text-sm font-medium text-stone-700">
        Role
      </label>
      <select {...f.controlProps} value={role} onChange={(e) => setRole(e.target.value)} className={inputClass}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {roleLabels[r]}
          </option>
        ))}
      </select>
      {f.error ? (
        <p id={f.errorId} className="mt-1 text-xs text-red-700">
          {f.error}
        </p>
      ) : null}
    </div>
  );
}
