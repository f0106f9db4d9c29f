import 'server-only';
import {
  failureOutcomeFor,
  refreshesDaily,
  statusFromFlanks,
  triggerOfExtraction,
  type CredentialStatus,
  type RefreshOutcome,
  type RefreshTrigger,
} from '@/server/credentials/lifecycle.ts';
import type { FlanksCredentialStatus, FlanksDataFlags } from '@/server/flanks/flanks-client.ts';
import { HOUR_MS, utcDay } from '@/lib/domain/time.ts';

/** An Active credential whose data has not moved for this long missed its daily refresh. */
export const MISSED_REFRESH_AFTER_HOURS = 26;
/** A first sighting within this time of creation still counts as the creation load. */
const CREATION_WINDOW_MS = 24 * HOUR_MS;

export interface KnownCredential {
  status: CredentialStatus;
  /** When CredOps recorded the current status: names the transition away from it. */
  statusChangedAt: Date;
  createdAt: Date;
  lastUpdatedAt: Date | null;
  lastAttemptAt: Date | null;
}

export interface ObservedRefresh {
  attemptKey: string;
  trigger: RefreshTrigger | null;
  outcome: RefreshOutcome;
  attemptAt: Date;
  flanksUpdatedAt: Date | null;
  errored: string | null;
}

export interface Observation {
  status: CredentialStatus;
  createdAt: Date;
  lastUpdatedAt: Date | null;
  partialData: boolean;
  statusChange: { from: CredentialStatus | null; to: CredentialStatus } | null;
  refresh: ObservedRefresh | null;
}

export function hasErroredFlag(errored: FlanksDataFlags | null | undefined): boolean {
  if (!errored) return false;
  return Object.values(errored).some((group) => Object.values(group ?? {}).some(Boolean));
}

const fromSeconds = (s: number | null) => (s === null ? null : new Date(s * 1000));

/**
 * What one poll of one credential tells us, compared with what we knew. Flanks reports no attempt
 * history, so each attempt is inferred: the update time moving forward is a successful extraction;
 * a move into Pending SCA or Blocked is a failed one; data that stopped moving on a credential that
 * refreshes daily is a transient institution error.
 */
export function observeCredential(known: KnownCredential | null, flanks: FlanksCredentialStatus, now: Date): Observation {
  const status = statusFromFlanks(flanks);
  const createdAt = new Date(flanks.created_at_timestamp * 1000);
  const flanksUpdatedAt = fromSeconds(flanks.last_update_timestamp);
  const lastUpdatedAt = known?.lastUpdatedAt && flanksUpdatedAt && known.lastUpdatedAt > flanksUpdatedAt ? known.lastUpdatedAt : flanksUpdatedAt;
  const partialData = status === 'ACTIVE' && hasErroredFlag(flanks.errored);
  const before = known?.status ?? null;
  const statusChange = before === status ? null : { from: before, to: status };
  const recentlyCreated = now.getTime() - createdAt.getTime() <= CREATION_WINDOW_MS;
  const firstTrigger = (at: Date) => (at.getTime() - createdAt.getTime() <= CREATION_WINDOW_MS ? 'CREATION' : null);

  let refresh: ObservedRefresh | null = null;
  const moved = flanksUpdatedAt && (!known?.lastUpdatedAt || flanksUpdatedAt > known.lastUpdatedAt);
  if (moved) {
    refresh = {
      attemptKey: `update:${flanksUpdatedAt.toISOString()}`,
      trigger: known ? triggerOfExtraction(before) : firstTrigger(flanksUpdatedAt),
      outcome: 'SUCCESS',
      attemptAt: flanksUpdatedAt,
      flanksUpdatedAt,
      errored: flanks.errored && hasErroredFlag(flanks.errored) ? JSON.stringify(flanks.errored) : null,
    };
  } else if (statusChange && status !== 'PENDING' && (known ? before === 'PENDING' || failureOutcomeFor(status) : recentlyCreated)) {
    // Left Pending without data, or fell into Pending SCA / Blocked (also straight after an SCA
    // was resolved, when the password had changed meanwhile): a failed extraction.
    const outcome = failureOutcomeFor(status) ?? 'INSTITUTION_ERROR';
    refresh = {
      // Named by the state it left, not by this poller's clock, so every poller seeing this change agrees.
      attemptKey: `status:${status}:from:${known ? `${before}@${known.statusChangedAt.toISOString()}` : 'creation'}`,
      trigger: known ? triggerOfExtraction(before) : 'CREATION',
      outcome,
      attemptAt: now,
      flanksUpdatedAt,
      errored: null,
    };
  } else if (known && refreshesDaily(status) && status !== 'PENDING') {
    const dataTime = lastUpdatedAt ?? createdAt;
    const missed = now.getTime() - dataTime.getTime() > MISSED_REFRESH_AFTER_HOURS * HOUR_MS;
    if (missed && (!known.lastAttemptAt || utcDay(known.lastAttemptAt) !== utcDay(now))) {
      refresh = {
        attemptKey: `missed:${utcDay(now)}`,
        trigger: 'DAILY',
        outcome: 'INSTITUTION_ERROR',
        attemptAt: now,
        flanksUpdatedAt,
        errored: null,
      };
    }
  }
  return { status, createdAt, lastUpdatedAt, partialData, statusChange, refresh };
}
