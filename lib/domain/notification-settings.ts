// The company's follow-up settings and their defaults: when reminders go out and when they must not.
import { quietHoursProblem, type QuietHours } from './quiet-hours.ts';

export interface NotificationSettings {
  /** Days after a link was sent on which a reminder goes out while it is unopened, ascending. */
  reminderDays: number[];
  quietHours: QuietHours;
  /** Operations are alerted when no sync has completed for this many minutes. */
  syncAlertMinutes: number;
  /** … and when more credentials than this became Blocked in the last hour. */
  blockedPerHourAlert: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  reminderDays: [2, 5],
  quietHours: { start: '21:00', end: '08:00' },
  syncAlertMinutes: 30,
  blockedPerHourAlert: 100,
};

export const MAX_REMINDERS = 5;

/** Why an Admin cannot save these settings, in words; null when they are fine. */
export function notificationSettingsProblem(settings: NotificationSettings, linkExpiryDays: number): string | null {
  const days = settings.reminderDays;
  if (days.length > MAX_REMINDERS) return `At most ${MAX_REMINDERS} reminders per link.`;
  if (days.some((d) => !Number.isInteger(d) || d < 1)) return 'Reminder days are whole days after sending, from 1.';
  if (days.some((d, i) => i > 0 && d <= days[i - 1])) return 'Reminder days must be in ascending order, each once.';
  const late = days.find((d) => d >= linkExpiryDays);
  if (late !== undefined) return `A link expires ${linkExpiryDays} days after sending: a reminder on day ${late} would never go out.`;
  return quietHoursProblem(settings.quietHours);
}
