import 'server-only';
import { OutcomeDeltas } from '@/server/analytics/daily-rollups.ts';
import { stampLinkRecoveries } from '@/server/analytics/link-recoveries.ts';
import type { CredentialStatus } from '@/server/credentials/lifecycle.ts';
import { CounterDeltas } from '@/server/credentials/status-counters.ts';
import { flagRecurring } from '@/server/credentials/flag-recurring.ts';
import { providerOf, type Db } from '@/server/db/client.ts';
import { insertRows, insertRowsReturning } from '@/server/db/insert-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import type { FlanksCredentialStatus } from '@/server/flanks/flanks-client.ts';
import { utcDay } from '@/lib/domain/time.ts';
import { KNOWN_COLUMNS, type KnownRow } from './known-credentials.ts';
import { observeCredential, type Observation } from './observe-credential.ts';
import { refreshAttention } from '@/server/credentials/refresh-attention.ts';

export const INGESTION_TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

/** One credential's status as read from Flanks. */
export interface StatusRead {
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
export async function ingestStatuses(db: Db, reads: StatusRead[], known: Map<string, KnownRow>, now: Date) {
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
      ['credentialId', 'fromStatus', 'toStatus', 'observedAt', 'flanksUpdatedAt', 'secondsInPrevious'],
      changed.map(({ id, from, observation: o }) => [id, o.statusChange!.from, o.statusChange!.to, now, o.lastUpdatedAt, from ? Math.round((now.getTime() - from.statusChangedAt.getTime()) / 1000) : null]),
    );
    await flagRecurring(tx, changed.map(({ id, observation: o }) => ({ id, from: o.statusChange!.from, to: o.statusChange!.to })), now);
    await refreshAttention(tx, { ids: changed.map((c) => c.id) });
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
    await stampLinkRecoveries(tx, recovered);

    const counters = new CounterDeltas();
    for (const { institutionId, from, observation: o } of changed) counters.move(institutionId, from?.ownerId ?? null, o.statusChange!.from, o.statusChange!.to);
    await counters.apply(tx);
    await outcomes.apply(tx);
    return { created: created.length, statusChanges: changed.length, refreshes: written.size };
  }, INGESTION_TRANSACTION);
}
