import type { Metadata } from 'next';
import { ApiTokens } from '@/components/settings/api-tokens';
import { buttonClass } from '@/components/ui/button';
import { signOutEverywhereAction } from '@/lib/actions/auth';
import { countOpenSessions } from '@/lib/data/sessions';
import { listApiTokens } from '@/lib/data/tokens';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const { user, actor } = await requireActor();
  const [tokens, sessions] = await Promise.all([listApiTokens(actor), countOpenSessions(actor)]);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="mt-1 text-sm text-stone-600">
          Signed in as {user.name} ({user.email}).
        </p>
      </div>
      <section className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200" aria-labelledby="api-tokens-heading">
        <div>
          <h2 id="api-tokens-heading" className="font-semibold text-stone-900">
            API tokens
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            Personal tokens let scripts use the REST API as you, with your roles in each project. Send one as{' '}
            <code className="rounded bg-stone-100 px-1 font-mono text-xs">Authorization: Bearer plx_…</code>. Revoke a token you no
            longer use.
          </p>
        </div>
        <ApiTokens tokens={tokens} />
      </section>
      <section className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200" aria-labelledby="sessions-heading">
        <div>
          <h2 id="sessions-heading" className="font-semibold text-stone-900">
            Signed-in browsers
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            You are signed in in {sessions === 1 ? 'this browser only' : `${sessions} browsers, this one included`}. Signing out everywhere ends every
            one of those sessions at once, here too; API tokens are not affected (revoke them above).
          </p>
        </div>
        <form action={signOutEverywhereAction}>
          <button type="submit" className={buttonClass('secondary')}>
            Sign out everywhere
          </button>
        </form>
      </section>
    </div>
  );
}
