import 'server-only';
import { refreshesDaily, type CredentialStatus } from './lifecycle.ts';
import { HOUR_MS } from '@/lib/domain/time.ts';


export interface Freshness {
  status: CredentialStatus;
  lastUpdatedAt: Date | null;
  createdAt: Date;
}

/** Age of the data in milliseconds; a credential never updated is as old as its creation. */
export function dataAgeMs(credential: Freshness, now: Date): number {
  return Math.max(0, now.getTime() - (credential.lastUpdatedAt ?? credential.createdAt).getTime());
}

/**
 * Stale: older than the threshold while it is supposed to refresh daily. A Pending SCA or Blocked
 * credential is not "stale", it is broken, and is shown as such.
 */
export function isStale(credential: Freshness, now: Date, thresholdHours: number): boolean {
  return refreshesDaily(credential.status) && dataAgeMs(credential, now) > thresholdHours * HOUR_MS;
}

export function staleCutoff(now: Date, thresholdHours: number): Date {
  return new Date(now.getTime() - thresholdHours * HOUR_MS);
}
