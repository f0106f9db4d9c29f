import 'server-only';
import { MINUTE_MS } from '@/lib/domain/time.ts';
import type { KnownRow } from './known-credentials.ts';

/** How often each credential is read: broken and pending ones more often than healthy ones. */
export interface PollingBudget {
  activeEveryMinutes: number;
  othersEveryMinutes: number;
}
export const POLL_EVERY_CREDENTIAL: PollingBudget = { activeEveryMinutes: 0, othersEveryMinutes: 0 };

/** Whether a credential is due a read under this budget: never read, or read longer ago than its status allows. */
export function isDue(known: KnownRow | undefined, budget: PollingBudget, now: Date): boolean {
  if (!known?.lastPolledAt) return true;
  const minutes = known.status === 'ACTIVE' ? budget.activeEveryMinutes : budget.othersEveryMinutes;
  return minutes === 0 || now.getTime() - known.lastPolledAt.getTime() >= minutes * MINUTE_MS;
}
