import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form.tsx';
import { getActor } from '@/server/auth/require-actor.ts';
import { ssoConfigured } from '@/server/env.ts';

export const metadata: Metadata = { title: 'Sign in' };

const SSO_ERRORS: Record<string, string> = {
  NoStaffAccount: 'There is no active CredOps staff account for that SSO email. Ask an Admin.',
  EmailNotVerified: 'Your identity provider has not verified that email address, so CredOps cannot trust it. Ask your IT team.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (await getActor()) redirect('/credentials');
  const { error } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to CredOps</h1>
        <p className="mt-1 text-sm text-slate-600">Staff only. Use your work email.</p>
        <SignInForm sso={ssoConfigured()} initialError={error ? (SSO_ERRORS[error] ?? null) : null} />
      </div>
    </main>
  );
}
