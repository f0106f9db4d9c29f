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
import { recipientLocale, renderGroupedLinkEmail, renderLinkEmail, storedLanguage, type GroupedLinkEmailInput, type RecipientLocale } from '@/server/i18n/end-user-copy.ts';
import type { RenderedEmail } from '@/lib/domain/link-email.ts';
import type { LinkFlow } from '@/lib/domain/link-rules.ts';
import { getNotificationSettings } from '@/server/settings/get-notification-settings.ts';
import type { NotificationSettings } from '@/lib/domain/notification-settings.ts';
import { expiryFrom, FLOW_LABEL, flowMismatch, nextEmailAllowedAt } from '@/lib/domain/link-rules.ts';
import { formatExactUtc } from '@/lib/domain/time.ts';
import { LINK_SUMMARY_INCLUDE, toLinkSummary } from '@/server/credentials/link-summary.ts';
import { hashLinkToken, newLinkToken, openLinkToken, sealLinkToken } from './link-token.ts';
import { retireLink } from './revoke-link.ts';
import { refreshAttention } from '@/server/credentials/refresh-attention.ts';
import { markLinkSent } from './mark-link-sent.ts';
import { readEmailTemplate } from '@/server/email-templates/email-templates.ts';

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
  await lockCredentials(tx, [token]);
  if (key && (await keyUsed(tx, key))) return { replayOf: key };
  const prepared = await prepareLink(tx, actor, token, input, now, ip, await getNotificationSettings(tx));
  // A resend of a link sent before links kept their token repeats its first email: its link still works.
  const rendered =
    prepared.repeat ?? renderLinkEmail({ ...prepared.carried!, contactName: prepared.contactName, ...prepared.locale, template: await readEmailTemplate(tx, input.flow, prepared.locale.language) });
  const email = await writeEmail(tx, input.email, rendered, [prepared.linkId], key, now);
  return { linkId: prepared.linkId, emailId: email, outcome: prepared.outcome };
}

interface PreparedLink {
  linkId: string;
  outcome: 'SENT' | 'RESENT';
  /** What an email carries for this link; null for a link whose token was never kept (only its first email can be repeated). */
  carried: GroupedLinkEmailInput['links'][number] | null;
  repeat: RenderedEmail | null;
  contactName: string | null;
  locale: RecipientLocale;
}

/**
 * One credential's part of a send, in the caller's transaction: the checks (status, the
 * one-email-a-day rule), then its new link, or the live one it resends, and the audit event. It
 * writes no email: the caller writes one for this link alone, or one for a person's several.
 * The checks throw before anything is written. The caller holds the credential's lock.
 */
async function prepareLink(tx: Tx, actor: Actor, token: string, input: SendLinkInput, now: Date, ip: string | null, settings: NotificationSettings): Promise<PreparedLink> {
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

  const lastEmailAt = await lastEmailAtFor(tx, credential.id, input.flow);
  const allowedAt = nextEmailAllowedAt(lastEmailAt);
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
  // The first reminder waits for its cadence day and at least a day after this email.
  const firstReminderAt = (link: { createdAt: Date; expiresAt: Date; remindersSent: number; timeZone: string }, enabled: boolean) =>
    enabled
      ? nextReminderAt({ ...link, flow: input.flow, state: 'SENT', remindersEnabled: true }, { ...settings, lastEmailAt: now }, now)
      : null;
  const contact = credential.contacts.find((c) => c.contact.email === input.email)?.contact ?? null;
  const institutionName = credential.institution.name;

  if (live && !input.replace) {
    const remindersEnabled = input.reminders ?? live.remindersEnabled;
    await tx.link.update({ where: { id: live.id }, data: { lastSentAt: now, remindersEnabled, nextReminderAt: firstReminderAt(live, remindersEnabled && live.tokenSealed !== null) } });
    await recordAuditEvent(tx, { ...audit, action: 'link.resend', details: { linkId: live.id, flow: input.flow, to: input.email, override: input.override ?? false, reminders: remindersEnabled } });
    await markLinkSent(tx, [credential.id], now);
    await refreshAttention(tx, { ids: [credential.id] });
    const [first] = live.emails;
    return {
      linkId: live.id,
      outcome: 'RESENT',
      carried: live.tokenSealed ? { flow: input.flow, institutionName, url: linkUrl(openLinkToken(live.tokenSealed)), expiresAt: live.expiresAt } : null,
      repeat: live.tokenSealed ? null : { subject: first.subject, text: first.text, html: first.html },
      contactName: contact?.name ?? null,
      locale: { language: storedLanguage(live.language), timeZone: live.timeZone },
    };
  }

  if (live) await retireLink(tx, live.id, now);
  const linkToken = newLinkToken();
  const expiresAt = expiryFrom(now, env.LINK_EXPIRY_DAYS);
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
  await recordAuditEvent(tx, {
    ...audit,
    action: 'link.send',
    details: { linkId: link.id, flow: input.flow, to: input.email, replaced: live?.id ?? null, override: input.override ?? false, language: locale.language, reminders: remindersEnabled },
  });
  await markLinkSent(tx, [credential.id], now);
  await refreshAttention(tx, { ids: [credential.id] });
  return {
    linkId: link.id,
    outcome: 'SENT',
    carried: { flow: input.flow, institutionName, url: linkUrl(linkToken), expiresAt },
    repeat: null,
    contactName: contact?.name ?? null,
    locale,
  };
}

/**
 * Sends for one credential queue behind its row lock, so two of them never both see "no live link";
 * several are locked in the order given (callers give credential id order, as the ingestion locks).
 */
async function lockCredentials(tx: Tx, tokens: string[]): Promise<void> {
  for (const token of tokens) {
    const locked = await tx.$executeRaw`UPDATE "Credential" SET "id" = "id" WHERE "token" = ${token}`;
    if (locked === 0) throw new AppError('NOT_FOUND', 'No credential has this token.');
  }
}

const keyUsed = async (tx: Tx, key: string) => (await tx.outboxEmail.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) !== null;

const linkUrl = (linkToken: string) => `${publicUrl()}/l/${linkToken}`;

/** When the end user was last emailed about this credential and flow, by any email that carried one of its links. */
export async function lastEmailAtFor(tx: Tx, credentialId: number, flow: string): Promise<Date | null> {
  const last = await tx.outboxEmail.findFirst({
    where: { carries: { some: { link: { credentialId, flow } } }, state: { notIn: ['FAILED', 'CANCELLED'] } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  return last?.createdAt ?? null;
}

/** Writes an email to the outbox with the links it carries (the first is its `linkId`). */
async function writeEmail(tx: Tx, to: string, rendered: RenderedEmail, linkIds: string[], key: string | null, now: Date): Promise<number> {
  const email = await tx.outboxEmail.create({
    data: { to, ...rendered, linkId: linkIds[0], idempotencyKey: key, createdAt: now, nextAttemptAt: now, carries: { create: linkIds.map((linkId) => ({ linkId })) } },
    select: { id: true },
  });
  return email.id;
}

export type PersonSendResult =
  | { token: string; result: 'SENT' | 'RESENT'; linkId: string; emailId: number }
  | { token: string; result: 'STATUS_CHANGED' | 'RATE_LIMITED'; detail: string }
  // Not in the email this send's key had already written: the caller sends it again, under another key.
  | { token: string; result: 'NOT_SENT' };

/**
 * Sends the links several credentials need to one person in one email, each institution with its own
 * button: their links, audit events and the email in one transaction. A credential whose status
 * changed or that was emailed in the last day is left out and reported, as a single send would have
 * refused it. Retried with the same key, it writes nothing and answers what the first attempt sent.
 */
export async function sendLinksToPerson(
  actor: Actor,
  email: string,
  sends: { token: string; flow: LinkFlow }[],
  options: SendLinkOptions = {},
): Promise<PersonSendResult[]> {
  assertCan(actor, 'links.send');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const key = options.idempotencyKey ?? null;
  let results: PersonSendResult[] | null;
  try {
    results = await db.$transaction(async (tx) => {
      await lockCredentials(tx, sends.map((send) => send.token));
      if (key && (await keyUsed(tx, key))) return null;
      const prepared: (PreparedLink & { token: string })[] = [];
      const outcomes: PersonSendResult[] = [];
      // Read once for the person's email, not once per credential in it.
      const settings = await getNotificationSettings(tx);
      for (const send of sends) {
        try {
          prepared.push({ token: send.token, ...(await prepareLink(tx, actor, send.token, { flow: send.flow, email }, now, options.ip ?? null, settings)) });
        } catch (error) {
          if (!(error instanceof AppError) || (error.code !== 'CONFLICT' && error.code !== 'RATE_LIMITED')) throw error;
          outcomes.push({ token: send.token, result: error.code === 'CONFLICT' ? 'STATUS_CHANGED' : 'RATE_LIMITED', detail: error.message });
        }
      }
      const together = prepared.filter((p) => p.carried);
      if (together.length > 0) {
        const [first] = together;
        const template = together.length === 1 ? await readEmailTemplate(tx, first.carried!.flow, first.locale.language) : null;
        const rendered = renderGroupedLinkEmail({ contactName: first.contactName, ...first.locale, links: together.map((p) => p.carried!), template });
        const emailId = await writeEmail(tx, email, rendered, together.map((p) => p.linkId), key, now);
        for (const p of together) outcomes.push({ token: p.token, result: p.outcome, linkId: p.linkId, emailId });
      }
      for (const p of prepared.filter((p) => !p.carried)) {
        const emailId = await writeEmail(tx, email, p.repeat!, [p.linkId], key && `${key}:${p.linkId}`, now);
        outcomes.push({ token: p.token, result: p.outcome, linkId: p.linkId, emailId });
      }
      return outcomes;
    }, { timeout: 20_000, maxWait: 20_000 });
  } catch (error) {
    if (key && (error as { code?: string }).code === 'P2002') results = null;
    else throw error;
  }
  if (results === null) return replayToPerson(db, key!, sends);
  const emailIds = [...new Set(results.flatMap((r) => ('emailId' in r ? [r.emailId] : [])))];
  if (emailIds.length) await deliverOutbox(db, { transport: options.transport, ids: emailIds, now });
  return results;
}

/** What the email written under this key carried: those credentials were sent; any other was not. */
async function replayToPerson(db: Db, key: string, sends: { token: string }[]): Promise<PersonSendResult[]> {
  const written = await db.outboxEmail.findUniqueOrThrow({
    where: { idempotencyKey: key },
    select: { id: true, kind: true, carries: { select: { link: { select: { id: true, credential: { select: { token: true } } } } } } },
  });
  const carried = new Map(written.carries.map((c) => [c.link.credential.token, c.link.id]));
  return sends.map((s) => {
    const linkId = carried.get(s.token);
    return linkId ? { token: s.token, result: 'SENT' as const, linkId, emailId: written.id } : { token: s.token, result: 'NOT_SENT' as const };
  });
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
