import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { RECONCILIATION_JOB } from './reconcile-status-counters.ts';

export interface LastReconciliation {
  lastRunAt: string;
  counters: number;
  repaired: number;
}

/**
 * When the status counters were last reconciled and how many it repaired, for /api/health. Counts
 * only: the health check is public. Which institutions and owners drifted is in the job's log and
 * in the stored result.
 */
export async function getLastReconciliation(db: Db): Promise<LastReconciliation | null> {
  const run = await db.maintenanceRun.findUnique({ where: { job: RECONCILIATION_JOB } });
  if (!run) return null;
  const { counters, repaired } = JSON.parse(run.lastResult) as { counters: number; repaired: number };
  return { lastRunAt: run.lastRunAt.toISOString(), counters, repaired };
}
