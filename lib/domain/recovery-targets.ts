// How long a broken credential may wait before it is "over target", and how long it has waited.
// Targets are set per status a link unlocks (an Admin changes them); the clock is the time since the
// credential entered its status, the same statusChangedAt the list sorts by.
import type { CredentialStatus } from './credential-status.ts';
import { DAY_MS } from './time.ts';

export const TARGETED_STATUSES = ['BLOCKED', 'PENDING_SCA'] as const satisfies readonly CredentialStatus[];
export type TargetedStatus = (typeof TARGETED_STATUSES)[number];
export type RecoveryTargets = Record<TargetedStatus, number>;

/** Days to recovery when no Admin has set one: a Reset needs the end user's new password, SCA only a code. */
export const DEFAULT_RECOVERY_TARGETS: RecoveryTargets = { BLOCKED: 3, PENDING_SCA: 5 };

export const MAX_TARGET_DAYS = 90;

export const isTargeted = (status: CredentialStatus): status is TargetedStatus => (TARGETED_STATUSES as readonly string[]).includes(status);

/** The moment before which entering each status means being over target now. */
export function overTargetCutoffs(targets: RecoveryTargets, now: Date): Record<TargetedStatus, Date> {
  return { BLOCKED: new Date(now.getTime() - targets.BLOCKED * DAY_MS), PENDING_SCA: new Date(now.getTime() - targets.PENDING_SCA * DAY_MS) };
}

/** Over target: in a targeted status for longer than its target. Active and Pending never are. */
export function isOverTarget(status: CredentialStatus, statusChangedAt: Date, targets: RecoveryTargets, now: Date): boolean {
  return isTargeted(status) && statusChangedAt < overTargetCutoffs(targets, now)[status];
}

/** A recovery (leaving a targeted status after `secondsInStatus`) came within that status's target. */
export function recoveredWithinTarget(fromStatus: TargetedStatus, secondsInStatus: number, targets: RecoveryTargets): boolean {
  return secondsInStatus * 1000 <= targets[fromStatus] * DAY_MS;
}

export const AGING_BUCKETS = ['0–2 d', '3–7 d', '> 7 d'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type Aging = Record<TargetedStatus, Record<AgingBucket, number>>;

/** Where the buckets start, in days in the status: the second at 3 days, the third at 8. */
export const AGING_STARTS_DAYS = [3, 8] as const;

/** How long it has waited, in the buckets a team reads its backlog by: under 3 days, up to a week, more. */
export function agingBucket(statusChangedAt: Date, now: Date): AgingBucket {
  const days = (now.getTime() - statusChangedAt.getTime()) / DAY_MS;
  return days < AGING_STARTS_DAYS[0] ? '0–2 d' : days < AGING_STARTS_DAYS[1] ? '3–7 d' : '> 7 d';
}

/**
 * The buckets from a status's total and how many entered it since each bucket's start: the counts a
 * short recent range gives, so the backlog is read without counting the old rows themselves.
 */
export function agingFrom(total: number, since3Days: number, since8Days: number): Record<AgingBucket, number> {
  return { '0–2 d': since3Days, '3–7 d': since8Days - since3Days, '> 7 d': total - since8Days };
}
