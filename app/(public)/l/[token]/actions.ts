'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { clientIp } from '@/server/request/client-ip.ts';
import { continueLink } from '@/server/links/continue-link.ts';

/** The human step of a link ("Continue"): only this consumes it, never the GET a mail scanner makes. */
export async function continueToFlanks(token: string): Promise<void> {
  const page = `/l/${encodeURIComponent(token)}`;
  let flanksUrl: string | null;
  try {
    flanksUrl = await continueLink(token, { ip: clientIp(await headers()) });
  } catch (error) {
    // Flanks (or our database) did not answer: the link was not used up, so the end user can retry.
    console.error('A link could not continue to Flanks:', error instanceof Error ? error.message : error);
    redirect(`${page}?unavailable=1`);
  }
  redirect(flanksUrl ?? page);
}
