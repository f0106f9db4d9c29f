import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './delivery-retries.ts';
import { configuredTransport, DeliveryError, type EmailTransport } from './email-transport.ts';

// A sender that crashes mid-delivery leaves its claim behind; after this the email is tried again.
const CLAIM_MS = 5 * 60_000;
const BATCH = 50;

export interface DeliverySummary {
  sent: number;
  failed: number;
}

/**
 * Delivers due emails from the outbox. Each email is claimed first (a conditional update), so two
 * workers never hand the same email over twice; a failure stays in the outbox with its error and is
 * retried with backoff, until the server refuses it for good or the attempts run out.
 */
export async function deliverOutbox(
  db: Db,
  options: { transport?: EmailTransport; now?: Date; ids?: number[] } = {},
): Promise<DeliverySummary> {
  const transport = options.transport ?? configuredTransport();
  const now = options.now ?? new Date();
  const due = await db.outboxEmail.findMany({
    where: { state: 'PENDING', nextAttemptAt: { lte: now }, ...(options.ids ? { id: { in: options.ids } } : {}) },
    orderBy: { nextAttemptAt: 'asc' },
    take: BATCH,
  });
  const summary: DeliverySummary = { sent: 0, failed: 0 };
  for (const email of due) {
    const claim = await db.outboxEmail.updateMany({
      where: { id: email.id, state: 'PENDING', nextAttemptAt: email.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS), attempts: { increment: 1 } },
    });
    if (claim.count === 0) continue; // another worker has it
    const attempts = email.attempts + 1;
    try {
      await transport.send({ to: email.to, subject: email.subject, text: email.text, html: email.html });
      await db.outboxEmail.update({ where: { id: email.id }, data: { state: 'SENT', sentAt: new Date(), lastError: null } });
      summary.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const givingUp = (error instanceof DeliveryError && error.permanent) || attempts >= MAX_DELIVERY_ATTEMPTS;
      await db.outboxEmail.update({
        where: { id: email.id },
        data: givingUp ? { state: 'FAILED', lastError: message } : { lastError: message, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) },
      });
      summary.failed++;
    }
  }
  return summary;
}
