'use client';
import { useState, useTransition } from 'react';
import { createApiTokenAction, revokeApiTokenAction } from '@/lib/actions/tokens';
import type { ApiTokenSummary } from '@/lib/data/tokens';
import { Button } from '@/components/ui/button';
import { Field, FormError } from '@/components/ui/field';
import { Badge } from '@/components/ui/states';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const formatDate = (iso: string | null) => (iso ? dateFormat.format(new Date(iso)) : '—');

/** The new token, shown once: only its hash is stored, so it cannot be displayed again later. */
function NewToken({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  return (
    <div role="status" className="space-y-3 rounded-lg bg-emerald-50 p-4 ring-1 ring-inset ring-emerald-200">
      <p className="text-sm font-medium text-emerald-900">Token “{name}” created. Copy it now: you will not see it again.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code aria-label="New API token" className="min-w-0 flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-xs text-stone-900 ring-1 ring-inset ring-emerald-200">
          {token}
        </code>
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            // The clipboard API exists only in secure contexts (https or localhost).
            try {
              await navigator.clipboard.writeText(token);
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
      {copied === 'failed' ? <p className="text-xs text-emerald-900">This browser did not allow copying; select the token and copy it by hand.</p> : null}
    </div>
  );
}

function TokenRow({ token }: { token: ApiTokenSummary }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <tr className="align-top">
      <td className="py-3 pr-4 font-medium text-stone-900">{token.name}</td>
      <td className="py-3 pr-4 font-mono text-xs text-stone-600">plx_{token.prefix}…</td>
      <td className="py-3 pr-4 text-stone-600">{formatDate(token.createdAt)}</td>
      <td className="py-3 pr-4 text-stone-600">{token.lastUsedAt ? formatDate(token.lastUsedAt) : 'never'}</td>
      <td className="py-3 text-right">
        {token.revokedAt ? (
          <span title={`Revoked ${formatDate(token.revokedAt)}`}>
            <Badge>Revoked</Badge>
          </span>
        ) : confirming ? (
          <span className="inline-flex flex-wrap items-center justify-end gap-2">
            <span className="text-xs text-stone-600">Scripts using it will stop working.</span>
            <Button
              type="button"
              variant="danger"
              className="px-2.5 py-1"
              disabled={pending}
              onClick={() =>
                startTransition(async () => {
                  const result = await revokeApiTokenAction(token.id);
                  if (!result.ok) setError(result.error.message);
                  setConfirming(false);
                })
              }
            >
              {pending ? 'Revoking…' : 'Revoke'}
            </Button>
            <Button type="button" variant="ghost" className="px-2.5 py-1" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </span>
        ) : (
          <Button type="button" variant="ghost" className="px-2.5 py-1 text-red-700" onClick={() => setConfirming(true)} aria-label={`Revoke ${token.name}`}>
            Revoke…
          </Button>
        )}
        {error ? <p className="mt-1 text-xs text-red-700">{error}</p> : null}
      </td>
    </tr>
  );
}

export function ApiTokens({ tokens }: { tokens: ApiTokenSummary[] }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-5">
      {created ? <NewToken name={created.name} token={created.token} onDone={() => setCreated(undefined)} /> : null}
      <form
        className="flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(async () => {
            const result = await createApiTokenAction({ name });
            if (!result.ok) return setError(result.error.message);
            setError(undefined);
            setName('');
            setCreated({ name: result.data.name, token: result.data.token });
          });
        }}
      >
        <Field
          id="token-name"
          label="New token name"
          placeholder="e.g. export script on my laptop"
          className="min-w-60 flex-1"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create token'}
        </Button>
      </form>
      <FormError message={error} />
      {tokens.length === 0 ? (
        <p className="text-sm text-stone-500">You have no API tokens yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-stone-200 text-xs uppercase tracking-wide text-stone-500">
              <tr>
                <th scope="col" className="pb-2 pr-4 font-medium">Name</th>
                <th scope="col" className="pb-2 pr-4 font-medium">Token</th>
                <th scope="col" className="pb-2 pr-4 font-medium">Created</th>
                <th scope="col" className="pb-2 pr-4 font-medium">Last used</th>
                <th scope="col" className="pb-2 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {tokens.map((t) => (
                <TokenRow key={t.id} token={t} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
