import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/server/db/client.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { loadSimulator, saveSimulator } from '@/server/flanks/simulator/simulator-store.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { pollCredentials } from './poll-credentials.ts';
import { pollFlanks } from './poll-flanks.ts';

// Two instances polled the same Flanks changes 7 ms apart: each read the status outside its write
// transaction and recorded the change, so one Blocked credential became two StatusChange rows and the
// Blocked counter drifted by one per credential, silently. Another sync died on the refresh record's
// unique key, because "changed without new data" was keyed on each poller's own clock.

const seededAt = new Date('2026-11-20T14:00:00Z');
const company = { credentials: 240, days: 20, seed: 'concurrent-ingestion', now: seededAt };
const ms = (at: Date, by: number) => new Date(at.getTime() + by);

describe.each(DATABASE_KINDS)('two pollers on one %s database', (kind) => {
  let t: TestDatabase;
  // On PostgreSQL each poller has its own client, as two processes would; SQLite is one process.
  let other: Db;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, company);
    other = kind === 'postgresql' ? createDb(t.url) : t.db;
  });
  afterAll(async () => {
    if (other !== t?.db) await other?.$disconnect();
    await t?.drop();
  });

  async function ledger() {
    const [changes, refreshes, counters, actual, rolled, raw] = await Promise.all([
      t.db.statusChange.count(),
      t.db.refreshRecord.count(),
      t.db.statusCounter.findMany({ where: { count: { not: 0 } } }),
      t.db.credential.groupBy({ by: ['institutionId', 'ownerId', 'status'], _count: { _all: true } }),
      t.db.dailyInstitutionRollup.aggregate({ _sum: { success: true, scaRequired: true, invalidCredentials: true, institutionError: true } }),
      t.db.refreshRecord.count(),
    ]);
    const key = (i: string, o: string | null, s: string) => `${i}|${o ?? ''}|${s}`;
    const s = rolled._sum;
    return {
      changes,
      refreshes,
      counters: new Map(counters.map((c) => [key(c.institutionId, c.ownerKey, c.status), c.count])),
      groupBy: new Map(actual.map((a) => [key(a.institutionId, a.ownerId, a.status), a._count._all])),
      rolledUp: (s.success ?? 0) + (s.scaRequired ?? 0) + (s.invalidCredentials ?? 0) + (s.institutionError ?? 0),
      raw,
    };
  }

  /** Both pollers read the same Flanks state, each from its own copy of the simulator. */
  async function bothPoll(at: Date) {
    const [a, b] = await Promise.all([loadSimulator(t.db, 'a'), loadSimulator(other, 'b')]);
    return Promise.all([pollFlanks(t.db, a, at), pollFlanks(other, b, ms(at, 7))]);
  }

  it('records a change without new data once, and the counters stay equal to a count of the credentials', async () => {
    const sim = await loadSimulator(t.db, 'block');
    const turning = [...sim.credentials.values()].filter((c) => !c.blocked && !c.pending && !c.scaToken).slice(0, 90);
    for (const c of turning) {
      c.blocked = true;
      c.resetToken = `reset-${c.token}`;
      sim.changed.add(c.token);
    }
    await saveSimulator(t.db, sim);
    const before = await ledger();

    const [first, second] = await bothPoll(ms(seededAt, 3_600_000));

    const after = await ledger();
    expect(first.statusChanges + second.statusChanges).toBe(turning.length);
    expect(after.changes - before.changes).toBe(turning.length);
    expect(after.refreshes - before.refreshes).toBe(turning.length);
    expect(after.counters).toEqual(after.groupBy);
    expect(after.rolledUp).toBe(after.raw);
  });

  it('records new data once when both see the same extraction', async () => {
    const sim = await loadSimulator(t.db, 'refresh');
    const extractedAt = ms(seededAt, 2 * 3_600_000);
    const refreshed = [...sim.credentials.values()].filter((c) => !c.blocked && !c.pending && !c.scaToken).slice(0, 60);
    for (const c of refreshed) {
      c.lastUpdateAt = extractedAt;
      sim.changed.add(c.token);
    }
    await saveSimulator(t.db, sim);
    const before = await ledger();

    await bothPoll(ms(extractedAt, 60_000));

    const after = await ledger();
    expect(after.refreshes - before.refreshes).toBe(refreshed.length);
    expect(after.counters).toEqual(after.groupBy);
    expect(after.rolledUp).toBe(after.raw);
  });

  it('records a resolved credential once when the sync races the Link-return poll', async () => {
    const sim = await loadSimulator(t.db, 'resolve');
    const blocked = [...sim.credentials.values()].find((c) => c.blocked && c.resetToken)!;
    const fixedAt = ms(seededAt, 3 * 3_600_000);
    sim.completeResetFlow(blocked.resetToken!, blocked.bankPassword, fixedAt);
    await saveSimulator(t.db, sim);
    const before = await ledger();
    const credential = await t.db.credential.findUniqueOrThrow({ where: { token: blocked.token } });
    const changesBefore = await t.db.statusChange.count({ where: { credentialId: credential.id } });

    const observedAt = ms(fixedAt, 60_000);
    const [a, b] = await Promise.all([loadSimulator(t.db, 'sync'), loadSimulator(other, 'return', { token: blocked.token })]);
    await Promise.all([pollFlanks(t.db, a, observedAt), pollCredentials(other, b, [blocked.token], ms(observedAt, 5))]);

    const after = await ledger();
    expect(await t.db.statusChange.count({ where: { credentialId: credential.id } })).toBe(changesBefore + 1);
    expect(await t.db.refreshRecord.count({ where: { credentialId: credential.id, trigger: 'RESET_RESOLVED' } })).toBe(1);
    expect(after.changes - before.changes).toBe(1);
    expect(after.counters).toEqual(after.groupBy);
    expect(after.rolledUp).toBe(after.raw);
  });
});
