import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS, notificationSettingsProblem } from './notification-settings.ts';
import { cadenceDueAt, decideReminder, nextReminderAt, reminderStop, type ReminderLink } from './reminders.ts';

const sentAt = new Date('2026-01-12T10:00:00Z'); // a Monday, 11:00 in Madrid
const day = (n: number, hhmm = '10:00') => new Date(new Date(sentAt.getTime() + n * 86_400_000).toISOString().slice(0, 11) + hhmm + ':00Z');
const link = (overrides: Partial<ReminderLink> = {}): ReminderLink => ({
  flow: 'SCA',
  state: 'SENT',
  createdAt: sentAt,
  expiresAt: day(7),
  remindersEnabled: true,
  remindersSent: 0,
  timeZone: 'Europe/Madrid',
  ...overrides,
});
const timing = { reminderDays: [2, 5], quietHours: DEFAULT_NOTIFICATION_SETTINGS.quietHours, lastEmailAt: sentAt };

describe('the reminder cadence', () => {
  it('defaults to day 2 and day 5 after sending', () => {
    expect(cadenceDueAt(link(), DEFAULT_NOTIFICATION_SETTINGS.reminderDays)).toEqual(day(2));
    expect(cadenceDueAt(link({ remindersSent: 1 }), DEFAULT_NOTIFICATION_SETTINGS.reminderDays)).toEqual(day(5));
    expect(cadenceDueAt(link({ remindersSent: 2 }), DEFAULT_NOTIFICATION_SETTINGS.reminderDays)).toBeNull();
  });

  it('sends the day-2 reminder when it is due, not before', () => {
    expect(decideReminder(link(), 'PENDING_SCA', timing, day(2))).toEqual({ send: true });
    expect(decideReminder(link(), 'PENDING_SCA', timing, day(1, '23:00'))).toMatchObject({ send: false, stop: 'NOT_YET' });
  });

  it('waits out the recipient’s quiet hours when the job runs at night', () => {
    const decision = decideReminder(link(), 'PENDING_SCA', timing, day(2, '21:30')); // 22:30 in Madrid
    expect(decision).toEqual({ send: false, stop: 'NOT_YET', retryAt: day(3, '07:00') });
  });

  it('keeps the one-email-a-day rule: a resend yesterday evening pushes the reminder to a day after it', () => {
    const resentAt = day(1, '15:00');
    expect(nextReminderAt(link(), { ...timing, lastEmailAt: resentAt }, day(2))).toEqual(day(2, '15:00'));
  });

  it('never sends after expiry: a reminder whose moment falls past it is dropped', () => {
    expect(nextReminderAt(link({ expiresAt: day(2, '05:00') }), timing, day(2))).toBeNull();
    expect(decideReminder(link({ remindersSent: 1, expiresAt: day(5, '06:00') }), 'PENDING_SCA', timing, day(5))).toEqual({ send: false, retryAt: null, stop: 'EXPIRED' });
  });
});

describe('reminders stop', () => {
  const now = day(2);
  it('once the link is opened, completed, failed or revoked (a replaced link is revoked)', () => {
    for (const state of ['OPENED', 'COMPLETED', 'FAILED', 'REVOKED']) expect(reminderStop(link({ state }), 'PENDING_SCA', [2, 5], now)).toBe('NOT_SENT_STATE');
  });
  it('once the credential no longer needs the link’s flow', () => {
    expect(reminderStop(link(), 'ACTIVE', [2, 5], now)).toBe('FLOW_NOT_NEEDED');
    expect(reminderStop(link(), 'BLOCKED', [2, 5], now)).toBe('FLOW_NOT_NEEDED');
    expect(reminderStop(link({ flow: 'RESET' }), 'BLOCKED', [2, 5], now)).toBeNull();
  });
  it('when an Account manager turned them off for the link', () => {
    expect(reminderStop(link({ remindersEnabled: false }), 'PENDING_SCA', [2, 5], now)).toBe('TURNED_OFF');
  });
  it('at expiry and when the cadence is done', () => {
    expect(reminderStop(link(), 'PENDING_SCA', [2, 5], day(7))).toBe('EXPIRED');
    expect(reminderStop(link({ remindersSent: 2 }), 'PENDING_SCA', [2, 5], now)).toBe('CADENCE_DONE');
  });
});

describe('notification settings', () => {
  it('accept the defaults', () => {
    expect(notificationSettingsProblem(DEFAULT_NOTIFICATION_SETTINGS, 7)).toBeNull();
  });
  it('refuse reminders that could never go out, out of order, or quiet hours with no time to send', () => {
    expect(notificationSettingsProblem({ ...DEFAULT_NOTIFICATION_SETTINGS, reminderDays: [2, 7] }, 7)).toMatch(/day 7 would never go out/);
    expect(notificationSettingsProblem({ ...DEFAULT_NOTIFICATION_SETTINGS, reminderDays: [5, 2] }, 7)).toMatch(/ascending/);
    expect(notificationSettingsProblem({ ...DEFAULT_NOTIFICATION_SETTINGS, quietHours: { start: '00:00', end: '00:00' } }, 7)).toMatch(/no hour to send/);
  });
  it('allow turning reminders off (no days)', () => {
    expect(notificationSettingsProblem({ ...DEFAULT_NOTIFICATION_SETTINGS, reminderDays: [] }, 7)).toBeNull();
  });
});
