import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_THROTTLE } from '@/server/auth/sign-in-throttle.ts';
import type { Db } from '@/server/db/client.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { loadSimulator } from '@/server/flanks/simulator/simulator-store.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { rebuildDailyRollups } from '@/server/analytics/rebuild-daily-rollups.ts';
import { pruneOldRecords } from './prune-old-records.ts';
import { DAY_MS, MINUTE_MS } from '@/lib/domain/time.ts';

const now = new Date('2026-11-20T14:00:00Z');
const company = { credentials: 200, days: 20, seed: 'prune-test', now };
const daysAgo = (days: number, from = now) => new Date(from.getTime() - days * DAY_MS);

async function outcomeTotal(db: Db) {
  const { _sum: sum } = await db.dailyInstitutionRollup.aggregate({ _sum: { success: true, scaRequired: true, invalidCredentials: true, institutionError: true } });
  return (sum.success ?? 0) + (sum.scaRequired ?? 0) + (sum.invalidCredentials ?? 0) + (sum.institutionError ?? 0);
}

describe.each(DATABASE_KINDS)('pruning old records on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, company);
  });
  afterAll(() => t?.drop());

  it('deletes refresh records older than the retention, batch by batch, and keeps the newer ones, the rollups and the status changes', async () => {
    const cutoff = daysAgo(10);
    const older = await t.db.refreshRecord.count({ where: { observedAt: { lt: cutoff } } });
    const newer = await t.db.refreshRecord.findMany({ where: { observedAt: { gte: cutoff } }, select: { id: true }, orderBy: { id: 'asc' } });
    expect(older).toBeGreaterThan(250);
    expect(newer.length).toBeGreaterThan(0);
    const rollups = await t.db.dailyInstitutionRollup.findMany({ orderBy: [{ day: 'asc' }, { institutionId: 'asc' }] });
    const statusChanges = await t.db.statusChange.count();

    const summary = await pruneOldRecords(t.db, { now, refreshRetentionDays: 10, batchSize: 100 });

    expect(summary.refreshRecords).toBe(older);
    expect(summary.batches).toBeGreaterThanOrEqual(Math.ceil(older / 100));
    expect(summary.longestBatchMs).toBeGreaterThan(0);
    expect(await t.db.refreshRecord.count({ where: { observedAt: { lt: cutoff } } })).toBe(0);
    expect(await t.db.refreshRecord.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).toEqual(newer);
    expect(await t.db.dailyInstitutionRollup.findMany({ orderBy: [{ day: 'asc' }, { institutionId: 'asc' }] })).toEqual(rollups);
    expect(await t.db.statusChange.count()).toBe(statusChanges);
  });

  it('leaves the analytics backfill the outcome figures of pruned days (it has no records left to recount them from)', async () => {
    // Runs after the test above pruned everything older than 10 days.
    const figures = () => t.db.dailyInstitutionRollup.findMany({ orderBy: [{ day: 'asc' }, { institutionId: 'asc' }] });
    const before = await figures();
    const recovered = await t.db.link.count({ where: { recoveredAt: { not: null } } });
    await rebuildDailyRollups(t.db, now);
    expect(await figures()).toEqual(before);
    expect(await t.db.link.count({ where: { recoveredAt: { not: null } } })).toBe(recovered);
  });

  it('deletes the sign-in attempts the throttle no longer reads, and keeps those that still slow an address down', async () => {
    const window = SIGN_IN_THROTTLE.windowMinutes * MINUTE_MS;
    const stale = Array.from({ length: 12 }, (_, i) => ({ key: 'pair:someone@example.com|203.0.113.9', succeeded: false, createdAt: new Date(now.getTime() - window - (i + 1) * MINUTE_MS) }));
    const recent = Array.from({ length: SIGN_IN_THROTTLE.freePerAccountAndAddress }, (_, i) => ({ key: 'ip:203.0.113.9', succeeded: false, createdAt: new Date(now.getTime() - window + (i + 1) * MINUTE_MS) }));
    await t.db.signInAttempt.createMany({ data: [...stale, ...recent] });

    const summary = await pruneOldRecords(t.db, { now, batchSize: 5 });

    expect(summary.signInAttempts).toBe(stale.length);
    expect(await t.db.signInAttempt.findMany({ select: { key: true, createdAt: true }, orderBy: { createdAt: 'asc' } })).toEqual(recent.map(({ key, createdAt }) => ({ key, createdAt })));
  });

  it('keeps 90 days of webhook deliveries, the log an Admin reads', async () => {
    const webhook = await t.db.webhook.create({ data: { url: 'https://203.0.113.9/hook', secretSealed: 'v1:x:y:z', events: 'sync.failing', createdAt: now, createdById: 'nobody' } });
    const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
    await t.db.webhookDelivery.createMany({
      data: [91, 120, 89, 1].map((days) => ({ webhookId: webhook.id, eventKey: `k-${days}`, event: 'sync.failing', body: '{}', state: 'DELIVERED', nextAttemptAt: at(days), createdAt: at(days) })),
    });
    const summary = await pruneOldRecords(t.db, { now, batchSize: 1 });
    expect(summary.webhookDeliveries).toBe(2);
    expect((await t.db.webhookDelivery.findMany({ orderBy: { createdAt: 'asc' } })).map((d) => d.eventKey)).toEqual(['k-89', 'k-1']);
  });

  it('lets an ingestion running at the same time finish and record everything it read', async () => {
    const sim = await loadSimulator(t.db, 'prune-during-ingestion');
    const dailyRun = new Date(now.getTime() + 13 * 3_600_000);
    sim.simulateEndUsers(new Date(now.getTime() + 2 * 3_600_000));
    sim.runDailyRefresh(dailyRun);
    const pollAt = new Date(dailyRun.getTime() + 3_600_000);
    const cutoff = daysAgo(5, pollAt);
    const kept = await t.db.refreshRecord.count({ where: { observedAt: { gte: cutoff } } });
    const toPrune = await t.db.refreshRecord.count({ where: { observedAt: { lt: cutoff } } });
    expect(toPrune).toBeGreaterThan(500);
    const outcomesBefore = await outcomeTotal(t.db);

    const [ingested, pruned] = await Promise.all([
      pollFlanks(t.db, sim, pollAt, { batchSize: 10 }),
      pruneOldRecords(t.db, { now: pollAt, refreshRetentionDays: 5, batchSize: 20 }),
    ]);

    expect(ingested.refreshes).toBeGreaterThan(0);
    expect(pruned.refreshRecords).toBe(toPrune);
    expect(await t.db.refreshRecord.count({ where: { observedAt: { lt: cutoff } } })).toBe(0);
    expect(await t.db.refreshRecord.count()).toBe(kept + ingested.refreshes);
    expect(await t.db.refreshRecord.count({ where: { observedAt: pollAt } })).toBe(ingested.refreshes);
    expect(await outcomeTotal(t.db)).toBe(outcomesBefore + ingested.refreshes);
    const counted = await t.db.credential.groupBy({ by: ['institutionId', 'ownerId', 'status'], _count: { _all: true } });
    const counters = await t.db.statusCounter.findMany({ where: { count: { not: 0 } } });
    expect(new Map(counters.map((c) => [`${c.institutionId}|${c.ownerKey}|${c.status}`, c.count]))).toEqual(
      new Map(counted.map((g) => [`${g.institutionId}|${g.ownerId ?? ''}|${g.status}`, g._count._all])),
    );
  });

  it('keeps refresh records for 400 days unless told otherwise', async () => {
    const oldest = (await t.db.refreshRecord.aggregate({ _min: { observedAt: true } }))._min.observedAt!;
    const atOldest = await t.db.refreshRecord.count({ where: { observedAt: oldest } });
    const fourHundredDaysLater = new Date(oldest.getTime() + 400 * DAY_MS);
    expect((await pruneOldRecords(t.db, { now: fourHundredDaysLater })).refreshRecords).toBe(0);
    expect((await pruneOldRecords(t.db, { now: new Date(fourHundredDaysLater.getTime() + 1) })).refreshRecords).toBe(atOldest);
  });
});
