import 'server-only';
import { HOUR_MS } from '@/lib/domain/time.ts';
import { Prisma } from '@/server/db/sql.ts';
import { DAILY_REFRESH_STATUSES, refreshesDaily, type CredentialStatus } from './lifecycle.ts';

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

/**
 * "Refreshes daily" over a status column, as SQL text. The partial index that serves the stale list
 * (Credential_stale_dataAsOf_idx) is declared with exactly this predicate, or the planners cannot use
 * it; staleness.test.ts fails when the migrations and this drift apart.
 */
export function refreshesDailySql(statusColumn: string): string {
  return `${statusColumn} IN (${DAILY_REFRESH_STATUSES.map((s) => `'${s}'`).join(', ')})`;
}

/** `isStale` as a condition on the credential alias c: supposed to refresh daily, data older than the threshold. */
export function staleSql(now: Date, thresholdHours: number): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(refreshesDailySql('c.status'))} AND c."dataAsOf" < ${new Date(now.getTime() - thresholdHours * HOUR_MS)}`;
}
