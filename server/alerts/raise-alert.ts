import 'server-only';
import { webhookBody, type Alert } from '@/lib/domain/alerts.ts';
import { escapeHtml } from '@/lib/domain/link-email.ts';
import type { Db, Tx } from '@/server/db/client.ts';
import { insertRows } from '@/server/db/insert-rows.ts';

const ALERTED_ROLES = ['OPERATIONS', 'ADMIN'];

/**
 * Queues an alert for Operations: an email to each active Operations and Admin user, and a delivery
 * to each webhook subscribed to its event, all through the outboxes (delivered and retried by the
 * jobs). The alert's key makes it idempotent: raising it again, from any process, queues nothing more.
 */
export async function raiseAlert(db: Db | Tx, alert: Alert, now: Date): Promise<void> {
  const webhooks = await db.webhook.findMany({ where: { deletedAt: null }, select: { id: true, events: true } });
  const body = JSON.stringify(webhookBody(alert, alert.key, now));
  // ON CONFLICT DO NOTHING on both databases: a duplicate is skipped without aborting the caller's transaction.
  const subscribed = webhooks.filter((w) => w.events.split(',').includes(alert.event));
  await insertRows(db, 'WebhookDelivery', ['webhookId', 'eventKey', 'event', 'body', 'state', 'attempts', 'nextAttemptAt', 'createdAt'],
    subscribed.map((w) => [w.id, alert.key, alert.event, body, 'PENDING', 0, now, now]), { key: ['webhookId', 'eventKey'] });
  if (alert.event === 'webhook.test') return;
  const staff = await db.user.findMany({ where: { active: true, role: { in: ALERTED_ROLES } }, select: { id: true, email: true } });
  await insertRows(db, 'OutboxEmail', ['to', 'subject', 'text', 'html', 'state', 'attempts', 'nextAttemptAt', 'createdAt', 'kind', 'idempotencyKey'],
    staff.map((user) => [user.email, `CredOps alert: ${alert.text}`, alert.text, `<p>${escapeHtml(alert.text)}</p>`, 'PENDING', 0, now, now, 'ALERT', `alert:${alert.key}:${user.id}`]),
    { key: ['idempotencyKey'] });
}
