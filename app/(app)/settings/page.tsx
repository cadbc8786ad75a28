import type { Metadata } from 'next';
import Link from 'next/link';
import { DeleteAccountForm, EmailForm, NameForm, PasswordForm } from '@/components/settings/account-forms';
import { ApiTokens } from '@/components/settings/api-tokens';
import { buttonClass } from '@/components/ui/button';
import { signOutEverywhereAction } from '@/lib/actions/auth';
import { getAccount } from '@/lib/data/account';
import { countOpenSessions } from '@/lib/data/sessions';
import { listApiTokens } from '@/lib/data/tokens';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const { actor } = await requireActor();
  const [user, tokens, sessions] = await Promise.all([getAccount(actor), listApiTokens(actor), countOpenSessions(actor)]);
  const section = 'space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200';
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="mt-1 text-sm text-stone-600">
          Signed in as {user.name} ({user.email}).
        </p>
      </div>
      <section className={section} aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="font-semibold text-stone-900">
          Your name
        </h2>
        <p className="-mt-2 text-sm text-stone-600">Shown to the other members of your projects, on annotations, comments and in the activity log.</p>
        <NameForm name={user.name} />
      </section>
      <section className={section} aria-labelledby="email-heading">
        <h2 id="email-heading" className="font-semibold text-stone-900">
          Email
        </h2>
        <p className="-mt-2 text-sm text-stone-600">The address you sign in with. Changing it needs your current password.</p>
        <EmailForm email={user.email} />
      </section>
      <section className={section} aria-labelledby="password-heading">
        <h2 id="password-heading" className="font-semibold text-stone-900">
          Password
        </h2>
        <p className="-mt-2 text-sm text-stone-600">
          Changing it signs out every other browser where you are signed in; this one stays signed in. API tokens are not affected.
        </p>
        <PasswordForm userInputs={[user.email, user.name]} />
      </section>
      <section className={section} aria-labelledby="api-tokens-heading">
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
      <section className={section} aria-labelledby="sessions-heading">
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
      <section className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-red-200" aria-labelledby="delete-account-heading">
        <h2 id="delete-account-heading" className="font-semibold text-red-800">
          Delete your account
        </h2>
        <div className="-mt-2 space-y-2 text-sm text-stone-700">
          <p>This cannot be undone. With your account go, in every project:</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              your own annotations ({user.annotations === 1 ? '1 annotation' : `${user.annotations} annotations`}), with the comments others wrote on them, so
              they no longer count in agreement figures;
            </li>
            <li>every comment you wrote ({user.comments === 1 ? '1 comment' : `${user.comments} comments`});</li>
            <li>your memberships, API tokens and signed-in browsers.</li>
          </ul>
          <p>
            Passages you accepted into a consensus layer stay, credited to one of the project’s owners. Each project’s activity log records that you
            left. Export a project first if you want to keep a copy of your annotations.
          </p>
        </div>
        {user.soleOwnerOf.length > 0 ? (
          <div role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
            You are the only owner of{' '}
            {user.soleOwnerOf.map((p, i) => (
              <span key={p.slug}>
                {i > 0 ? ', ' : ''}
                <Link href={`/projects/${p.slug}/members`} className="font-medium underline">
                  {p.name}
                </Link>
              </span>
            ))}
            . Make another member owner there, or delete the project in its settings, before deleting your account.
          </div>
        ) : null}
        <DeleteAccountForm email={user.email} blocked={user.soleOwnerOf.length > 0} />
      </section>
    </div>
  );
}
