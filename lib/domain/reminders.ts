// When an unopened link's reminders go out, and when they stop. A reminder carries the same link,
// so it only makes sense while that link is still the one the credential needs: sent, unopened,
// unexpired, not replaced, and the credential still in the status the link's flow unlocks.
import { unlockFlowFor, type CredentialStatus, type LinkFlow } from './credential-status.ts';
import { nextEmailAllowedAt } from './link-rules.ts';
import { firstSendableAt, type QuietHours } from './quiet-hours.ts';
import { DAY_MS } from './time.ts';

export interface ReminderLink {
  flow: LinkFlow;
  state: string;
  createdAt: Date;
  expiresAt: Date;
  remindersEnabled: boolean;
  remindersSent: number;
  timeZone: string;
}

/** When reminder number `remindersSent + 1` is due on the cadence, before quiet hours; null when the cadence is done. */
export function cadenceDueAt(link: Pick<ReminderLink, 'createdAt' | 'remindersSent'>, reminderDays: readonly number[]): Date | null {
  const day = reminderDays[link.remindersSent];
  return day === undefined ? null : new Date(link.createdAt.getTime() + day * DAY_MS);
}

export type ReminderStop = 'TURNED_OFF' | 'NOT_SENT_STATE' | 'EXPIRED' | 'CADENCE_DONE' | 'FLOW_NOT_NEEDED';

/** Why no more reminders go out for this link, or null while they may. */
export function reminderStop(link: ReminderLink, status: CredentialStatus, reminderDays: readonly number[], now: Date): ReminderStop | null {
  if (!link.remindersEnabled) return 'TURNED_OFF';
  // Opened, completed, failed or revoked (replacing a link revokes it): the end user acted, or the link is gone.
  if (link.state !== 'SENT') return 'NOT_SENT_STATE';
  if (link.expiresAt <= now) return 'EXPIRED';
  if (cadenceDueAt(link, reminderDays) === null) return 'CADENCE_DONE';
  if (unlockFlowFor(status) !== link.flow) return 'FLOW_NOT_NEEDED';
  return null;
}

export interface ReminderTiming {
  quietHours: QuietHours;
  reminderDays: readonly number[];
  /** When the end user was last emailed about this credential and flow (the one-email-a-day rule). */
  lastEmailAt: Date | null;
}

const latest = (...moments: (Date | null)[]) => new Date(Math.max(...moments.map((m) => m?.getTime() ?? -Infinity)));

/**
 * The earliest moment, not before `notBefore`, the next reminder may go out: its cadence day, no
 * sooner than a day after the last email for this credential and flow, and outside the recipient's
 * quiet hours. Null when that moment falls at or after the link's expiry, so no reminder ever
 * carries a dead link.
 */
export function nextReminderAt(link: ReminderLink, timing: ReminderTiming, notBefore: Date): Date | null {
  const due = cadenceDueAt(link, timing.reminderDays);
  if (!due) return null;
  const earliest = latest(due, nextEmailAllowedAt(timing.lastEmailAt), notBefore);
  const at = firstSendableAt(earliest, link.timeZone, timing.quietHours);
  return at < link.expiresAt ? at : null;
}

export type ReminderDecision = { send: true } | { send: false; retryAt: Date | null; stop: ReminderStop | 'NOT_YET' };

/** What the reminder job does with a link whose reminder came due: send it now, wait, or stop for good. */
export function decideReminder(link: ReminderLink, status: CredentialStatus, timing: ReminderTiming, now: Date): ReminderDecision {
  const stop = reminderStop(link, status, timing.reminderDays, now);
  if (stop) return { send: false, retryAt: null, stop };
  const at = nextReminderAt(link, timing, now);
  if (!at) return { send: false, retryAt: null, stop: 'EXPIRED' };
  return at <= now ? { send: true } : { send: false, retryAt: at, stop: 'NOT_YET' };
}
