import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CounterDeltas } from '@/server/credentials/status-counters.ts';
import type { Db } from '@/server/db/client.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { loadSimulator } from '@/server/flanks/simulator/simulator-store.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { createTestDatabase, DATABASE_KINDS, type DatabaseKind, type TestDatabase } from '@/server/testing/test-database.ts';
import { getLastReconciliation } from './get-last-reconciliation.ts';
import { reconcileStatusCounters } from './reconcile-status-counters.ts';

const now = new Date('2026-11-20T14:00:00Z');
const company = { credentials: 200, days: 10, seed: 'reconcile-test', now };
const quiet = { log: () => {} };

const key = (institutionId: string, ownerKey: string | null, status: string) => `${institutionId}|${ownerKey ?? ''}|${status}`;

/** The counters that say something (a row of 0 counts nothing). */
async function counters(db: Db) {
  const rows = await db.statusCounter.findMany({ where: { count: { not: 0 } } });
  return new Map(rows.map((c) => [key(c.institutionId, c.ownerKey, c.status), c.count]));
}

/** What the counters should say, counted with Prisma, apart from the job's own SQL. */
async function counted(db: Db) {
  const groups = await db.credential.groupBy({ by: ['institutionId', 'ownerId', 'status'], _count: { _all: true } });
  return new Map(groups.map((g) => [key(g.institutionId, g.ownerId, g.status), g._count._all]));
}

/** Until some statement on this database waits for a lock another transaction holds (PostgreSQL). */
async function untilSomeoneWaitsForALock(db: Db, kind: DatabaseKind) {
  // SQLite's adapter runs one transaction at a time: the waiting is the adapter's, nothing to see.
  if (kind === 'sqlite') return;
  for (let i = 0; i < 500; i++) {
    const [{ n }] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('nothing waited for a lock');
}

describe.each(DATABASE_KINDS)('reconciling the status counters on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, company);
  });
  afterAll(() => t?.drop());

  it('has nothing to report before its first run', async () => {
    expect(await getLastReconciliation(t.db)).toBeNull();
  });

  it('repairs a wrong, a missing and a bogus counter back to the count of the credentials, and reports each', async () => {
    expect(await counters(t.db)).toEqual(await counted(t.db));
    const [wrong, missing] = await t.db.statusCounter.findMany({ where: { count: { gt: 0 } }, orderBy: [{ institutionId: 'asc' }, { ownerKey: 'asc' }, { status: 'asc' }], take: 2 });
    await t.db.$executeRaw`UPDATE "StatusCounter" SET count = count + 7 WHERE "institutionId" = ${wrong.institutionId} AND "ownerKey" = ${wrong.ownerKey} AND status = ${wrong.status}`;
    await t.db.$executeRaw`DELETE FROM "StatusCounter" WHERE "institutionId" = ${missing.institutionId} AND "ownerKey" = ${missing.ownerKey} AND status = ${missing.status}`;
    await t.db.$executeRaw`INSERT INTO "StatusCounter" ("institutionId", "ownerKey", status, count) VALUES ('nowhere_es', '', 'BLOCKED', 42)`;
    expect(await counters(t.db)).not.toEqual(await counted(t.db));

    const logged: string[] = [];
    const result = await reconcileStatusCounters(t.db, { now, log: (message) => logged.push(message) });

    expect(await counters(t.db)).toEqual(await counted(t.db));
    expect(result.repaired).toBe(3);
    expect(result.repairs).toEqual(
      expect.arrayContaining([
        { institutionId: wrong.institutionId, ownerKey: wrong.ownerKey, status: wrong.status, was: wrong.count + 7, counted: wrong.count },
        { institutionId: missing.institutionId, ownerKey: missing.ownerKey, status: missing.status, was: 0, counted: missing.count },
        { institutionId: 'nowhere_es', ownerKey: '', status: 'BLOCKED', was: 42, counted: 0 },
      ]),
    );
    // Gone, not 0: the daily status snapshot writes a rollup for each institution among the counters.
    expect(await t.db.statusCounter.count({ where: { institutionId: 'nowhere_es' } })).toBe(0);
    expect(logged).toHaveLength(3);
    expect(logged.some((line) => line.includes('nowhere_es') && line.includes('42'))).toBe(true);
  });

  it('repairs nothing on a second run', async () => {
    const result = await reconcileStatusCounters(t.db, { now, ...quiet });
    expect(result).toMatchObject({ repaired: 0, repairs: [] });
    expect(result.counters).toBeGreaterThan(0);
  });

  it('keeps when it last ran and how many it repaired, for the health check', async () => {
    const later = new Date(now.getTime() + 3_600_000);
    await t.db.$executeRaw`UPDATE "StatusCounter" SET count = count - 1 WHERE count > 0 AND status = 'ACTIVE'`;
    const result = await reconcileStatusCounters(t.db, { now: later, ...quiet });
    expect(result.repaired).toBeGreaterThan(0);
    expect(await getLastReconciliation(t.db)).toEqual({ lastRunAt: later.toISOString(), counters: result.counters, repaired: result.repaired });
  });

  it('counts once a status change whose transaction is still open when it starts', async () => {
    // Without a lock the ingestion also takes, the repair is computed from a snapshot without this
    // change and written over the delta the change commits meanwhile: the counter ends one off.
    const credential = await t.db.credential.findFirstOrThrow({ where: { status: 'ACTIVE' }, orderBy: { id: 'asc' } });
    await t.db.$executeRaw`
      UPDATE "StatusCounter" SET count = count + 5
      WHERE "institutionId" = ${credential.institutionId} AND "ownerKey" = ${credential.ownerId ?? ''} AND status = 'ACTIVE'`;
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let deltaAdded!: () => void;
    const added = new Promise<void>((resolve) => (deltaAdded = resolve));
    const change = t.db.$transaction(
      async (tx) => {
        await tx.credential.update({ where: { id: credential.id }, data: { status: 'BLOCKED' } });
        const deltas = new CounterDeltas();
        deltas.move(credential.institutionId, credential.ownerId, 'ACTIVE', 'BLOCKED');
        await deltas.apply(tx);
        deltaAdded();
        await committing;
      },
      { timeout: 30_000 },
    );
    await added;
    const reconciliation = reconcileStatusCounters(t.db, quiet);
    await untilSomeoneWaitsForALock(t.db, kind);
    commit();
    await change;
    const result = await reconciliation;

    expect(await counters(t.db)).toEqual(await counted(t.db));
    expect(result.repairs).toContainEqual(expect.objectContaining({ institutionId: credential.institutionId, ownerKey: credential.ownerId ?? '', status: 'ACTIVE' }));
  });

  // SQLite only: another process's write lock is a file lock there (PostgreSQL's case is the test above).
  if (kind === 'sqlite') it("waits for another process's open write transaction instead of failing or counting without it", async () => {
    const credential = await t.db.credential.findFirstOrThrow({ where: { status: 'ACTIVE' }, orderBy: { id: 'desc' } });
    const owner = credential.ownerId ?? '';
    // A thread stands in for the other process, and commits on its own clock: better-sqlite3 waits
    // for a lock synchronously, blocking this thread's event loop until the other one commits.
    const other = new Worker(
      `const { parentPort, workerData: w } = require('node:worker_threads');
       const db = new (require('better-sqlite3'))(w.file);
       db.exec('BEGIN');
       db.prepare('UPDATE "Credential" SET status = ? WHERE id = ?').run('PENDING_SCA', w.id);
       db.prepare('UPDATE "StatusCounter" SET count = count - 1 WHERE "institutionId" = ? AND "ownerKey" = ? AND status = ?').run(w.institutionId, w.owner, 'ACTIVE');
       db.prepare('INSERT INTO "StatusCounter" ("institutionId", "ownerKey", status, count) VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET count = count + 1').run(w.institutionId, w.owner, 'PENDING_SCA');
       parentPort.postMessage('open');
       setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);`,
      { eval: true, workerData: { file: t.url.replace(/^file:/, ''), id: credential.id, institutionId: credential.institutionId, owner } },
    );
    try {
      await once(other, 'message');
      await reconcileStatusCounters(t.db, quiet);
      expect(await counters(t.db)).toEqual(await counted(t.db));
      expect(await t.db.credential.findUniqueOrThrow({ where: { id: credential.id } })).toMatchObject({ status: 'PENDING_SCA' });
    } finally {
      await other.terminate();
    }
  });

  it('leaves the counters exact when it runs during an ingestion', async () => {
    const sim = await loadSimulator(t.db, 'reconcile-during-ingestion');
    const dailyRun = new Date(now.getTime() + 13 * 3_600_000);
    sim.simulateEndUsers(new Date(now.getTime() + 2 * 3_600_000));
    sim.runDailyRefresh(dailyRun);
    const [summary] = await Promise.all([
      pollFlanks(t.db, sim, new Date(dailyRun.getTime() + 3_600_000), { batchSize: 10 }),
      reconcileStatusCounters(t.db, quiet),
    ]);
    expect(summary.statusChanges).toBeGreaterThan(0);
    expect(await counters(t.db)).toEqual(await counted(t.db));
    expect((await reconcileStatusCounters(t.db, quiet)).repaired).toBe(0);
  });
});
