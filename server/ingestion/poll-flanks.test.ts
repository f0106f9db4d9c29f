import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { loadSimulator } from '@/server/flanks/simulator/simulator-store.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { pollFlanks } from './poll-flanks.ts';

const now = new Date('2026-11-20T14:00:00Z');
const company = { credentials: 300, days: 30, seed: 'ingestion-test', now };

describe.each(DATABASE_KINDS)('ingesting the simulated Flanks into %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, company);
  });
  afterAll(() => t?.drop());

  it('holds credentials in every status, produced by the day-by-day rules', async () => {
    const statuses = await t.db.credential.groupBy({ by: ['status'], _count: { _all: true } });
    expect(statuses.map((s) => s.status).sort()).toEqual(['ACTIVE', 'BLOCKED', 'PENDING', 'PENDING_SCA']);
  });

  it('agrees with the simulated Flanks on every credential status', async () => {
    const sim = await loadSimulator(t.db, 'check');
    const credentials = await t.db.credential.findMany({ select: { token: true, status: true } });
    expect(credentials.length).toBe(sim.credentials.size);
    for (const c of credentials) {
      const flanks = await sim.getStatus(c.token);
      const expected = flanks.blocked ? 'BLOCKED' : flanks.sca_token ? 'PENDING_SCA' : flanks.pending ? 'PENDING' : 'ACTIVE';
      expect(c.status, c.token).toBe(expected);
    }
  });

  it('keeps the status counters equal to a count of the credentials', async () => {
    const actual = await t.db.credential.groupBy({ by: ['institutionId', 'ownerId', 'status'], _count: { _all: true } });
    const counters = await t.db.statusCounter.findMany({ where: { count: { not: 0 } } });
    const key = (i: string, o: string | null, s: string) => `${i}|${o ?? ''}|${s}`;
    expect(new Map(counters.map((c) => [key(c.institutionId, c.ownerKey, c.status), c.count]))).toEqual(
      new Map(actual.map((a) => [key(a.institutionId, a.ownerId, a.status), a._count._all])),
    );
  });

  it('rolls up every refresh record once into the daily outcome figures', async () => {
    const raw = await t.db.refreshRecord.groupBy({ by: ['outcome'], _count: { _all: true } });
    const rolled = await t.db.dailyInstitutionRollup.aggregate({ _sum: { success: true, scaRequired: true, invalidCredentials: true, institutionError: true } });
    const rawBy = Object.fromEntries(raw.map((r) => [r.outcome, r._count._all]));
    expect(rolled._sum.success).toBe(rawBy.SUCCESS);
    expect(rolled._sum.scaRequired).toBe(rawBy.SCA_REQUIRED ?? 0);
    expect(rolled._sum.invalidCredentials).toBe(rawBy.INVALID_CREDENTIALS ?? 0);
    expect(rolled._sum.institutionError).toBe(rawBy.INSTITUTION_ERROR ?? 0);
  });

  it('writes nothing new when the same state is polled again', async () => {
    const before = { refreshes: await t.db.refreshRecord.count(), changes: await t.db.statusChange.count() };
    const summary = await pollFlanks(t.db, await loadSimulator(t.db, 'again'), now);
    expect(summary).toMatchObject({ created: 0, statusChanges: 0, refreshes: 0 });
    expect({ refreshes: await t.db.refreshRecord.count(), changes: await t.db.statusChange.count() }).toEqual(before);
  });

  it('reads broken and pending credentials more often than healthy ones under a polling budget', async () => {
    const budget = { activeEveryMinutes: 240, othersEveryMinutes: 5 };
    const sim = await loadSimulator(t.db, 'budget');
    const first = await pollFlanks(t.db, sim, now, { budget });
    expect(first.credentials).toBe(sim.credentials.size); // never polled yet: everyone is due
    const tenMinutesLater = new Date(now.getTime() + 10 * 60_000);
    const second = await pollFlanks(t.db, sim, tenMinutesLater, { budget });
    expect(second.credentials).toBe(await t.db.credential.count({ where: { status: { not: 'ACTIVE' } } }));
    const fiveHoursLater = new Date(now.getTime() + 5 * 3_600_000);
    const third = await pollFlanks(t.db, sim, fiveHoursLater, { budget });
    expect(third.credentials).toBe(sim.credentials.size);
  });

  it('records the same company whether each transaction holds one page or all of them', async () => {
    const sim = await loadSimulator(t.db, 'batches');
    const [pageByPage, allAtOnce] = await Promise.all([createTestDatabase(kind), createTestDatabase(kind)]);
    try {
      const byPage = await pollFlanks(pageByPage.db, sim, now, { batchSize: 1 });
      const atOnce = await pollFlanks(allAtOnce.db, sim, now, { batchSize: sim.credentials.size });
      expect(byPage).toEqual(atOnce);
      expect(byPage.credentials).toBe(sim.credentials.size);
      const snapshot = async (u: TestDatabase) => ({
        credentials: await u.db.credential.findMany({ select: { token: true, status: true, dataAsOf: true, lastAttemptOutcome: true }, orderBy: { token: 'asc' } }),
        counters: await u.db.statusCounter.findMany({ select: { institutionId: true, ownerKey: true, status: true, count: true }, orderBy: [{ institutionId: 'asc' }, { ownerKey: 'asc' }, { status: 'asc' }] }),
        refreshes: await u.db.refreshRecord.count(),
      });
      expect(await snapshot(pageByPage)).toEqual(await snapshot(allAtOnce));
    } finally {
      await Promise.all([pageByPage.drop(), allAtOnce.drop()]);
    }
  });

  it('records a status change with the time it was observed, and the refresh that caused it', async () => {
    const sim = await loadSimulator(t.db, 'resolve');
    const blocked = [...sim.credentials.values()].find((c) => c.blocked && c.resetToken)!;
    const fixedAt = new Date(now.getTime() + 3_600_000);
    sim.completeResetFlow(blocked.resetToken!, blocked.bankPassword, fixedAt);
    const observedAt = new Date(fixedAt.getTime() + 60_000);
    await pollFlanks(t.db, sim, observedAt);
    const credential = await t.db.credential.findUniqueOrThrow({
      where: { token: blocked.token },
      include: { statusChanges: { orderBy: { id: 'desc' }, take: 1 }, refreshes: { orderBy: { id: 'desc' }, take: 1 } },
    });
    expect(credential.status).toBe('ACTIVE');
    expect(credential.statusChanges[0]).toMatchObject({ fromStatus: 'BLOCKED', toStatus: 'ACTIVE', observedAt });
    expect(credential.refreshes[0]).toMatchObject({ outcome: 'SUCCESS', trigger: 'RESET_RESOLVED', flanksUpdatedAt: new Date(Math.floor(fixedAt.getTime() / 1000) * 1000) });
    const counter = await t.db.statusCounter.aggregate({ where: { status: 'BLOCKED' }, _sum: { count: true } });
    expect(counter._sum.count).toBe(await t.db.credential.count({ where: { status: 'BLOCKED' } }));
  });
});

describe('the demo company', () => {
  it('is the same company for the same seed (the simulator is deterministic), with SCA and Reset tokens of its own', async () => {
    const [a, b] = await Promise.all([createTestDatabase('sqlite'), createTestDatabase('sqlite')]);
    try {
      const options = { credentials: 120, days: 15, seed: 'same', now };
      await seedDemoCompany(a.db, options);
      await seedDemoCompany(b.db, options);
      const snapshot = (t: TestDatabase) =>
        t.db.credential.findMany({ select: { token: true, status: true, lastUpdatedAt: true, institutionId: true }, orderBy: { token: 'asc' } });
      const [first, second] = await Promise.all([snapshot(a), snapshot(b)]);
      expect(first.length).toBeGreaterThan(100);
      expect(second).toEqual(first);
      // The seed is public: a flow token it decided could be rebuilt by anyone (issue 16).
      const flowTokens = async (t: TestDatabase) =>
        (await t.db.simCredential.findMany({ select: { scaToken: true, resetToken: true } })).flatMap((c) => [c.scaToken, c.resetToken]).filter((token) => token !== null);
      const [ours, theirs] = await Promise.all([flowTokens(a), flowTokens(b)]);
      expect(ours.length).toBeGreaterThan(0);
      expect(theirs).toHaveLength(ours.length);
      expect(theirs.filter((token) => ours.includes(token))).toEqual([]);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });
});
