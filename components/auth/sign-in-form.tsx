'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { MFA_CODE_REQUIRED } from '@/lib/domain/mfa.ts';

export function SignInForm({ sso, initialError }: { sso: boolean; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', { email: form.get('email'), password: form.get('password'), code: form.get('code') ?? '', redirect: false });
    setPending(false);
    if (result?.ok) {
      router.replace('/credentials');
      router.refresh();
    } else {
      // next-auth reports a plain rejection as "CredentialsSignin"; anything else is our message.
      if (result?.error === MFA_CODE_REQUIRED) setAskCode(true);
      setError(!result?.error || result.error === 'CredentialsSignin' ? (askCode ? 'Wrong email, password or code.' : 'Wrong email or password.') : result.error);
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
      </div>
      {askCode && (
        <div>
          <label htmlFor="code" className="block text-sm font-medium">Authentication code</label>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus required className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
      )}
      <p aria-live="polite" data-testid="sign-in-error" className="min-h-5 text-sm text-red-700">{error}</p>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
      {sso && (
        <Button type="button" variant="secondary" className="w-full" onClick={() => signIn('oidc', { callbackUrl: '/credentials' })}>
          Sign in with SSO
        </Button>
      )}
    </form>
  );
}
