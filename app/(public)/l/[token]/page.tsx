import type { Metadata } from 'next';
import { EndUserCard } from '@/components/links/end-user-card.tsx';
import { Button } from '@/components/ui/button.tsx';
import { formatDay } from '@/lib/domain/time.ts';
import { readLinkPage } from '@/server/links/read-link-page.ts';
import { continueToFlanks } from './actions.ts';

export const metadata: Metadata = { title: 'Your account', robots: { index: false, follow: false } };

const ASK_AGAIN = 'Ask the person who sent you this link for a new one.';

const FAILURES: Record<string, (bank: string) => string> = {
  ABORTED_BY_USER: (bank) => `You cancelled before finishing, so nothing changed at ${bank}.`,
  INVALID_CREDENTIALS: (bank) => `${bank} did not accept the password.`,
  INVALID_SCA: (bank) => `${bank} did not accept the confirmation code.`,
};

// Reading this page changes nothing (mail scanners open every link with GET); only "Continue" does.
export default async function LinkPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ unavailable?: string }> }) {
  const { token } = await params;
  const { unavailable } = await searchParams;
  const page = await readLinkPage(token);
  if (!page.found) {
    return (
      <EndUserCard title="This link is not valid">
        <p>Check that you opened the whole link from the email. {ASK_AGAIN}</p>
      </EndUserCard>
    );
  }
  const bank = page.institutionName;
  switch (page.state) {
    case 'SENT':
      return (
        <EndUserCard title={page.flow === 'SCA' ? `Confirm access to your ${bank} account` : `Reconnect your ${bank} account`}>
          <p>
            {page.flow === 'SCA'
              ? `${bank} asks you to confirm your identity again. Until you do, your ${bank} data cannot be updated.`
              : `${bank} no longer accepts the login we have for you, for example because your password changed. Enter your current password to reconnect.`}
          </p>
          <p>You will continue at our banking data provider, Flanks, and come back here when you are done.</p>
          {unavailable && (
            <p role="alert" className="rounded-md bg-amber-50 p-2 text-amber-900">
              We could not reach Flanks just now. Your link still works: try again in a few minutes.
            </p>
          )}
          <form action={continueToFlanks.bind(null, token)}>
            <Button type="submit">Continue</Button>
          </form>
          <p className="text-xs text-slate-500">This link works once and expires on {formatDay(page.expiresAt)} (UTC).</p>
        </EndUserCard>
      );
    case 'COMPLETED':
      return (
        <EndUserCard title="All done">
          <p>Your {bank} account is connected again. You can close this page.</p>
        </EndUserCard>
      );
    case 'FAILED':
      return (
        <EndUserCard title="This did not work">
          <p>{FAILURES[page.failureCode ?? '']?.(bank) ?? `${bank} could not finish (${page.failureCode}).`} {ASK_AGAIN}</p>
        </EndUserCard>
      );
    case 'OPENED':
      return (
        <EndUserCard title="This link was already used">
          <p>If you did not finish at {bank}, {ASK_AGAIN.charAt(0).toLowerCase() + ASK_AGAIN.slice(1)}</p>
        </EndUserCard>
      );
    case 'EXPIRED':
      return (
        <EndUserCard title="This link has expired">
          <p>{ASK_AGAIN}</p>
        </EndUserCard>
      );
    case 'REVOKED':
      return (
        <EndUserCard title="This link was withdrawn">
          <p>A newer email may have replaced it: use the most recent one. {ASK_AGAIN}</p>
        </EndUserCard>
      );
  }
}
