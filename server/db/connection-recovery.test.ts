import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/server/testing/test-database.ts';
import { postgresOutage } from '@/server/testing/postgres-outage.ts';
import { createDb, type Db } from './client.ts';

// Terminating the app's PostgreSQL backends during traffic (a failover, a PgBouncer restart) left
// every database route hanging, /api/health included, for 8+ minutes with no connection open: an
// interactive transaction whose connection died never gave its pool slot back, and a full pool made
// every later call wait for a slot forever. Once the process crashed instead: a connection handed to
// a waiting transaction was terminated before anything listened to its 'error' event.

const TIMEOUTS = { acquireTimeoutMs: 2_000, statementTimeoutMs: 2_000, idleInTransactionTimeoutMs: 2_000 };
const FAIL_FAST_MS = 5_000;
const RECOVERED_WITHIN_MS = 30_000;

interface Call {
  startedAt: number;
  settledAt?: number;
  ok?: boolean;
}

/** Interactive transactions (as link sends run them) and a few plain queries, from `workers` callers at once. */
function traffic(db: Db, workers: number) {
  const calls: Call[] = [];
  let running = true;
  const work = (i: number) =>
    i % 8 === 0
      ? db.$queryRaw`SELECT 1`
      : db.$transaction(async (tx) => {
          await tx.syncState.upsert({ where: { id: `w${i}` }, create: { id: `w${i}`, consecutiveFailures: 0 }, update: { consecutiveFailures: { increment: 1 } } });
          await sleep(20); // the work a use case does between two statements
          await tx.syncState.findUnique({ where: { id: `w${i}` } });
        });
  const loop = async (i: number) => {
    while (running) {
      const call: Call = { startedAt: performance.now() };
      calls.push(call);
      const ok = await work(i).then(() => true, () => false);
      Object.assign(call, { settledAt: performance.now(), ok });
      if (!ok) await sleep(50); // a caller retrying, not a busy loop
    }
  };
  const loops = Array.from({ length: workers }, (_, i) => loop(i));
  return {
    calls,
    /** Stops the callers; resolves false if some call never settled. */
    stop: async () => {
      running = false;
      return Promise.race([Promise.all(loops).then(() => true), sleep(FAIL_FAST_MS + 1_000).then(() => false)]);
    },
  };
}

/** The slowest call started after `from`, a still-pending call counting as its age. */
const slowestSince = (calls: Call[], from: number) =>
  Math.max(0, ...calls.filter((c) => c.startedAt >= from).map((c) => (c.settledAt ?? performance.now()) - c.startedAt));
/** $disconnect ends the pool, which waits for every borrowed connection to come back. */
const closes = (db: Db) => Promise.race([db.$disconnect().then(() => true), sleep(FAIL_FAST_MS).then(() => false)]);
const firstSuccessSince = (calls: Call[], from: number) => calls.find((c) => c.startedAt >= from && c.ok)?.settledAt;

describe('a PostgreSQL client whose connections are all terminated', () => {
  let t: TestDatabase;
  let outage: Awaited<ReturnType<typeof postgresOutage>>;
  const unhandled: unknown[] = [];
  const record = (error: unknown) => unhandled.push(error);

  beforeAll(async () => {
    t = await createTestDatabase('postgresql');
    outage = await postgresOutage(t);
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterAll(async () => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
    await outage?.end();
    await t?.drop();
  });

  const terminateAll = () => outage.terminateConnections();
  const allowConnections = (allow: boolean) => outage.allowConnections(allow);

  it('answers again within seconds, in the same process, after its backends are terminated under traffic', async () => {
    const db = createDb(t.url, TIMEOUTS);
    const load = traffic(db, 16);
    await sleep(1_000);
    const terminatedAt = performance.now();
    // Three rounds, a second apart, as a failover and the reconnects after it: each round used to
    // strand the pool slots of the transactions it interrupted.
    for (let round = 0; round < 3; round++) {
      await terminateAll();
      await sleep(1_000);
    }
    const lastTerminatedAt = performance.now() - 1_000;
    await sleep(5_000);
    const settled = await load.stop();
    const recovered = firstSuccessSince(load.calls, lastTerminatedAt);

    expect(slowestSince(load.calls, terminatedAt), 'slowest call after the first termination (ms)').toBeLessThan(FAIL_FAST_MS);
    expect(settled, 'every call settled').toBe(true);
    expect(recovered && recovered - lastTerminatedAt, 'first success after the last termination (ms)').toBeLessThan(RECOVERED_WITHIN_MS);
    expect(load.calls.slice(-16).every((c) => c.ok), 'the last calls succeed').toBe(true);
    expect(await closes(db), 'no connection is left borrowed').toBe(true);
    expect(unhandled).toEqual([]);
  });

  it('fails fast while the database refuses connections, and recovers once it accepts them again', async () => {
    const db = createDb(t.url, TIMEOUTS);
    const load = traffic(db, 16);
    await sleep(1_000);
    const outageAt = performance.now();
    await allowConnections(false);
    await terminateAll();
    await sleep(6_000);
    const failures = load.calls.filter((c) => c.startedAt >= outageAt && c.settledAt && !c.ok).length;
    const slowestDuringOutage = slowestSince(load.calls, outageAt);
    const restoredAt = performance.now();
    await allowConnections(true);
    await sleep(6_000);
    const settled = await load.stop();
    const recovered = firstSuccessSince(load.calls, restoredAt);

    expect(failures, 'calls rejected during the outage').toBeGreaterThan(0);
    expect(slowestDuringOutage, 'slowest call during the outage (ms)').toBeLessThan(FAIL_FAST_MS);
    expect(settled, 'every call settled').toBe(true);
    expect(recovered && recovered - restoredAt, 'first success after the database is back (ms)').toBeLessThan(RECOVERED_WITHIN_MS);
    expect(load.calls.slice(-16).every((c) => c.ok), 'the last calls succeed').toBe(true);
    expect(await closes(db), 'no connection is left borrowed').toBe(true);
    expect(unhandled).toEqual([]);
  });

  it('cuts off a statement that runs past the statement timeout', async () => {
    const db = createDb(t.url, TIMEOUTS);
    const started = performance.now();
    await expect(db.$queryRaw`SELECT pg_sleep(30)`).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(FAIL_FAST_MS);
    const [settings] = await db.$queryRaw<{ statement_timeout: string; idle: string }[]>`
      SELECT current_setting('statement_timeout') AS statement_timeout, current_setting('idle_in_transaction_session_timeout') AS idle`;
    expect(settings).toEqual({ statement_timeout: '2s', idle: '2s' });
    await db.$disconnect();
  });
});
