import type { Metadata } from 'next';
import Link from 'next/link';
import { ChangePasswordForm } from '@/components/account/change-password-form.tsx';
import { DigestPreferencesForm } from '@/components/account/digest-preferences-form.tsx';
import { MfaSetup } from '@/components/account/mfa-setup.tsx';
import { SignOutEverywhereButton } from '@/components/account/sign-out-everywhere-button.tsx';
import { getAccount } from '@/server/account/get-account.ts';
import { inAccountSetup, requireActor } from '@/server/auth/require-actor.ts';
import { env } from '@/server/env.ts';

export const metadata: Metadata = { title: 'Your account' };

// Outside the console's layout: a user who must replace a one-time password sees only this page.
export default async function AccountPage() {
  const actor = await requireActor({ duringAccountSetup: true });
  const { mfaEnabledAt, digestEnabled, timeZone } = await getAccount(actor);
  const setup = inAccountSetup(actor);
  return (
    <main className="mx-auto max-w-lg space-y-8 p-6">
      <div>
        {!setup && <Link href="/credentials" className="text-sm underline">← Back to CredOps</Link>}
        <h1 className="mt-2 text-2xl font-semibold">Your account</h1>
        <p className="text-sm text-slate-600">{actor.name} · {actor.email}</p>
      </div>
      {actor.mustChangePassword && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          You signed in with a one-time password. Choose your own to continue: the one you were given stops working.
        </p>
      )}
      {!actor.mustChangePassword && actor.mustEnrolMfa && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Your role requires two-factor authentication. Set it up to continue.
        </p>
      )}
      {!setup && (
        <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="mb-4 font-semibold">Daily digest</h2>
          <DigestPreferencesForm digestEnabled={digestEnabled} timeZone={timeZone} companyTimeZone={env.DEFAULT_TIME_ZONE} />
        </section>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="mb-4 font-semibold">Password</h2>
        <ChangePasswordForm next={actor.mustChangePassword ? (actor.mustEnrolMfa ? '/account' : '/credentials') : null} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="mb-2 font-semibold">Two-factor authentication</h2>
        {actor.mustChangePassword ? (
          <p className="text-sm text-slate-600">Choose your password first.</p>
        ) : (
          <MfaSetup enabledAt={mfaEnabledAt} required={actor.mustEnrolMfa} next={actor.mustEnrolMfa ? '/credentials' : null} />
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="mb-2 font-semibold">Sessions</h2>
        <p className="mb-4 text-sm text-slate-600">A session ends by itself after a while without use, and at the latest a working day after signing in.</p>
        <SignOutEverywhereButton />
      </section>
    </main>
  );
}
