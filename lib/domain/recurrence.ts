import { unlockFlowFor, type CredentialStatus } from './credential-status.ts';
import { DAY_MS, HOUR_MS } from './time.ts';

// "Recurring" (issue 18): a credential that keeps breaking. Another email is unlikely to fix it for
// good; a call to the client may (why the SCA keeps expiring, whose password keeps changing).

export const RECURRING_ENTRIES = 3;
export const RECURRING_WINDOW_DAYS = 90;
export const FELL_BACK_WITHIN_HOURS = 48;

/** Pending SCA and Blocked: the statuses a link unlocks, the ones a credential "breaks" into. */
export const isBroken = (status: CredentialStatus | string | null): boolean => status !== null && unlockFlowFor(status as CredentialStatus) !== null;

/** A change that breaks a working (or new) credential; moving from Pending SCA to Blocked is the same breakage. */
export const isBreakage = (from: string | null, to: string): boolean => isBroken(to) && !isBroken(from);

export interface BreakageHistory {
  /** When each breakage (isBreakage) was observed, this one included. */
  breakages: Date[];
  /** When links of this credential were completed by the end user. */
  completedLinks: Date[];
}

/**
 * Whether the breakage observed at `at` makes the credential recurring: the third (or later) in 90
 * days, or one that came within 48 hours of an end user completing a link (the fix did not hold).
 */
export function isRecurringBreakage(at: Date, history: BreakageHistory): boolean {
  const windowStart = at.getTime() - RECURRING_WINDOW_DAYS * DAY_MS;
  const inWindow = history.breakages.filter((b) => b.getTime() > windowStart && b.getTime() <= at.getTime()).length;
  if (inWindow >= RECURRING_ENTRIES) return true;
  const fellBackFrom = at.getTime() - FELL_BACK_WITHIN_HOURS * HOUR_MS;
  return history.completedLinks.some((c) => c.getTime() >= fellBackFrom && c.getTime() <= at.getTime());
}

/** What staff are told about a recurring credential, and what they are asked to do instead. */
export const RECURRING_ADVICE = `Broke ${RECURRING_ENTRIES} or more times in ${RECURRING_WINDOW_DAYS} days, or within ${FELL_BACK_WITHIN_HOURS} h of a completed link: call the client rather than email again.`;
