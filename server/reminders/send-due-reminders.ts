import 'server-only';
import type { CredentialStatus, LinkFlow } from '@/lib/domain/credential-status.ts';
import type { NotificationSettings } from '@/lib/domain/notification-settings.ts';
import { decideReminder, nextReminderAt, type ReminderLink } from '@/lib/domain/reminders.ts';
import { DAY_MS } from '@/lib/domain/time.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import type { Db, Tx } from '@/server/db/client.ts';
import type { Prisma } from '@/server/db/sql.ts';
import { deliverOutbox } from '@/server/email/deliver-outbox.ts';
import type { EmailTransport } from '@/server/email/email-transport.ts';
import { publicUrl } from '@/server/env.ts';
import { renderLinkEmail, storedLanguage } from '@/server/i18n/end-user-copy.ts';
import { openLinkToken } from '@/server/links/link-token.ts';
import { getNotificationSettings } from '@/server/settings/get-notification-settings.ts';

const BATCH = 200;
const DELIVERY_CHUNK = 50;
export const REMINDER_ACTOR = { id: null, email: 'reminders@credops' } as const;

export interface ReminderRunOptions {
  now?: Date;
  transport?: EmailTransport;
  /** Stop at a batch boundary after this long; the job queues the rest. */
  sliceMs?: number;
}

export interface ReminderRunSummary {
  sent: number;
  deferred: number;
  stopped: number;
  /** False when the slice ran out with reminders still due. */
  complete: boolean;
}

const DUE_SELECT = {
  id: true,
  flow: true,
  state: true,
  createdAt: true,
  expiresAt: true,
  remindersEnabled: true,
  remindersSent: true,
  nextReminderAt: true,
  timeZone: true,
  language: true,
  tokenSealed: true,
  recipientEmail: true,
  contactId: true,
  credential: { select: { id: true, token: true, status: true, institution: { select: { name: true } } } },
} as const;

/**
 * Sends the reminders that are due: for each link whose reminder time has come, the reminder goes
 * out, waits (quiet hours, the one-email-a-day rule), or stops for good (opened, revoked, expired,
 * the credential no longer needs it, turned off). Only links with a reminder time are read, through
 * its index, so a run costs what is due, not what is open. Each reminder's email, the link's next
 * reminder time and the audit event are written in one transaction; the email's key
 * (reminder:<link>:<n>) and a conditional update of the link make a reminder go out once, however
 * many workers run this at the same time.
 */
export async function sendDueReminders(db: Db, options: ReminderRunOptions = {}): Promise<ReminderRunSummary> {
  const now = options.now ?? new Date();
  const started = Date.now();
  const settings = await getNotificationSettings(db);
  const summary: ReminderRunSummary = { sent: 0, deferred: 0, stopped: 0, complete: true };
  for (;;) {
    const due = await db.link.findMany({ where: { nextReminderAt: { lte: now } }, orderBy: { nextReminderAt: 'asc' }, take: BATCH, select: DUE_SELECT });
    if (due.length === 0) break;
    const emailIds = await db.$transaction((tx) => remindBatch(tx, due, settings, now, summary), { timeout: 30_000, maxWait: 20_000 });
    for (let i = 0; i < emailIds.length; i += DELIVERY_CHUNK) {
      await deliverOutbox(db, { transport: options.transport, ids: emailIds.slice(i, i + DELIVERY_CHUNK), now });
    }
    if (due.length < BATCH) break;
    if (options.sliceMs !== undefined && Date.now() - started > options.sliceMs) {
      summary.complete = false;
      break;
    }
  }
  return summary;
}

type DueLink = Prisma.LinkGetPayload<{ select: typeof DUE_SELECT }>;

async function remindBatch(
  tx: Tx,
  due: DueLink[],
  settings: NotificationSettings,
  now: Date,
  summary: ReminderRunSummary,
): Promise<number[]> {
  // Emails of the last day for these credentials, for the one-email-a-day rule.
  const recent = await tx.outboxEmail.findMany({
    where: { createdAt: { gt: new Date(now.getTime() - DAY_MS) }, state: { notIn: ['FAILED', 'CANCELLED'] }, link: { credentialId: { in: due.map((l) => l.credential.id) } } },
    select: { createdAt: true, link: { select: { credentialId: true, flow: true } } },
  });
  const lastEmailAt = new Map<string, Date>();
  for (const e of recent) {
    const key = `${e.link!.credentialId}:${e.link!.flow}`;
    if (!lastEmailAt.has(key) || lastEmailAt.get(key)! < e.createdAt) lastEmailAt.set(key, e.createdAt);
  }
  const contactIds = due.map((l) => l.contactId).filter((id): id is number => id !== null);
  const contacts = new Map((await tx.contact.findMany({ where: { id: { in: contactIds } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));

  const emailIds: number[] = [];
  for (const link of due) {
    const facts: ReminderLink = { ...link, flow: link.flow as LinkFlow, remindersEnabled: link.remindersEnabled && link.tokenSealed !== null };
    const timing = { ...settings, lastEmailAt: lastEmailAt.get(`${link.credential.id}:${link.flow}`) ?? null };
    const decision = decideReminder(facts, link.credential.status as CredentialStatus, timing, now);
    // The claim: only the run that moves this link's reminder time on acts on it.
    const claim = { id: link.id, remindersSent: link.remindersSent, nextReminderAt: link.nextReminderAt };
    if (!decision.send) {
      const { count } = await tx.link.updateMany({ where: claim, data: { nextReminderAt: decision.retryAt } });
      if (count) summary[decision.retryAt ? 'deferred' : 'stopped'] += 1;
      continue;
    }
    const sent = { ...facts, remindersSent: link.remindersSent + 1 };
    const { count } = await tx.link.updateMany({
      where: claim,
      data: { remindersSent: sent.remindersSent, lastSentAt: now, nextReminderAt: nextReminderAt(sent, { ...settings, lastEmailAt: now }, now) },
    });
    if (!count) continue;
    const rendered = renderLinkEmail({
      flow: facts.flow,
      institutionName: link.credential.institution.name,
      contactName: link.contactId === null ? null : (contacts.get(link.contactId) ?? null),
      url: `${publicUrl()}/l/${openLinkToken(link.tokenSealed!)}`,
      expiresAt: link.expiresAt,
      language: storedLanguage(link.language),
      timeZone: link.timeZone,
      remindingOf: link.createdAt,
    });
    const email = await tx.outboxEmail.create({
      data: { to: link.recipientEmail, ...rendered, kind: 'REMINDER', linkId: link.id, idempotencyKey: `reminder:${link.id}:${sent.remindersSent}`, createdAt: now, nextAttemptAt: now },
    });
    await recordAuditEvent(tx, {
      actor: REMINDER_ACTOR,
      action: 'link.remind',
      target: { type: 'credential', id: link.credential.token },
      details: { linkId: link.id, flow: link.flow, to: link.recipientEmail, reminder: sent.remindersSent },
    });
    emailIds.push(email.id);
    lastEmailAt.set(`${link.credential.id}:${link.flow}`, now);
    summary.sent += 1;
  }
  return emailIds;
}
