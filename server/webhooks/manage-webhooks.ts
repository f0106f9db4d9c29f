import 'server-only';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/lib/domain/app-error.ts';
import { isAlertEvent, webhookBody } from '@/lib/domain/alerts.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import type { CreateWebhookInput, WebhookSummary, WebhookTestResult } from '@/lib/schemas/webhooks.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { deliverWebhooks } from './deliver-webhooks.ts';
import { webhookUrlProblem } from './webhook-destination.ts';
import { sealWebhookSecret } from './webhook-secrets.ts';

const LOG_LENGTH = 20;
interface Options {
  db?: Db;
  now?: Date;
  ip?: string | null;
  /** Whether receivers on internal addresses are allowed; by default ALLOW_PRIVATE_WEBHOOKS. */
  allowPrivate?: boolean;
}

/** The webhooks in use, each with its latest deliveries. The secret is never read back. */
export async function listWebhooks(actor: Actor, options: Options = {}): Promise<WebhookSummary[]> {
  assertCan(actor, 'settings.manage');
  const db = options.db ?? defaultDb;
  const webhooks = await db.webhook.findMany({
    where: { deletedAt: null },
    orderBy: { createdAt: 'asc' },
    include: { deliveries: { orderBy: { id: 'desc' }, take: LOG_LENGTH } },
  });
  return webhooks.map((w) => ({
    id: w.id,
    url: w.url,
    events: w.events.split(',').filter(isAlertEvent),
    createdAt: w.createdAt.toISOString(),
    deliveries: w.deliveries.map((d) => ({
      id: d.id,
      event: d.event,
      state: d.state,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
  }));
}

/** Adds a webhook after checking its URL may be sent to (http(s), no internal address unless allowed). Audited without the secret. */
export async function createWebhook(actor: Actor, input: CreateWebhookInput, options: Options = {}): Promise<WebhookSummary> {
  assertCan(actor, 'settings.manage');
  const problem = await webhookUrlProblem(input.url, options.allowPrivate);
  if (problem) throw new AppError('BAD_REQUEST', problem);
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const events = [...new Set(input.events)];
  const webhook = await db.$transaction(async (tx) => {
    const created = await tx.webhook.create({ data: { url: input.url, secretSealed: sealWebhookSecret(input.secret), events: events.join(','), createdAt: now, createdById: actor.id } });
    await recordAuditEvent(tx, { actor, action: 'webhook.create', target: { type: 'webhook', id: created.id }, details: { url: input.url, events }, ip: options.ip });
    return created;
  });
  return { id: webhook.id, url: webhook.url, events, createdAt: webhook.createdAt.toISOString(), deliveries: [] };
}

/** Stops a webhook; its delivery log stays. Deleting a deleted webhook changes nothing. */
export async function deleteWebhook(actor: Actor, id: string, options: Options = {}): Promise<{ id: string; deleted: true }> {
  assertCan(actor, 'settings.manage');
  const db = options.db ?? defaultDb;
  await db.$transaction(async (tx) => {
    const webhook = await tx.webhook.findUnique({ where: { id } });
    if (!webhook) throw new AppError('NOT_FOUND', 'No webhook has this id.');
    if (webhook.deletedAt) return;
    await tx.webhook.update({ where: { id }, data: { deletedAt: options.now ?? new Date() } });
    await tx.webhookDelivery.updateMany({ where: { webhookId: id, state: 'PENDING' }, data: { state: 'FAILED', lastError: 'The webhook was deleted.' } });
    await recordAuditEvent(tx, { actor, action: 'webhook.delete', target: { type: 'webhook', id }, details: { url: webhook.url }, ip: options.ip });
  });
  return { id, deleted: true };
}

/** Sends a signed test event to one webhook now and answers what the receiver returned; the attempt joins its log. */
export async function testWebhook(actor: Actor, id: string, options: Options = {}): Promise<WebhookTestResult> {
  assertCan(actor, 'settings.manage');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const webhook = await db.webhook.findUnique({ where: { id } });
  if (!webhook || webhook.deletedAt) throw new AppError('NOT_FOUND', 'No webhook has this id.');
  const key = `webhook.test:${randomUUID()}`;
  await db.$transaction(async (tx) => {
    await recordAuditEvent(tx, { actor, action: 'webhook.test', target: { type: 'webhook', id }, details: { url: webhook.url, key }, ip: options.ip });
    await tx.webhookDelivery.create({
      data: {
        webhookId: id,
        eventKey: key,
        event: 'webhook.test',
        body: JSON.stringify(webhookBody({ event: 'webhook.test', key, text: `CredOps test event from ${actor.email}: this webhook works.`, data: { by: actor.email } }, key, now)),
        nextAttemptAt: now,
        createdAt: now,
      },
    });
  });
  const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId_eventKey: { webhookId: id, eventKey: key } }, select: { id: true } });
  const [attempt] = await deliverWebhooks(db, { ids: [delivery.id], now, allowPrivate: options.allowPrivate });
  return { delivered: attempt?.state === 'DELIVERED', status: attempt?.status ?? null, error: attempt?.error ?? null };
}
