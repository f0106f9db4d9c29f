import type { Metadata } from 'next';
import { EndUserCard } from '@/components/links/end-user-card.tsx';
import { Button } from '@/components/ui/button.tsx';
import { endUserTranslator } from '@/server/i18n/end-user-copy.ts';
import { readLinkPageOnce } from '@/server/links/read-link-page.ts';
import { continueToFlanks } from './actions.ts';

const FAILURE_CODES = ['ABORTED_BY_USER', 'INVALID_CREDENTIALS', 'INVALID_SCA'] as const;
const isKnownFailure = (code: string | null): code is (typeof FAILURE_CODES)[number] => (FAILURE_CODES as readonly (string | null)[]).includes(code);

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const page = await readLinkPageOnce((await params).token);
  return { title: endUserTranslator(page.language, page.timeZone, 'linkPage')('documentTitle'), robots: { index: false, follow: false } };
}

// Reading this page changes nothing (mail scanners open every link with GET); only "Continue" does.
// It is written in the link's language, the one its email was written in.
export default async function LinkPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ unavailable?: string }> }) {
  const { token } = await params;
  const { unavailable } = await searchParams;
  const page = await readLinkPageOnce(token);
  const t = endUserTranslator(page.language, page.timeZone, 'linkPage');
  const askAgain = t('askAgain');
  if (!page.found) {
    return (
      <EndUserCard title={t('notFound.title')}>
        <p>{t('notFound.body')} {askAgain}</p>
      </EndUserCard>
    );
  }
  const institution = page.institutionName;
  switch (page.state) {
    case 'SENT':
      return (
        <EndUserCard title={t(`sent.title.${page.flow}`, { institution })}>
          <p>{t(`sent.body.${page.flow}`, { institution })}</p>
          <p>{t('sent.where')}</p>
          {unavailable && (
            <p role="alert" className="rounded-md bg-amber-50 p-2 text-amber-900">
              {t('sent.unavailable')}
            </p>
          )}
          <form action={continueToFlanks.bind(null, token)}>
            <Button type="submit">{t('sent.continue')}</Button>
          </form>
          <p className="text-xs text-slate-500">{t('sent.until', { expiresAt: page.expiresAt })}</p>
        </EndUserCard>
      );
    case 'COMPLETED':
      return (
        <EndUserCard title={t('completed.title')}>
          <p>{t('completed.body', { institution })}</p>
        </EndUserCard>
      );
    case 'FAILED':
      return (
        <EndUserCard title={t('failed.title')}>
          <p>
            {isKnownFailure(page.failureCode) ? t(`failed.reason.${page.failureCode}`, { institution }) : t('failed.reason.other', { institution, code: page.failureCode ?? '?' })} {askAgain}
          </p>
        </EndUserCard>
      );
    case 'OPENED':
      return (
        <EndUserCard title={t('used.title')}>
          <p>{t('used.body', { institution })}</p>
        </EndUserCard>
      );
    case 'EXPIRED':
      return (
        <EndUserCard title={t('expired.title')}>
          <p>{askAgain}</p>
        </EndUserCard>
      );
    case 'REVOKED':
      return (
        <EndUserCard title={t('revoked.title')}>
          <p>{t('revoked.body')} {askAgain}</p>
        </EndUserCard>
      );
  }
}
