import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { notificationSettingsProblem, type NotificationSettings } from '@/lib/domain/notification-settings.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import type { NotificationSettingsInput } from '@/lib/schemas/settings.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import { getNotificationSettings, NOTIFICATION_SETTINGS_ID } from './get-notification-settings.ts';

/**
 * Sets the reminder cadence and quiet hours. Settings that could never send (a reminder past the
 * link's expiry, quiet hours all day) are refused with the reason. Audited with the old and new
 * values; saving the settings in force changes nothing. Links already sent keep the reminder time
 * they were given until their next reminder, which follows the new cadence.
 */
export async function setNotificationSettings(
  actor: Actor,
  input: NotificationSettingsInput,
  options: { db?: Db; now?: Date; ip?: string | null } = {},
): Promise<NotificationSettings> {
  assertCan(actor, 'settings.manage');
  const problem = notificationSettingsProblem(input, env.LINK_EXPIRY_DAYS);
  if (problem) throw new AppError('BAD_REQUEST', problem);
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await getNotificationSettings(tx);
    if (JSON.stringify(before) === JSON.stringify(input)) return before;
    const row = { reminderDays: input.reminderDays.join(','), quietHoursStart: input.quietHours.start, quietHoursEnd: input.quietHours.end, syncAlertMinutes: input.syncAlertMinutes, blockedPerHourAlert: input.blockedPerHourAlert, updatedAt: now, updatedById: actor.id };
    await tx.notificationSettings.upsert({ where: { id: NOTIFICATION_SETTINGS_ID }, create: { id: NOTIFICATION_SETTINGS_ID, ...row }, update: row });
    await recordAuditEvent(tx, { actor, action: 'settings.changeNotifications', target: { type: 'settings', id: 'notifications' }, details: { from: before, to: input }, ip: options.ip });
    return input;
  });
}
