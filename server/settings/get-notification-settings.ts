import 'server-only';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from '@/lib/domain/notification-settings.ts';
import { db as defaultDb, type Db, type Tx } from '@/server/db/client.ts';

export const NOTIFICATION_SETTINGS_ID = 'company';

/** The follow-up settings in force: the Admin's, or the defaults until one saves them. One row by primary key. */
export async function getNotificationSettings(db: Db | Tx = defaultDb): Promise<NotificationSettings> {
  const row = await db.notificationSettings.findUnique({ where: { id: NOTIFICATION_SETTINGS_ID } });
  if (!row) return DEFAULT_NOTIFICATION_SETTINGS;
  return {
    reminderDays: row.reminderDays ? row.reminderDays.split(',').map(Number) : [],
    quietHours: { start: row.quietHoursStart, end: row.quietHoursEnd },
    syncAlertMinutes: row.syncAlertMinutes,
    blockedPerHourAlert: row.blockedPerHourAlert,
  };
}
