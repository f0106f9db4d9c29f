import 'server-only';
import type { CredentialStatus, LinkFlow } from '@/lib/domain/credential-status.ts';
import type { NotificationSettings } from '@/lib/domain/notification-settings.ts';
import { decideReminder, nextReminderAt, type ReminderLink } from '@/lib/domain/reminders.ts';
import { DAY_MS } from '@/lib/domain/time.ts';
import { recordAuditEvents } from '@/server/audit/record-audit-event.ts';
import { insertRows } from '@/server/db/insert-rows.ts';
import type { Db, Tx } from '@/server/db/client.ts';
import type { Prisma } from '@/server/db/sql.ts';
import { publicUrl } from '@/server/env.ts';
import { renderLinkEmail, storedLanguage } from '@/server/i18n/end-user-copy.ts';
import { openLinkToken } from '@/server/links/link-token.ts';
import { getNotificationSettings } from '@/server/settings/get-notification-settings.ts';

const BATCH = 200;
export const REMINDER_ACTOR = { id: null, email: 'reminders@credops' } as const;

export interface ReminderRunOptions {
  now?: Date;
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
 * its index, so a run costs what is due, not what is open. A batch's emails, the links' next
 * reminder times and the audit events are written in one transaction, a few statements per batch;
 * a conditional update of each link (still sent, at this reminder) and the email's key
 * (reminder:<link>:<n>) make a reminder go out once, however many workers run this at once. The
 * emails are the outbox's to deliver (the job asks for a delivery pass as soon as it wrote some).
 */
export async function sendDueReminders(db: Db, options: ReminderRunOptions = {}): Promise<ReminderRunSummary> {
  const now = options.now ?? new Date();
  const started = Date.now();
  const settings = await getNotificationSettings(db);
  const summary: ReminderRunSummary = { sent: 0, deferred: 0, stopped: 0, complete: true };
  for (;;) {
    const due = await db.link.findMany({ where: { nextReminderAt: { lte: now } }, orderBy: { nextReminderAt: 'asc' }, take: BATCH, select: DUE_SELECT });
    if (due.length === 0) break;
    await db.$transaction((tx) => remindBatch(tx, due, settings, now, summary), { timeout: 30_000, maxWait: 20_000 });
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
): Promise<void> {
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

  // Decided in memory, then written in a few statements per batch: one per distinct outcome.
  const moves = new Map<string, string[]>(); // next reminder time (or "" for none) → links that wait or stop
  const sends = new Map<string, DueLink[]>(); // "<reminder number>|<next time>" → links reminded now
  for (const link of due) {
    const facts: ReminderLink = { ...link, flow: link.flow as LinkFlow, remindersEnabled: link.remindersEnabled && link.tokenSealed !== null };
    const timing = { ...settings, lastEmailAt: lastEmailAt.get(`${link.credential.id}:${link.flow}`) ?? null };
    const decision = decideReminder(facts, link.credential.status as CredentialStatus, timing, now);
    if (!decision.send) {
      const key = decision.retryAt?.toISOString() ?? '';
      if (!moves.has(key)) moves.set(key, []);
      moves.get(key)!.push(link.id);
      summary[decision.retryAt ? 'deferred' : 'stopped'] += 1;
      continue;
    }
    const sent = { ...facts, remindersSent: link.remindersSent + 1 };
    const key = `${sent.remindersSent}|${nextReminderAt(sent, { ...settings, lastEmailAt: now }, now)?.toISOString() ?? ''}`;
    if (!sends.has(key)) sends.set(key, []);
    sends.get(key)!.push(link);
    lastEmailAt.set(`${link.credential.id}:${link.flow}`, now);
  }
  for (const [at, ids] of moves) {
    await tx.link.updateMany({ where: { id: { in: ids }, nextReminderAt: { lte: now } }, data: { nextReminderAt: at ? new Date(at) : null } });
  }
  for (const [key, links] of sends) {
    const [number, next] = key.split('|');
    const reminder = Number(number);
    // The claim: only links still sent, unopened and at this reminder move on, in this transaction;
    // a link opened or revoked since it was read, or reminded by another run, is not among them.
    const claimed = new Set(
      (await tx.link.updateManyAndReturn({
        where: { id: { in: links.map((l) => l.id) }, state: 'SENT', remindersEnabled: true, remindersSent: reminder - 1 },
        data: { remindersSent: reminder, lastSentAt: now, nextReminderAt: next ? new Date(next) : null },
        select: { id: true },
      })).map((l) => l.id),
    );
    const mine = links.filter((l) => claimed.has(l.id));
    const rows = mine.map((link) => {
      const rendered = renderLinkEmail({
        flow: link.flow as LinkFlow,
        institutionName: link.credential.institution.name,
        contactName: link.contactId === null ? null : (contacts.get(link.contactId) ?? null),
        url: `${publicUrl()}/l/${openLinkToken(link.tokenSealed!)}`,
        expiresAt: link.expiresAt,
        language: storedLanguage(link.language),
        timeZone: link.timeZone,
        remindingOf: link.createdAt,
      });
      return [link.recipientEmail, rendered.subject, rendered.text, rendered.html, 'PENDING', 0, now, now, 'REMINDER', link.id, `reminder:${link.id}:${reminder}`];
    });
    await insertRows(
      tx,
      'OutboxEmail',
      ['to', 'subject', 'text', 'html', 'state', 'attempts', 'nextAttemptAt', 'createdAt', 'kind', 'linkId', 'idempotencyKey'],
      rows,
      { key: ['idempotencyKey'] },
    );
    await recordAuditEvents(
      tx,
      mine.map((link) => ({
        actor: REMINDER_ACTOR,
        action: 'link.remind' as const,
        target: { type: 'credential', id: link.credential.token },
        details: { linkId: link.id, flow: link.flow, to: link.recipientEmail, reminder },
      })),
    );
    summary.sent += mine.length;
  }
}
