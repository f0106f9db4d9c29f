import { z } from 'zod';
import { MAX_TARGET_DAYS } from '@/lib/domain/recovery-targets.ts';

const days = z.number({ message: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1 day').max(MAX_TARGET_DAYS, `must be at most ${MAX_TARGET_DAYS} days`);

/** The Admin's recovery targets, in days, per status a link unlocks. */
export const recoveryTargetsSchema = z.object({ BLOCKED: days, PENDING_SCA: days }).strict();
export type RecoveryTargetsInput = z.infer<typeof recoveryTargetsSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day, HH:MM (24-hour clock)');

/** The Admin's follow-up settings (GET/PUT /api/admin/notifications). */
export const notificationSettingsSchema = z
  .object({
    reminderDays: z.array(z.number({ message: 'must be a number of days' }).int('must be whole days').min(1, 'must be at least 1 day').max(MAX_TARGET_DAYS)).max(10),
    quietHours: z.object({ start: hhmm, end: hhmm }).strict(),
    syncAlertMinutes: z.number({ message: 'must be a number of minutes' }).int('must be whole minutes').min(5, 'must be at least 5 minutes').max(7 * 24 * 60, 'must be at most a week'),
    blockedPerHourAlert: z.number({ message: 'must be a number of credentials' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000),
  })
  .strict();
export type NotificationSettingsInput = z.infer<typeof notificationSettingsSchema>;
