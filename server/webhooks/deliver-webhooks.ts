import 'server-only';
import { deliveryVerdict } from '@/lib/domain/alerts.ts';
import type { Db } from '@/server/db/client.ts';
import { retryDelayMs } from '@/server/email/delivery-retries.ts';
import { postToWebhook } from './webhook-destination.ts';
import { openWebhookSecret } from './webhook-secrets.ts';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.ts';

const BATCH = 50;
// A claim outlives the longest attempt, so only a dead sender's delivery is tried again.
const TIMEOUT_MS = 10_000;
const CLAIM_MS = 3 * TIMEOUT_MS;
/** About a day of backoff; then the delivery is given up and shows as failed in the log. */
export const MAX_WEBHOOK_ATTEMPTS = 12;

export interface WebhookAttempt {
  id: number;
  state: 'DELIVERED' | 'PENDING' | 'FAILED';
  status: number | null;
  error: string | null;
}

/**
 * POSTs due webhook deliveries, each claimed first (a conditional update), signed with its
 * webhook's secret and a fresh timestamp. A 2xx delivers it; no answer, a 5xx, 408 or 429 retries
 * it with backoff; any other answer (410 Gone, a redirect, which is never followed) gives it up.
 */
export interface WebhookDeliveryOptions {
  now?: Date;
  ids?: number[];
  /** Whether receivers on internal addresses are allowed; by default ALLOW_PRIVATE_WEBHOOKS. */
  allowPrivate?: boolean;
}

export async function deliverWebhooks(db: Db, options: WebhookDeliveryOptions = {}): Promise<WebhookAttempt[]> {
  const now = options.now ?? new Date();
  const due = await db.webhookDelivery.findMany({
    where: { state: { in: ['PENDING', 'SENDING'] }, nextAttemptAt: { lte: now }, ...(options.ids && { id: { in: options.ids } }) },
    orderBy: { nextAttemptAt: 'asc' },
    take: BATCH,
    include: { webhook: true },
  });
  const attempts: WebhookAttempt[] = [];
  for (const delivery of due) {
    const { count } = await db.webhookDelivery.updateMany({
      where: { id: delivery.id, state: delivery.state, attempts: delivery.attempts, nextAttemptAt: delivery.nextAttemptAt },
      data: { state: 'SENDING', nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
    });
    if (!count) continue;
    const { status, error, refused } = await post(delivery.webhook, delivery.body, delivery.event, delivery.id, options.allowPrivate);
    const tries = delivery.attempts + 1;
    // A test event answers the Admin now; retrying it later would only surprise the receiver.
    const verdict = refused ? 'GIVE_UP' : delivery.event === 'webhook.test' && deliveryVerdict(status) === 'RETRY' ? 'GIVE_UP' : deliveryVerdict(status);
    const state = verdict === 'DELIVERED' ? 'DELIVERED' : verdict === 'RETRY' && tries < MAX_WEBHOOK_ATTEMPTS ? 'PENDING' : 'FAILED';
    await db.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        state,
        attempts: tries,
        lastStatus: status,
        lastError: error,
        deliveredAt: state === 'DELIVERED' ? new Date() : null,
        nextAttemptAt: state === 'PENDING' ? new Date(Date.now() + retryDelayMs(tries)) : now,
      },
    });
    attempts.push({ id: delivery.id, state, status, error });
  }
  return attempts;
}

async function post(webhook: { url: string; secretSealed: string; deletedAt: Date | null }, body: string, event: string, id: number, allowPrivate: boolean | undefined): Promise<{ status: number | null; error: string | null; refused?: true }> {
  // Not sent at all, so nothing to retry: the webhook is gone, or its host now resolves somewhere internal.
  if (webhook.deletedAt) return { status: null, error: 'The webhook was deleted.', refused: true };
  try {
    const answer = await postToWebhook(
      webhook.url,
      {
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'CredOps-Webhook/1',
          'X-CredOps-Event': event,
          'X-CredOps-Delivery': String(id),
          [SIGNATURE_HEADER]: signWebhook(openWebhookSecret(webhook.secretSealed), body, new Date()),
        },
        body,
        timeoutMs: TIMEOUT_MS,
      },
      { allowPrivate },
    );
    if ('refused' in answer) return { status: null, error: answer.refused, refused: true };
    const ok = answer.status >= 200 && answer.status < 300;
    return { status: answer.status, error: ok ? null : `The receiver answered ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}.` };
  } catch (error) {
    return { status: null, error: `No answer from the receiver: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}` };
  }
}
