import 'server-only';
import { SIGN_IN_THROTTLE } from '@/server/auth/sign-in-throttle.ts';
import type { Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';
import { DAY_MS, MINUTE_MS } from '@/lib/domain/time.ts';

export const DEFAULT_REFRESH_RETENTION_DAYS = 400;
export const PRUNE_JOB = 'prune-old-records';
// Rows per delete, each batch its own transaction: SQLite's write lock is held that long at most, about
// as long as one of the ingestion's transactions (docs/BENCHMARKS.md, the retention job).
const DEFAULT_BATCH_SIZE = 1000;
// Ended sessions stay readable this long after they expire (who was signed in from where).
const SESSION_KEPT_DAYS = 30;
// An Admin reads a webhook's delivery log for the recent past; the audit log keeps who set it up.
const WEBHOOK_LOG_KEPT_DAYS = 90;

export interface PruneOptions {
  now?: Date;
  /** Refresh records observed longer ago than this go; the daily rollups keep their figures. */
  refreshRetentionDays?: number;
  batchSize?: number;
}

export interface PruneSummary {
  refreshRecords: number;
  signInAttempts: number;
  staffSessions: number;
  webhookDeliveries: number;
  batches: number;
  /** The longest a batch held its transaction open, in ms. */
  longestBatchMs: number;
}

/**
 * Deletes refresh records older than the retention, sign-in attempts older than the rate limit's
 * window (the only thing that reads them), long-expired staff sessions and webhook deliveries older
 * than 90 days, oldest first and a batch at a time, so the ingestion never
 * waits long for a lock. The daily rollups and the status changes stay. Safe to stop at any point and
 * run again. Records where refresh records were pruned up to (`prunedRefreshRecordsBefore`), so the
 * analytics backfill keeps those days' outcome figures instead of recounting them from nothing.
 */
export async function pruneOldRecords(db: Db, options: PruneOptions = {}): Promise<PruneSummary> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const summary: PruneSummary = { refreshRecords: 0, signInAttempts: 0, staffSessions: 0, webhookDeliveries: 0, batches: 0, longestBatchMs: 0 };

  const deleteOlderThan = async (table: string, column: string, before: Date): Promise<number> => {
    const from = Prisma.raw(`"${table}"`);
    const at = Prisma.raw(`"${column}"`);
    let deleted = 0;
    for (;;) {
      let started = 0;
      // In a transaction even though it is one statement: the SQLite adapter runs every statement on
      // one connection, and a bare one would land inside whatever transaction (an ingestion's) is open.
      const rows = await db.$transaction(
        async (tx) => {
          started = performance.now();
          // Oldest first, which also keeps PostgreSQL on the index: with half the table to delete it
          // chose a sequential scan, which rereads every row deleted before and not yet vacuumed.
          return tx.$executeRaw`DELETE FROM ${from} WHERE id IN (SELECT id FROM ${from} WHERE ${at} < ${before} ORDER BY ${at} LIMIT ${batchSize})`;
        },
        { maxWait: 30_000 },
      );
      summary.longestBatchMs = Math.max(summary.longestBatchMs, performance.now() - started);
      summary.batches++;
      deleted += rows;
      if (rows < batchSize) return deleted;
    }
  };

  const refreshRetentionDays = options.refreshRetentionDays ?? DEFAULT_REFRESH_RETENTION_DAYS;
  const cutoff = new Date(now.getTime() - refreshRetentionDays * DAY_MS);
  // Recorded before deleting: a prune stopped half-way has still removed records up to here.
  const prunedBefore = await recordPrunedBefore(db, cutoff, now);
  summary.refreshRecords = await deleteOlderThan('RefreshRecord', 'observedAt', prunedBefore);
  summary.signInAttempts = await deleteOlderThan('SignInAttempt', 'createdAt', new Date(now.getTime() - SIGN_IN_THROTTLE.windowMinutes * MINUTE_MS));
  // A session past its absolute limit can never be used again; the audit log keeps its sign-in and sign-out.
  summary.staffSessions = await deleteOlderThan('StaffSession', 'expiresAt', new Date(now.getTime() - SESSION_KEPT_DAYS * DAY_MS));
  summary.webhookDeliveries = await deleteOlderThan('WebhookDelivery', 'createdAt', new Date(now.getTime() - WEBHOOK_LOG_KEPT_DAYS * DAY_MS));
  return summary;
}

/** Refresh records observed before this instant are gone (or going), by any prune so far. */
export async function prunedRefreshRecordsBefore(db: Db): Promise<Date | null> {
  const run = await db.maintenanceRun.findUnique({ where: { job: PRUNE_JOB } });
  return run ? new Date((JSON.parse(run.lastResult) as { prunedRefreshRecordsBefore: string }).prunedRefreshRecordsBefore) : null;
}

// The latest cutoff ever applied: a retention made longer later does not bring pruned days back.
async function recordPrunedBefore(db: Db, cutoff: Date, now: Date): Promise<Date> {
  const earlier = await prunedRefreshRecordsBefore(db);
  const prunedBefore = earlier && earlier > cutoff ? earlier : cutoff;
  const lastResult = JSON.stringify({ prunedRefreshRecordsBefore: prunedBefore.toISOString() });
  await db.maintenanceRun.upsert({ where: { job: PRUNE_JOB }, create: { job: PRUNE_JOB, lastRunAt: now, lastResult }, update: { lastRunAt: now, lastResult } });
  return prunedBefore;
}
