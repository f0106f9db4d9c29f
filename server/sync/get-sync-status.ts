import 'server-only';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import { activeFlanksSourceName } from '@/server/flanks/flanks-source.ts';

export interface SyncStatus {
  source: string;
  lastSyncedAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Failing, or no completed sync for much longer than the poll interval: the data may be old. */
  degraded: boolean;
}

const LATE_AFTER_INTERVALS = 10;

/** How syncing with the data source is going, for the console's header and /api/health. */
export async function getSyncStatus(options: { db?: Db; now?: Date } = {}): Promise<SyncStatus> {
  const source = activeFlanksSourceName();
  const state = await (options.db ?? defaultDb).syncState.findUnique({ where: { id: source } });
  const now = options.now ?? new Date();
  const lateAfterMs = Math.max(env.POLL_INTERVAL_SECONDS * LATE_AFTER_INTERVALS, 15 * 60) * 1000;
  const late = !state?.lastCompletedAt || now.getTime() - state.lastCompletedAt.getTime() > lateAfterMs;
  return {
    source,
    lastSyncedAt: state?.lastCompletedAt?.toISOString() ?? null,
    lastError: state?.lastError ?? null,
    consecutiveFailures: state?.consecutiveFailures ?? 0,
    degraded: (state?.consecutiveFailures ?? 0) > 0 || (env.BACKGROUND_JOBS === 'true' && late),
  };
}
