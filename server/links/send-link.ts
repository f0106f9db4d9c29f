import 'server-only';
import type { SendLinkInput, SentLink } from '@/lib/schemas/links.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { assertCan, can, type Actor } from '@/lib/domain/permissions.ts';
import type { CredentialStatus } from '@/lib/domain/credential-status.ts';
import { db as defaultDb, type Db, type Tx } from '@/server/db/client.ts';
import { deliverOutbox } from '@/server/email/deliver-outbox.ts';
import type { EmailTransport } from '@/server/email/email-transport.ts';
import { env, publicUrl } from '@/server/env.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { nextReminderAt } from '@/lib/domain/reminders.ts';
import { recipientLocale, renderLinkEmail } from '@/server/i18n/end-user-copy.ts';
import { getNotificationSettings } from '@/server/settings/get-notification-settings.ts';
import { expiryFrom, FLOW_LABEL, flowMismatch, nextEmailAllowedAt } from '@/lib/domain/link-rules.ts';
import { formatExactUtc } from '@/lib/domain/time.ts';
import { LINK_SUMMARY_INCLUDE, toLinkSummary } from '@/server/credentials/link-summary.ts';
import { hashLinkToken, newLinkToken, sealLinkToken } from './link-token.ts';
import { retireLink } from './revoke-link.ts';
import { refreshAttention } from '@/server/credentials/refresh-attention.ts';

export interface SendLinkOptions {
  db?: Db;
  now?: Date;
  ip?: string | null;
  /** The client's Idempotency-Key: a send retried with it answers the first send's link, sending nothing. */
  idempotencyKey?: string | null;
  transport?: EmailTransport;
}

type Written = { linkId: string; emailId: number; outcome: 'SENT' | 'RESENT' } | { replayOf: string };

/**
 * Sends the SCA or Reset link the credential's status needs. The link, its email (in the outbox) and
 * the audit event are written in one transaction; the email is then handed to the mail server, and
 * if that fails the outbox keeps it and retries. At most one live link per credential and flow:
 * sending again resends it, unless `replace` revokes it for a new one. End users get at most one
 * email per credential and flow a day, unless an Admin overrides.
 */
export async function sendLink(actor: Actor, credentialsToken: string, input: SendLinkInput, options: SendLinkOptions = {}): Promise<SentLink> {
  assertCan(actor, 'links.send');
  if (input.override && !can(actor, 'links.overrideEmailLimit')) throw new AppError('FORBIDDEN', 'Only an Admin may override the one-email-a-day limit.');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const key = options.idempotencyKey ?? null;

  let written: Written;
  try {
    written = await db.$transaction((tx) => writeSend(tx, actor, credentialsToken, input, key, now, options.ip ?? null), { timeout: 20_000, maxWait: 20_000 });
  } catch (error) {
    // Two sends with one key on different credentials can both pass the key check; the email's unique key stops the second.
    if (key && (error as { code?: string }).code === 'P2002') written = { replayOf: key };
    else throw error;
  }
  if ('replayOf' in written) return replay(db, actor, written.replayOf, credentialsToken, input, now);
  await deliverOutbox(db, { transport: options.transport, ids: [written.emailId], now });
  const link = await db.link.findUniqueOrThrow({ where: { id: written.linkId }, include: LINK_SUMMARY_INCLUDE });
  return { outcome: written.outcome, link: toLinkSummary(link, actor, now) };
}

async function writeSend(tx: Tx, actor: Actor, token: string, input: SendLinkInput, key: string | null, now: Date, ip: string | null): Promise<Written> {
  // Sends for one credential queue behind this row lock, so two of them never both see "no live link".
  const locked = await tx.$executeRaw`UPDATE "Credential" SET "id" = "id" WHERE "token" = ${token}`;
  if (locked === 0) throw new AppError('NOT_FOUND', 'No credential has this token.');
  if (key && (await tx.outboxEmail.findUnique({ where: { idempotencyKey: key }, select: { id: true } }))) return { replayOf: key };

  const credential = await tx.credential.findUniqueOrThrow({
    where: { token },
    select: {
      id: true,
      status: true,
      institution: { select: { name: true } },
      contacts: { select: { contact: { select: { id: true, email: true, name: true, language: true, timeZone: true } } } },
    },
  });
  const mismatch = flowMismatch(input.flow, credential.status as CredentialStatus);
  if (mismatch) throw new AppError('CONFLICT', mismatch);

  const lastEmail = await tx.outboxEmail.findFirst({
    where: { link: { credentialId: credential.id, flow: input.flow }, state: { notIn: ['FAILED', 'CANCELLED'] } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  const allowedAt = nextEmailAllowedAt(lastEmail?.createdAt ?? null);
  if (allowedAt && allowedAt > now && !input.override) {
    throw new AppError(
      'RATE_LIMITED',
      `This end user was emailed a ${FLOW_LABEL[input.flow]} link for this credential less than 24 hours ago; the next email is allowed from ${formatExactUtc(allowedAt.toISOString())}. An Admin can override.`,
    );
  }

  const live = await tx.link.findFirst({
    where: { credentialId: credential.id, flow: input.flow, state: 'SENT', expiresAt: { gt: now } },
    include: { emails: { where: { kind: 'LINK' }, orderBy: { id: 'asc' }, take: 1 } },
  });
  const audit = { actor, target: { type: 'credential', id: token }, ip };
  const settings = await getNotificationSettings(tx);
  // The first reminder waits for its cadence day and at least a day after this email.
  const firstReminderAt = (link: { createdAt: Date; expiresAt: Date; remindersSent: number; timeZone: string }, enabled: boolean) =>
    enabled
      ? nextReminderAt({ ...link, flow: input.flow, state: 'SENT', remindersEnabled: true }, { ...settings, lastEmailAt: now }, now)
      : null;

  if (live && !input.replace) {
    // We keep only the token's hash, so the resend repeats the first email: its link still works.
    const [first] = live.emails;
    const email = await tx.outboxEmail.create({
      data: { to: input.email, subject: first.subject, text: first.text, html: first.html, linkId: live.id, idempotencyKey: key, createdAt: now, nextAttemptAt: now },
    });
    const remindersEnabled = input.reminders ?? live.remindersEnabled;
    await tx.link.update({ where: { id: live.id }, data: { lastSentAt: now, remindersEnabled, nextReminderAt: firstReminderAt(live, remindersEnabled && live.tokenSealed !== null) } });
    await recordAuditEvent(tx, { ...audit, action: 'link.resend', details: { linkId: live.id, flow: input.flow, to: input.email, override: input.override ?? false, reminders: remindersEnabled } });
    await refreshAttention(tx, { ids: [credential.id] });
    return { linkId: live.id, emailId: email.id, outcome: 'RESENT' };
  }

  if (live) await retireLink(tx, live.id, now);
  const linkToken = newLinkToken();
  const expiresAt = expiryFrom(now, env.LINK_EXPIRY_DAYS);
  const contact = credential.contacts.find((c) => c.contact.email === input.email)?.contact ?? null;
  const locale = recipientLocale(contact);
  const remindersEnabled = input.reminders ?? true;
  const link = await tx.link.create({
    data: {
      credentialId: credential.id,
      flow: input.flow,
      tokenHash: hashLinkToken(linkToken),
      tokenSealed: sealLinkToken(linkToken),
      recipientEmail: input.email,
      contactId: contact?.id ?? null,
      senderId: actor.id,
      state: 'SENT',
      createdAt: now,
      lastSentAt: now,
      expiresAt,
      ...locale,
      remindersEnabled,
      nextReminderAt: firstReminderAt({ createdAt: now, expiresAt, remindersSent: 0, timeZone: locale.timeZone }, remindersEnabled),
    },
  });
  const rendered = renderLinkEmail({
    flow: input.flow,
    institutionName: credential.institution.name,
    contactName: contact?.name ?? null,
    url: `${publicUrl()}/l/${linkToken}`,
    expiresAt,
    ...locale,
  });
  const email = await tx.outboxEmail.create({ data: { to: input.email, ...rendered, linkId: link.id, idempotencyKey: key, createdAt: now, nextAttemptAt: now } });
  await recordAuditEvent(tx, {
    ...audit,
    action: 'link.send',
    details: { linkId: link.id, flow: input.flow, to: input.email, replaced: live?.id ?? null, override: input.override ?? false, language: locale.language, reminders: remindersEnabled },
  });
  await refreshAttention(tx, { ids: [credential.id] });
  return { linkId: link.id, emailId: email.id, outcome: 'SENT' };
}

/** The answer to a send already made with this key, when the request is the same one. */
async function replay(db: Db, actor: Actor, key: string, token: string, input: SendLinkInput, now: Date): Promise<SentLink> {
  const email = await db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: key }, include: { link: { include: { ...LINK_SUMMARY_INCLUDE, credential: { select: { token: true } } } } } });
  const link = email.link;
  if (!link || link.credential.token !== token || link.flow !== input.flow) {
    throw new AppError('CONFLICT', 'This Idempotency-Key was already used for a different send. Use a new key for a new request.');
  }
  return { outcome: 'REPLAYED', link: toLinkSummary(link, actor, now) };
}
