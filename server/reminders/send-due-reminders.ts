import 'server-only';
import { createHash } from 'node:crypto';
import { groupByRecipient, recipientKey } from '@/lib/domain/link-email.ts';
import type { CredentialStatus, LinkFlow } from '@/lib/domain/credential-status.ts';
import type { NotificationSettings } from '@/lib/domain/notification-settings.ts';
import { decideReminder, nextReminderAt, type ReminderLink } from '@/lib/domain/reminders.ts';
import { DAY_MS } from '@/lib/domain/time.ts';
import { recordAuditEvents } from '@/server/audit/record-audit-event.ts';
import { insertRows, insertRowsReturning } from '@/server/db/insert-rows.ts';
import type { Db, Tx } from '@/server/db/client.ts';
import type { Prisma } from '@/server/db/sql.ts';
import { publicUrl } from '@/server/env.ts';
import { renderGroupedLinkEmail, storedLanguage } from '@/server/i18n/end-user-copy.ts';
import { openLinkToken } from '@/server/links/link-token.ts';
import { markLinkSent } from '@/server/links/mark-link-sent.ts';
import { getNotificationSettings } from '@/server/settings/get-notification-settings.ts';
import { readEmailTemplates } from '@/server/email-templates/email-templates.ts';

const BATCH = 200;
export const REMINDER_ACTOR = { id: null, email: 'reminders@credops' } as const;

export interface ReminderRunOptions {
  now?: Date;
  /** Stop at a batch boundary after this long; the job queues the rest. */
  sliceMs?: number;
}

export interface ReminderRunSummary {
  /** Links reminded. */
  sent: number;
  /** The emails they went in: one per person. */
  emails: number;
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
  const summary: ReminderRunSummary = { sent: 0, emails: 0, deferred: 0, stopped: 0, complete: true };
  for (;;) {
    const read = await db.link.findMany({ where: { nextReminderAt: { lte: now } }, orderBy: [{ nextReminderAt: 'asc' }, { recipientEmail: 'asc' }], take: BATCH, select: DUE_SELECT });
    if (read.length === 0) break;
    const due = read.length < BATCH ? read : wholePeople(read);
    await db.$transaction((tx) => remindBatch(tx, due, settings, now, summary), { timeout: 30_000, maxWait: 20_000 });
    if (read.length < BATCH) break;
    if (options.sliceMs !== undefined && Date.now() - started > options.sliceMs) {
      summary.complete = false;
      break;
    }
  }
  return summary;
}

type DueLink = Prisma.LinkGetPayload<{ select: typeof DUE_SELECT }>;

/**
 * A full batch without its last person's links, which may go on past it: they lead the next batch,
 * so a person's reminders due together go in one email. (A batch of one person alone is kept.)
 */
function wholePeople(batch: DueLink[]): DueLink[] {
  const last = recipientKey(batch[batch.length - 1].recipientEmail);
  const whole = batch.filter((link) => recipientKey(link.recipientEmail) !== last);
  return whole.length ? whole : batch;
}

async function remindBatch(
  tx: Tx,
  due: DueLink[],
  settings: NotificationSettings,
  now: Date,
  summary: ReminderRunSummary,
): Promise<void> {
  // Emails of the last day for these credentials, for the one-email-a-day rule.
  const recent = await tx.outboxEmailLink.findMany({
    where: { link: { credentialId: { in: due.map((l) => l.credential.id) } }, email: { createdAt: { gt: new Date(now.getTime() - DAY_MS) }, state: { notIn: ['FAILED', 'CANCELLED'] } } },
    select: { email: { select: { createdAt: true } }, link: { select: { credentialId: true, flow: true } } },
  });
  const lastEmailAt = new Map<string, Date>();
  for (const { email, link } of recent) {
    const key = `${link.credentialId}:${link.flow}`;
    if (!lastEmailAt.has(key) || lastEmailAt.get(key)! < email.createdAt) lastEmailAt.set(key, email.createdAt);
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
  const reminded: { link: DueLink; reminder: number }[] = [];
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
    for (const link of links) if (claimed.has(link.id)) reminded.push({ link, reminder });
  }
  if (reminded.length === 0) return;
  await markLinkSent(tx, reminded.map(({ link }) => link.credential.id), now);

  // One email per person: their links reminded now, each with its own button.
  const templateFor = await readEmailTemplates(tx);
  const emails = groupByRecipient(reminded, (r) => r.link.recipientEmail).map((group) => {
    const [{ link: first }] = group;
    const rendered = renderGroupedLinkEmail({
      template: group.length === 1 ? templateFor(first.flow, first.language) : null,
      contactName: first.contactId === null ? null : (contacts.get(first.contactId) ?? null),
      language: storedLanguage(first.language),
      timeZone: first.timeZone,
      links: group.map(({ link }) => ({
        flow: link.flow as LinkFlow,
        institutionName: link.credential.institution.name,
        url: `${publicUrl()}/l/${openLinkToken(link.tokenSealed!)}`,
        expiresAt: link.expiresAt,
      })),
      remindingOf: new Date(Math.min(...group.map(({ link }) => link.createdAt.getTime()))),
    });
    return { group, rendered, key: reminderKey(group) };
  });
  const written = await insertRowsReturning<{ id: number; idempotencyKey: string }>(
    tx,
    'OutboxEmail',
    ['to', 'subject', 'text', 'html', 'state', 'attempts', 'nextAttemptAt', 'createdAt', 'kind', 'linkId', 'idempotencyKey'],
    emails.map(({ group, rendered, key }) => [group[0].link.recipientEmail, rendered.subject, rendered.text, rendered.html, 'PENDING', 0, now, now, 'REMINDER', group[0].link.id, key]),
    { key: ['idempotencyKey'] },
    ['id', 'idempotencyKey'],
  );
  const idOf = new Map(written.map((w) => [w.idempotencyKey, Number(w.id)]));
  await insertRows(
    tx,
    'OutboxEmailLink',
    ['emailId', 'linkId', 'reminder'],
    emails.flatMap(({ group, key }) => (idOf.has(key) ? group.map(({ link, reminder }) => [idOf.get(key)!, link.id, reminder]) : [])),
  );
  await recordAuditEvents(
    tx,
    reminded.map(({ link, reminder }) => ({
      actor: REMINDER_ACTOR,
      action: 'link.remind' as const,
      target: { type: 'credential', id: link.credential.token },
      details: { linkId: link.id, flow: link.flow, to: link.recipientEmail, reminder },
    })),
  );
  summary.sent += reminded.length;
  summary.emails += emails.length;
}

/** A reminder email's key: reminder:<link>:<n> for one link; for a person's several, a digest of each link and its number. */
function reminderKey(group: { link: { id: string }; reminder: number }[]): string {
  if (group.length === 1) return `reminder:${group[0].link.id}:${group[0].reminder}`;
  const parts = group.map(({ link, reminder }) => `${link.id}:${reminder}`).sort();
  return `reminders:${createHash('sha256').update(parts.join(',')).digest('hex').slice(0, 32)}`;
}
