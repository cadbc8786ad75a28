'use client';
import { useState, useTransition } from 'react';
import { createInviteAction } from '@/lib/actions/members';
import { roleLabels, roles } from '@/lib/permissions';
import { Button } from '@/components/ui/button';
import { Field, FormError, inputClass } from '@/components/ui/field';

/** The new link, shown once: only the token's hash is stored, so it cannot be displayed again. */
function InviteLink({ email, link, onDone }: { email: string; link: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  return (
    <div role="status" className="space-y-3 rounded-lg bg-emerald-50 p-4 ring-1 ring-inset ring-emerald-200">
      <p className="text-sm font-medium text-emerald-900">Invitation for {email} created.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code aria-label="Invitation link" className="min-w-0 flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-xs text-stone-900 ring-1 ring-inset ring-emerald-200">
          {link}
        </code>
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            // The clipboard API exists only in secure contexts (https or localhost).
            try {
              await navigator.clipboard.writeText(link);
              setCopied('yes');
            } catch {
              setCopied('failed');
            }
          }}
        >
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      <p className="text-xs text-emerald-900">No mail server is configured: send this link yourself. It works once, for 7 days.</p>
      {copied === 'failed' ? <p className="text-xs text-emerald-900">This browser did not allow copying; select the link and copy it by hand.</p> : null}
    </div>
  );
}

export function InviteForm({ slug }: { slug: string }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>('ANNOTATOR');
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ email: string; link: string }>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-4">
      {created ? <InviteLink email={created.email} link={created.link} onDone={() => setCreated(undefined)} /> : null}
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
