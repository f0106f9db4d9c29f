import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { deliverOutbox } from '@/server/email/deliver-outbox.ts';
import { env } from '@/server/env.ts';
import { syncFlanks } from '@/server/ingestion/sync-flanks.ts';
import { resumeBulkSends, runBulkSend } from '@/server/bulk-sends/run-bulk-send.ts';
import { resumeAssignments, runAssignment } from '@/server/assignments/run-assignment.ts';
import { sendStaffDigests } from '@/server/digests/send-staff-digests.ts';
import { deliverWebhooks } from '@/server/webhooks/deliver-webhooks.ts';
import { watchSync } from '@/server/alerts/watch-sync.ts';
import { sendDueReminders } from '@/server/reminders/send-due-reminders.ts';
import { PRUNE_JOB, pruneOldRecords } from '@/server/maintenance/prune-old-records.ts';
import { RECONCILIATION_JOB, reconcileStatusCounters } from '@/server/maintenance/reconcile-status-counters.ts';

export interface JobContext {
  db: Db;
  /** Queues another job (a continuation, say) on the engine that runs this one. */
  enqueue(name: JobName, data?: JobData): Promise<void>;
}

export type JobData = Record<string, string>;

/** What runs the jobs: pg-boss (server/jobs/pg-boss-engine.ts) or this process (in-process-engine.ts). */
export interface JobEngine {
  enqueue(name: JobName, data?: JobData): Promise<void>;
  /** Stops taking jobs and waits (a while) for the running ones. */
  stop(): Promise<void>;
}

/**
 * Background work, declared once and run by whichever engine the database calls for
 * (server/jobs/job-engine.ts): pg-boss on PostgreSQL, in this process on SQLite. Every job is safe to
 * run twice (its use case is idempotent) because an engine may retry one whose worker vanished.
 */
export interface JobDefinition {
  name: string;
  /** Offered every this many seconds, and run once per such slot across every process. */
  everySeconds?: number;
  /**
   * At most one running at a time across every process (one more may wait its turn). A dead worker's
   * exclusive job blocks its queue until it expires, so only short jobs are exclusive; the others
   * are safe to overlap (claims and leases in their use cases).
   */
  exclusive: boolean;
  /** Longer than any legitimate run: past it the engine takes the worker for dead and retries the job. */
  expireInSeconds: number;
  /** Retries (with backoff) before the job is dead-lettered. */
  retryLimit: number;
  run(context: JobContext, data: JobData): Promise<unknown>;
}

// A sync slice stops at a batch boundary after this long, well inside its expiry, so a killed
// worker's sync is taken over within a minute rather than after the longest possible sync.
const SYNC_SLICE_MS = 10_000;
const REMINDER_SLICE_MS = 20_000;
const EMAIL_SLICE_MS = 60_000;

export const JOBS = [
  {
    name: 'flanks-sync',
    everySeconds: env.POLL_INTERVAL_SECONDS,
    exclusive: true,
    expireInSeconds: 30,
    retryLimit: 2,
    async run({ db, enqueue }) {
      const summary = await syncFlanks(db, { sliceMs: SYNC_SLICE_MS });
      if (!summary.complete) await enqueue('flanks-sync');
      return summary;
    },
  },
  {
    // Link emails are handed over as they are sent; this delivers the rest (reminders, digests,
    // alerts) and what failed or was cut short, batch after batch for up to a minute.
    name: 'email-delivery',
    everySeconds: 15,
    exclusive: false,
    expireInSeconds: 120,
    retryLimit: 2,
    run: ({ db }) => deliverOutbox(db, { sliceMs: EMAIL_SLICE_MS }),
  },
  {
    // Reminders of unopened links, on the Admin's cadence; a long backlog continues in the next slice.
    name: 'link-reminders',
    everySeconds: 60,
    exclusive: true,
    expireInSeconds: 60,
    retryLimit: 2,
    async run({ db, enqueue }) {
      const summary = await sendDueReminders(db, { sliceMs: REMINDER_SLICE_MS });
      if (!summary.complete) await enqueue('link-reminders');
      // Delivered now rather than at the next scheduled pass.
      if (summary.sent > 0) await enqueue('email-delivery');
      return summary;
    },
  },
  {
    // Each staff user's 08:00 digest, on their own clock: a run every quarter hour finds who is due.
    name: 'staff-digests',
    everySeconds: 15 * 60,
    exclusive: true,
    expireInSeconds: 300,
    retryLimit: 2,
    run: ({ db }) => sendStaffDigests(db),
  },
  {
    // Alert webhooks: due deliveries and retries (emails go through email-delivery).
    name: 'webhook-delivery',
    everySeconds: 15,
    exclusive: false,
    expireInSeconds: 120,
    retryLimit: 2,
    run: ({ db }) => deliverWebhooks(db),
  },
  {
    // Operations hear when the sync has stalled, once per outage.
    name: 'sync-watch',
    everySeconds: 60,
    exclusive: true,
    expireInSeconds: 60,
    retryLimit: 1,
    run: ({ db }) => watchSync(db),
  },
  {
    // Started by a confirmed bulk send; the runner's lease keeps it to one runner at a time.
    name: 'bulk-send',
    exclusive: false,
    expireInSeconds: 3600,
    retryLimit: 5,
    run: ({ db }, { id }) => runBulkSend(id, { db }),
  },
  {
    // Bulk sends whose runner died (its lease lapsed) or never started.
    name: 'bulk-send-resume',
    everySeconds: 30,
    exclusive: false,
    expireInSeconds: 3600,
    retryLimit: 2,
    run: ({ db }) => resumeBulkSends({ db }),
  },
  {
    // Started by a bulk assignment of a filter; batches lock their credentials, so two runs never collide.
    name: 'assignment',
    exclusive: false,
    expireInSeconds: 600,
    retryLimit: 5,
    run: ({ db }, { id }) => runAssignment(id, { db }),
  },
  {
    // Assignments whose run was lost to a crash or restart.
    name: 'assignment-resume',
    everySeconds: 60,
    exclusive: true,
    expireInSeconds: 600,
    retryLimit: 2,
    run: ({ db }) => resumeAssignments({ db }),
  },
  {
    // Defence in depth: the ingestion keeps the counters exact; this finds and repairs any drift.
    name: RECONCILIATION_JOB,
    everySeconds: 15 * 60,
    exclusive: true,
    expireInSeconds: 120,
    retryLimit: 2,
    run: ({ db }) => reconcileStatusCounters(db),
  },
  {
    // Hourly, so each run deletes about an hour's worth of expired rows in short batches.
    name: PRUNE_JOB,
    everySeconds: 3600,
    exclusive: true,
    expireInSeconds: 600,
    retryLimit: 2,
    run: ({ db }) => pruneOldRecords(db, { refreshRetentionDays: env.REFRESH_RETENTION_DAYS }),
  },
] as const satisfies readonly JobDefinition[];

export type JobName = (typeof JOBS)[number]['name'];

export function jobNamed(name: JobName): JobDefinition {
  return JOBS.find((job) => job.name === name)!;
}
