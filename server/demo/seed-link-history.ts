import 'server-only';
import { unlockFlowFor, type CredentialStatus } from '@/lib/domain/credential-status.ts';
import type { Actor } from '@/lib/domain/permissions.ts';
import { DAY_MS, HOUR_MS } from '@/lib/domain/time.ts';
import type { Db } from '@/server/db/client.ts';
import { mailboxTransport } from '@/server/email/email-transport.ts';
import { readSimulatedLink, completeSimulatedLink } from '@/server/flanks/simulator/simulator-link.ts';
import { Random } from '@/server/flanks/simulator/random.ts';
import { continueLink } from '@/server/links/continue-link.ts';
import { finishLink } from '@/server/links/finish-link.ts';
import { revokeLink } from '@/server/links/revoke-link.ts';
import { sendLink } from '@/server/links/send-link.ts';

/** What became of each link the demo sent, in the order the credentials are taken. */
const FATES = ['completed', 'completed', 'opened', 'sent', 'completed', 'failed', 'expired', 'revoked', 'sent', 'completed', 'opened', 'expired'] as const;
type Fate = (typeof FATES)[number];

export type LinkHistorySummary = Record<Fate, number>;

const LINK_TOKEN_IN_EMAIL = /\/l\/([A-Za-z0-9_-]{43})\b/;

/**
 * A history of SCA and Reset links for the demo, made by the real link code: account managers send
 * links to the contacts of Blocked and Pending SCA credentials; end users open some, finish some in
 * the simulated Flanks Link (the credential is then read again and turns Active), abandon one with a
 * Flanks error, and leave others to expire; a manager revokes one. The recovery funnel, the link
 * lists and the timelines then show what a working week looks like. Emails go to the built-in mailbox.
 */
export async function seedLinkHistory(db: Db, options: { seed: string; count?: number; now?: Date }): Promise<LinkHistorySummary> {
  const now = options.now ?? new Date();
  const random = new Random(`${options.seed}:links`);
  const managers = (await db.user.findMany({ where: { role: 'ACCOUNT_MANAGER', active: true }, orderBy: { email: 'asc' } })) as Actor[];
  const candidates = await db.credential.findMany({
    where: { status: { in: ['BLOCKED', 'PENDING_SCA'] }, contacts: { some: {} }, links: { none: {} } },
    select: { token: true, status: true, contacts: { select: { contact: { select: { email: true } } }, take: 1 } },
    orderBy: { id: 'asc' },
    take: options.count ?? 24,
  });
  const summary: LinkHistorySummary = { completed: 0, opened: 0, sent: 0, failed: 0, expired: 0, revoked: 0 };
  if (managers.length === 0) return summary; // no one to send them

  for (const [i, credential] of candidates.entries()) {
    const fate = FATES[i % FATES.length];
    const flow = unlockFlowFor(credential.status as CredentialStatus)!;
    const sender = managers[i % managers.length];
    // Expired links went out more than a week ago; the rest within the last three days.
    const sentAt = new Date(now.getTime() - (fate === 'expired' ? 9 * DAY_MS : random.int(6, 72) * HOUR_MS));
    const sent = await sendLink(sender, credential.token, { flow, email: credential.contacts[0].contact.email, replace: false }, { db, now: sentAt, transport: mailboxTransport });
    summary[fate]++;
    if (fate === 'sent' || fate === 'expired') continue;
    if (fate === 'revoked') {
      await revokeLink(sender, credential.token, sent.link.id, { db, now: new Date(sentAt.getTime() + HOUR_MS) });
      continue;
    }

    const email = await db.outboxEmail.findFirstOrThrow({ where: { linkId: sent.link.id }, orderBy: { id: 'asc' } });
    const linkToken = LINK_TOKEN_IN_EMAIL.exec(email.text)![1];
    const openedAt = new Date(Math.min(sentAt.getTime() + random.int(1, 5) * HOUR_MS, now.getTime() - HOUR_MS));
    const flanksUrl = await continueLink(linkToken, { db, now: openedAt });
    if (fate === 'opened' || !flanksUrl) continue;
    if (fate === 'failed') {
      await finishLink(linkToken, 'ABORTED_BY_USER', { db, now: new Date(openedAt.getTime() + 5 * 60_000) });
      continue;
    }
    // Finished now, after the seed's last poll, so the credential's new status is its latest news.
    const flowToken = new URL(flanksUrl).searchParams.get('token')!;
    const simulatorFlow = flow === 'SCA' ? 'sca' : 'reset';
    const view = await readSimulatedLink(db, simulatorFlow, flowToken, now);
    await completeSimulatedLink(db, simulatorFlow, flowToken, view!.demoAnswer, now);
    await finishLink(linkToken, null, { db, now });
  }
  return summary;
}
