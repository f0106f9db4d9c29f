import 'server-only';
import { db as defaultDb, providerOf, type Db } from '@/server/db/client.ts';
import { isDatabaseUnavailable } from '@/server/db/database-unavailable.ts';
import { countDeadLetteredJobs } from '@/server/jobs/count-dead-lettered-jobs.ts';
import { getLastReconciliation, type LastReconciliation } from '@/server/maintenance/get-last-reconciliation.ts';
import { getSyncStatus } from '@/server/sync/get-sync-status.ts';

export interface Health {
  ok: boolean;
  database: { kind: 'sqlite' | 'postgresql'; ok: boolean; error?: 'not answering' | 'failing' };
  /** Whether syncing works, never why not: the sync's last error can quote SQL states and constraints. */
  dataSource: { source: string; lastSyncedAt: string | null; failing: boolean; consecutiveFailures: number; degraded: boolean } | null;
  /** The last check of the status counters against the credentials, and how many it had to repair. */
  counters: LastReconciliation | null;
  /** Background jobs that exhausted their retries (pg-boss dead-letter queues). */
  jobs: { deadLettered: number } | null;
}

// A load balancer's probe gives up after a few seconds: answer before it does, even when a query
// would wait for the pool's acquire timeout.
const TIMEOUT_MS = 3_000;

class HealthTimeout extends Error {}

/** What /api/health reports, publicly: can we reach the database, and how is the data source syncing. */
export async function checkHealth(options: { db?: Db; timeoutMs?: number } = {}): Promise<Health> {
  const db = options.db ?? defaultDb;
  const kind = providerOf(db);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HealthTimeout()), options.timeoutMs ?? TIMEOUT_MS);
  });
  const check = async () => {
    await db.$queryRawUnsafe('SELECT 1');
    return Promise.all([getSyncStatus({ db }), getLastReconciliation(db), countDeadLetteredJobs(db)]);
  };
  try {
    const [sync, counters, deadLettered] = await Promise.race([check(), timeout]);
    return {
      ok: true,
      database: { kind, ok: true },
      dataSource: {
        source: sync.source,
        lastSyncedAt: sync.lastSyncedAt,
        failing: sync.consecutiveFailures > 0,
        consecutiveFailures: sync.consecutiveFailures,
        degraded: sync.degraded,
      },
      counters,
      jobs: { deadLettered },
    };
  } catch (error) {
    const notAnswering = error instanceof HealthTimeout || isDatabaseUnavailable(error);
    console.error('Health check failed:', error instanceof HealthTimeout ? 'the database did not answer in time' : error);
    return { ok: false, database: { kind, ok: false, error: notAnswering ? 'not answering' : 'failing' }, dataSource: null, counters: null, jobs: null };
  } finally {
    clearTimeout(timer);
  }
}
