import 'server-only';
import { snapshotStatusDistribution } from '@/server/analytics/daily-rollups.ts';
import type { Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';
import { FlanksError, type FlanksClient } from '@/server/flanks/flanks-client.ts';
import { FlanksMalformedResponse } from '@/server/flanks/http/parse-flanks.ts';
import { detectIncidents } from '@/server/incidents/detect-incidents.ts';
import { utcDay } from '@/lib/domain/time.ts';
import { INGESTION_TRANSACTION, ingestStatuses } from './ingest-statuses.ts';
import { knownCredentials } from './known-credentials.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { isDue, POLL_EVERY_CREDENTIAL, type PollingBudget } from './polling-budget.ts';
import { syncInstitutions } from './sync-institutions.ts';

// Credentials recorded per transaction: large enough that a daily run is not paced by commits, small
// enough that staff actions waiting on the write lock do not notice (docs/BENCHMARKS.md, the daily
// ingestion).
const DEFAULT_BATCH_SIZE = 1000;

export interface PollSummary {
  credentials: number;
  created: number;
  statusChanges: number;
  refreshes: number;
  skipped: number;
  /** False when the deadline stopped it part-way: the next sync resumes at the page it reached. */
  complete: boolean;
}

export interface PollOptions {
  budget?: PollingBudget;
  /** Status requests in flight at once. */
  concurrency?: number;
  /** Credentials read (whole pages of them) before one transaction records what changed. */
  batchSize?: number;
  /** Stop after the batch during which this time passes (a job's slice of time); see `complete`. */
  deadline?: Date;
  log?: (message: string) => void;
}

/**
 * Reads the credentials of a FlanksClient and records what changed: new credentials, status changes
 * with the time CredOps observed them, and one refresh record per observed extraction, with the
 * status counters and daily rollups updated in the same transaction. Safe to run again: an unchanged
 * credential writes nothing. Pages are recorded `batchSize` credentials at a time, so a sync that
 * stops half-way (a crash, or its `deadline`) resumes at the first page after the last batch it
 * recorded (a crash: of the batch it was in); a credential whose status object
 * is malformed is logged and skipped, and the rest of the sync goes on.
 */
export async function pollFlanks(db: Db, flanks: FlanksClient, now: Date = new Date(), options: PollOptions = {}): Promise<PollSummary> {
  const budget = options.budget ?? POLL_EVERY_CREDENTIAL;
  const log = options.log ?? ((message: string) => console.warn(message));
  const state = await db.syncState.upsert({ where: { id: flanks.name }, create: { id: flanks.name, lastStartedAt: now }, update: { lastStartedAt: now } });
  try {
    const summary: PollSummary = { credentials: 0, created: 0, statusChanges: 0, refreshes: 0, skipped: 0, complete: true };
    await syncInstitutions(db, flanks);
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    for (let page = state.resumeFromPage ?? 1, pages = page; page <= pages; ) {
      const tokens: string[] = [];
      do {
        const listing = await flanks.listCredentials(page++);
        pages = listing.pages;
        tokens.push(...listing.items.map((item) => item.credentials_token));
      } while (page <= pages && tokens.length < batchSize);
      const known = await knownCredentials(db, tokens);
      const due = tokens.filter((token) => isDue(known.get(token), budget, now));
      const statuses = await mapWithConcurrency(due, options.concurrency ?? 8, async (token) => {
        try {
          return { token, flanks: await flanks.getStatus(token) };
        } catch (error) {
          if (!(error instanceof FlanksMalformedResponse || (error instanceof FlanksError && error.code === 'NOT_FOUND'))) throw error;
          log(`Skipped credential ${token}: ${error.message}`);
          summary.skipped++;
          return null;
        }
      });
      const read = statuses.filter((s) => s !== null);
      const batch = await ingestStatuses(db, read, known, now);
      if (budget !== POLL_EVERY_CREDENTIAL && read.length) {
        await db.$executeRaw`UPDATE "Credential" SET "lastPolledAt" = ${now} WHERE token IN (${Prisma.join(read.map((r) => r.token))})`;
      }
      await db.syncState.update({ where: { id: flanks.name }, data: { resumeFromPage: page <= pages ? page : null } });
      summary.credentials += read.length;
      summary.created += batch.created;
      summary.statusChanges += batch.statusChanges;
      summary.refreshes += batch.refreshes;
      if (options.deadline && page <= pages && Date.now() >= options.deadline.getTime()) return { ...summary, complete: false };
    }
    await db.$transaction((tx) => snapshotStatusDistribution(tx, utcDay(now)), INGESTION_TRANSACTION);
    await detectIncidents(db, utcDay(now), now);
    await db.syncState.update({ where: { id: flanks.name }, data: { lastCompletedAt: new Date(), lastError: null, consecutiveFailures: 0, resumeFromPage: null } });
    return summary;
  } catch (error) {
    await db.syncState.update({
      where: { id: flanks.name },
      data: { lastError: error instanceof Error ? error.message : String(error), consecutiveFailures: { increment: 1 } },
    });
    throw error;
  }
}
