'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { clientIp } from '@/server/http/client-ip.ts';
import { continueLink } from '@/server/links/end-user-link.ts';

/** The human step of a link ("Continue"): only this consumes it, never the GET a mail scanner makes. */
export async function continueToFlanks(token: string): Promise<void> {
  const flanksUrl = await continueLink(token, { ip: clientIp(await headers()) });
  redirect(flanksUrl ?? `/l/${encodeURIComponent(token)}`);
}
