import 'server-only';

// The credential lifecycle of Flanks' own documentation (shared/seed), as plain rules.

import { CREDENTIAL_STATUSES, type CredentialStatus } from '@/lib/domain/credential-status.ts';

export type { CredentialStatus };

export const REFRESH_OUTCOMES = ['SUCCESS', 'SCA_REQUIRED', 'INVALID_CREDENTIALS', 'INSTITUTION_ERROR'] as const;
export type RefreshOutcome = (typeof REFRESH_OUTCOMES)[number];

// The only four moments Flanks updates a credential's data. There is no on-demand refresh.
export const REFRESH_TRIGGERS = ['CREATION', 'SCA_RESOLVED', 'RESET_RESOLVED', 'DAILY'] as const;
export type RefreshTrigger = (typeof REFRESH_TRIGGERS)[number];

/** Pending SCA and Blocked credentials are left alone by the daily run, so as not to lock users out. */
export const DAILY_REFRESH_STATUSES: readonly CredentialStatus[] = CREDENTIAL_STATUSES.filter((s) => s !== 'PENDING_SCA' && s !== 'BLOCKED');

export function refreshesDaily(status: CredentialStatus): boolean {
  return DAILY_REFRESH_STATUSES.includes(status);
}

/** Whether Flanks would run an extraction for this credential on this trigger. */
export function mayRefresh(status: CredentialStatus | null, trigger: string): boolean {
  switch (trigger) {
    case 'CREATION':
      return status === null;
    case 'SCA_RESOLVED':
      return status === 'PENDING_SCA';
    case 'RESET_RESOLVED':
      return status === 'BLOCKED';
    case 'DAILY':
      return status !== null && refreshesDaily(status);
    default:
      return false; // e.g. "on demand": Flanks offers no such thing
  }
}

/** Where an extraction leaves the credential. A transient institution error changes nothing but age. */
export function statusAfterRefresh(status: CredentialStatus, outcome: RefreshOutcome): CredentialStatus {
  switch (outcome) {
    case 'SUCCESS':
      return 'ACTIVE';
    case 'SCA_REQUIRED':
      return 'PENDING_SCA';
    case 'INVALID_CREDENTIALS':
      return 'BLOCKED';
    case 'INSTITUTION_ERROR':
      return status;
  }
}

/** The subset of Flanks' status object that decides the lifecycle status. */
export interface FlanksStatusFlags {
  pending: boolean;
  blocked: boolean;
  sca_token: string | null;
}

/** blocked → Blocked; else an SCA token → Pending SCA; else pending → Pending; else Active. */
export function statusFromFlanks(flags: FlanksStatusFlags): CredentialStatus {
  if (flags.blocked) return 'BLOCKED';
  if (flags.sca_token) return 'PENDING_SCA';
  if (flags.pending) return 'PENDING';
  return 'ACTIVE';
}

/** Which trigger explains an extraction observed while the status went from `before` to `after`. */
export function triggerOfExtraction(before: CredentialStatus | null): RefreshTrigger {
  if (before === null || before === 'PENDING') return 'CREATION';
  if (before === 'PENDING_SCA') return 'SCA_RESOLVED';
  if (before === 'BLOCKED') return 'RESET_RESOLVED';
  return 'DAILY';
}

/** The outcome of a failed attempt, read from the status it left behind. */
export function failureOutcomeFor(status: CredentialStatus): RefreshOutcome | null {
  if (status === 'PENDING_SCA') return 'SCA_REQUIRED';
  if (status === 'BLOCKED') return 'INVALID_CREDENTIALS';
  return null;
}
