'use client';
import { useState, useTransition } from 'react';
import { createApiTokenAction, revokeApiTokenAction } from '@/lib/actions/tokens';
import type { ApiTokenSummary } from '@/lib/data/tokens';
import { Button } from '@/components/ui/button';
import { Field, FormError } from '@/components/ui/field';
import { Badge } from '@/components/ui/states';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { SecretReveal } from '@/components/ui/secret-reveal';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const formatDate = (iso: string | null) => (iso ? dateFormat.format(new Date(iso)) : '—');

function TokenRow({ token }: { token: ApiTokenSummary }) {
  const [error, setError] = useState<string>();
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
        ) : (
          <ConfirmAction
            label="Revoke"
            pendingLabel="Revoking…"
            ariaLabel={`Revoke ${token.name}`}
            warning="Scripts using it will stop working."
            onConfirm={async () => {
              const result = await revokeApiTokenAction(token.id);
              setError(result.ok ? undefined : result.error.message);
            }}
          />
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
      {created ? (
        <SecretReveal
          title={`Token “${created.name}” created. Copy it now: you will not see it again.`}
          secret={created.token}
          secretLabel="New API token"
          onDone={() => setCreated(undefined)}
        />
      ) : null}
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
