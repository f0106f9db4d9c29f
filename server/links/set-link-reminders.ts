import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { nextReminderAt } from '@/lib/domain/reminders.ts';
import type { LinkFlow } from '@/lib/domain/credential-status.ts';
import type { LinkRemindersInput, LinkSummary } from '@/lib/schemas/links.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { LINK_SUMMARY_INCLUDE, toLinkSummary } from '@/server/credentials/link-summary.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { getNotificationSettings } from '@/server/settings/get-notification-settings.ts';
import { lastEmailAtFor } from './send-link.ts';

/**
 * Turns one link's reminders off, or back on (the next one then follows the cadence from where it
 * stopped). Only a sent, unopened link has reminders to change; asking for the state it is in
 * changes nothing, so a retry is harmless.
 */
export async function setLinkReminders(actor: Actor, credentialsToken: string, linkId: string, input: LinkRemindersInput, options: { db?: Db; now?: Date; ip?: string | null } = {}): Promise<LinkSummary> {
  assertCan(actor, 'links.send');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  await db.$transaction(async (tx) => {
    const link = await tx.link.findFirst({ where: { id: linkId, credential: { token: credentialsToken } } });
    if (!link) throw new AppError('NOT_FOUND', 'This credential has no link with this id.');
    if (link.remindersEnabled === input.reminders) return;
    if (link.state !== 'SENT' || link.expiresAt <= now) throw new AppError('CONFLICT', 'This link is no longer waiting for the end user: it sends no reminders.');
    if (input.reminders && !link.tokenSealed) throw new AppError('CONFLICT', 'This link was sent before reminders existed: send a new link to have it reminded.');
    const lastEmailAt = await lastEmailAtFor(tx, link.credentialId, link.flow);
    const settings = await getNotificationSettings(tx);
    const next = input.reminders ? nextReminderAt({ ...link, flow: link.flow as LinkFlow }, { ...settings, lastEmailAt }, now) : null;
    await tx.link.update({ where: { id: link.id }, data: { remindersEnabled: input.reminders, nextReminderAt: next } });
    await recordAuditEvent(tx, { actor, action: 'link.changeReminders', target: { type: 'credential', id: credentialsToken }, details: { linkId, flow: link.flow, reminders: input.reminders }, ip: options.ip });
  });
  return toLinkSummary(await db.link.findUniqueOrThrow({ where: { id: linkId }, include: LINK_SUMMARY_INCLUDE }), actor, now);
}
