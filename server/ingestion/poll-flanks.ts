import 'server-only';
import { OutcomeDeltas, snapshotStatusDistribution } from '@/server/analytics/daily-rollups.ts';
import { stampLinkRecoveries } from '@/server/analytics/link-recoveries.ts';
import type { CredentialStatus } from '@/server/credentials/lifecycle.ts';
import { CounterDeltas } from '@/server/credentials/status-counters.ts';
import { providerOf, type Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';
import { insertRows, insertRowsReturning } from '@/server/db/insert-rows.ts';
import { FlanksError, type FlanksClient, type FlanksCredentialStatus } from '@/server/flanks/flanks-client.ts';
import { FlanksMalformedResponse } from '@/server/flanks/http/parse-flanks.ts';
import { detectIncidents } from '@/server/incidents/detect-incidents.ts';
import { observeCredential, type Observation } from './observe-credential.ts';
import { utcDay } from '@/lib/domain/time.ts';

const TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

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

/** How often each credential is read: broken and pending ones more often than healthy ones. */
export interface PollingBudget {
  activeEveryMinutes: number;
  othersEveryMinutes: number;
}
export const POLL_EVERY_CREDENTIAL: PollingBudget = { activeEveryMinutes: 0, othersEveryMinutes: 0 };

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
    await db.$transaction((tx) => snapshotStatusDistribution(tx, utcDay(now)), TRANSACTION);
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

/**
 * Reads these credentials now, outside the sync's paging and budget (an end user just finished a
 * Link flow, say), and records what changed exactly as a sync would.
 */
export async function pollCredentials(db: Db, flanks: FlanksClient, tokens: string[], now: Date = new Date()) {
  const known = await knownCredentials(db, tokens);
  const statuses = await Promise.all(tokens.map(async (token) => ({ token, flanks: await flanks.getStatus(token) })));
  return ingestStatuses(db, statuses, known, now);
}

function isDue(known: KnownRow | undefined, budget: PollingBudget, now: Date): boolean {
  if (!known?.lastPolledAt) return true;
  const minutes = known.status === 'ACTIVE' ? budget.activeEveryMinutes : budget.othersEveryMinutes;
  return minutes === 0 || now.getTime() - known.lastPolledAt.getTime() >= minutes * 60_000;
}

async function mapWithConcurrency<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function knownCredentials(db: Db, tokens: string[]): Promise<Map<string, KnownRow>> {
  if (tokens.length === 0) return new Map();
  // Raw SQL: Prisma's findMany with hundreds of IN parameters costs ~5x more (measured).
  const rows = await db.$queryRaw<KnownRow[]>`SELECT ${KNOWN_COLUMNS} FROM "Credential" WHERE token IN (${Prisma.join(tokens)})`;
  return new Map(rows.map((k) => [k.token, k]));
}

async function syncInstitutions(db: Db, flanks: FlanksClient) {
  const known = new Map((await db.institution.findMany()).map((i) => [i.id, i]));
  for (const entity of await flanks.listEntities()) {
    const current = known.get(entity.id);
    if (current && current.name === entity.name && current.country === entity.country) continue;
    await db.institution.upsert({
      where: { id: entity.id },
      create: { id: entity.id, name: entity.name, country: entity.country },
      update: { name: entity.name, country: entity.country },
    });
  }
}

interface KnownRow {
  id: number;
  token: string;
  status: string;
  ownerId: string | null;
  statusChangedAt: Date;
  createdAt: Date;
  lastUpdatedAt: Date | null;
  lastAttemptAt: Date | null;
  lastPolledAt: Date | null;
}

const KNOWN_COLUMNS = Prisma.sql`id, token, status, "ownerId", "statusChangedAt", "createdAt", "lastUpdatedAt", "lastAttemptAt", "lastPolledAt"`;

interface Read {
  token: string;
  flanks: FlanksCredentialStatus;
}

interface Observed {
  id: number;
  token: string;
  institutionId: string;
  from: KnownRow | null;
  observation: Observation;
}

const observe = (row: KnownRow | null, flanks: FlanksCredentialStatus, now: Date) =>
  observeCredential(row && { ...row, status: row.status as CredentialStatus }, flanks, now);
const writesSomething = (o: Observation) => Boolean(o.statusChange || o.refresh);

/**
 * Records what these reads tell, deciding every change inside the write transaction against the rows
 * as they are then: on PostgreSQL the batch's credentials are locked (in id order, so two pollers never
 * deadlock) and re-read, so a poller that lost the race sees the winner's write and records nothing
 * twice. SQLite is one process whose adapter runs one transaction at a time. New credentials are
 * inserted with ON CONFLICT DO NOTHING, refresh records likewise, and every counter and rollup delta
 * is taken from the rows actually written. `known` (read before Flanks was asked) only skips
 * credentials whose read shows nothing new: a concurrent poller can only have moved them further.
 */
async function ingestStatuses(db: Db, reads: Read[], known: Map<string, KnownRow>, now: Date) {
  const candidates = reads.filter(({ token, flanks }) => {
    const row = known.get(token);
    return !row || writesSomething(observe(row, flanks, now));
  });
  if (candidates.length === 0) return { created: 0, statusChanges: 0, refreshes: 0 };
  const lock = providerOf(db) === 'postgresql' ? Prisma.sql`FOR UPDATE` : Prisma.empty;

  return db.$transaction(async (tx) => {
    const fresh = candidates.filter((c) => !known.has(c.token)).sort((a, b) => (a.token < b.token ? -1 : 1));
    const freshObservations = new Map(fresh.map((c) => [c.token, observe(null, c.flanks, now)]));
    const created = await insertRowsReturning<{ id: number; token: string }>(
      tx,
      'Credential',
      ['token', 'institutionId', 'status', 'statusChangedAt', 'createdAt', 'lastUpdatedAt', 'dataAsOf', 'lastAttemptAt', 'lastAttemptOutcome', 'partialData', 'firstObservedAt'],
      fresh.map(({ token, flanks }) => {
        const o = freshObservations.get(token)!;
        return [token, flanks.name, o.status, now, o.createdAt, o.lastUpdatedAt, o.lastUpdatedAt ?? o.createdAt, o.refresh?.attemptAt ?? null, o.refresh?.outcome ?? null, o.partialData, now];
      }),
      { key: ['token'] },
      ['id', 'token'],
    );
    const createdIds = new Map(created.map((r) => [r.token, Number(r.id)]));
    const observed: Observed[] = candidates
      .filter((c) => createdIds.has(c.token))
      .map(({ token, flanks }) => ({ id: createdIds.get(token)!, token, institutionId: flanks.name, from: null, observation: freshObservations.get(token)! }));

    const existing = candidates.filter((c) => !createdIds.has(c.token));
    if (existing.length) {
      const rows = await tx.$queryRaw<KnownRow[]>`
        SELECT ${KNOWN_COLUMNS} FROM "Credential" WHERE token IN (${Prisma.join(existing.map((c) => c.token))}) ORDER BY id ${lock}`;
      const current = new Map(rows.map((r) => [r.token, { ...r, id: Number(r.id) }]));
      for (const { token, flanks } of existing) {
        const row = current.get(token);
        // A poller that read Flanks later has already recorded a newer state: ours is older news.
        if (!row || row.statusChangedAt > now) continue;
        const observation = observe(row, flanks, now);
        if (writesSomething(observation)) observed.push({ id: row.id, token, institutionId: flanks.name, from: row, observation });
      }
    }

    // Updates grouped by identical values: a daily run stamps whole institutions with one time.
    const updates = new Map<string, { assignments: Prisma.Sql[]; ids: number[] }>();
    for (const { id, from, observation: obs } of observed) {
      if (!from) continue;
      // The status only when it changed: SQLite rewrites every index holding an assigned column, even
      // to the same value, and two of the status indexes hold nothing else a refresh changes.
      const values: (readonly [string, Date | string | boolean | null])[] = [
        ['lastUpdatedAt', obs.lastUpdatedAt],
        ['dataAsOf', obs.lastUpdatedAt ?? obs.createdAt],
        ['partialData', obs.partialData],
        ...(obs.statusChange ? ([['status', obs.status], ['statusChangedAt', now]] as const) : []),
        ...(obs.refresh ? ([['lastAttemptAt', obs.refresh.attemptAt], ['lastAttemptOutcome', obs.refresh.outcome]] as const) : []),
      ];
      const key = JSON.stringify(values);
      const group = updates.get(key) ?? { assignments: values.map(([column, value]) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`), ids: [] };
      group.ids.push(id);
      updates.set(key, group);
    }
    for (const { assignments, ids } of updates.values()) {
      await tx.$executeRaw`UPDATE "Credential" SET ${Prisma.join(assignments)} WHERE id IN (${Prisma.join(ids)})`;
    }

    const changed = observed.filter((o) => o.observation.statusChange);
    await insertRows(
      tx,
      'StatusChange',
      ['credentialId', 'fromStatus', 'toStatus', 'observedAt', 'flanksUpdatedAt'],
      changed.map(({ id, observation: o }) => [id, o.statusChange!.from, o.statusChange!.to, now, o.lastUpdatedAt]),
    );
    const refreshed = observed.filter((o) => o.observation.refresh);
    const recorded = await insertRowsReturning<{ credentialId: number; attemptKey: string }>(
      tx,
      'RefreshRecord',
      ['credentialId', 'attemptKey', 'trigger', 'outcome', 'observedAt', 'flanksUpdatedAt', 'errored'],
      refreshed.map(({ id, observation: { refresh: r } }) => [id, r!.attemptKey, r!.trigger, r!.outcome, now, r!.flanksUpdatedAt, r!.errored]),
      { key: ['credentialId', 'attemptKey'] },
      ['credentialId', 'attemptKey'],
    );
    const written = new Set(recorded.map((r) => `${Number(r.credentialId)}|${r.attemptKey}`));
    const outcomes = new OutcomeDeltas();
    const recovered: number[] = [];
    for (const { id, institutionId, observation: { refresh: r } } of refreshed) {
      if (!written.has(`${id}|${r!.attemptKey}`)) continue;
      outcomes.add(utcDay(r!.attemptAt), institutionId, r!.outcome);
      if (r!.outcome === 'SUCCESS') recovered.push(id);
    }
    await stampLinkRecoveries(db, tx, recovered);

    const counters = new CounterDeltas();
    for (const { institutionId, from, observation: o } of changed) counters.move(institutionId, from?.ownerId ?? null, o.statusChange!.from, o.statusChange!.to);
    await counters.apply(tx);
    await outcomes.apply(tx);
    return { created: created.length, statusChanges: changed.length, refreshes: written.size };
  }, TRANSACTION);
}
