import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, type Db } from '@/server/db/client.ts';
import { activeFlanksSourceName } from '@/server/flanks/flanks-source.ts';
import { postgresOutage } from '@/server/testing/postgres-outage.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { reconcileStatusCounters } from '@/server/maintenance/reconcile-status-counters.ts';
import { checkHealth } from './check-health.ts';

// /api/health hung with every other route while the pool waited forever for a connection, and it
// showed anyone Prisma's raw text: the database error and the sync's last error (SQLSTATE,
// constraint names).

const RAW_ERROR = 'Raw query failed. Code: `23505`. Message: `duplicate key value violates unique constraint "RefreshRecord_credentialId_attemptKey_key"`';

describe.each(DATABASE_KINDS)('the health check on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());

  it('is ok when the database answers', async () => {
    expect(await checkHealth({ db: t.db })).toMatchObject({ ok: true, database: { kind, ok: true }, dataSource: { failing: false } });
  });

  it("says the data source is failing without quoting the sync's error", async () => {
    const failing = { lastError: RAW_ERROR, consecutiveFailures: 3 };
    await t.db.syncState.upsert({ where: { id: activeFlanksSourceName() }, create: { id: activeFlanksSourceName(), ...failing }, update: failing });
    const health = await checkHealth({ db: t.db });
    expect(health).toMatchObject({ ok: true, dataSource: { failing: true, consecutiveFailures: 3, degraded: true } });
    expect(JSON.stringify(health)).not.toMatch(/23505|RefreshRecord|constraint|Raw query/);
  });

  it('tells when the status counters were last reconciled and how many were repaired', async () => {
    expect((await checkHealth({ db: t.db })).counters).toBeNull();
    await t.db.statusCounter.create({ data: { institutionId: 'drifted_es', ownerKey: '', status: 'BLOCKED', count: 3 } });
    await reconcileStatusCounters(t.db, { log: () => {} });
    expect((await checkHealth({ db: t.db })).counters).toMatchObject({ repaired: 1 });
  });
});

describe('the health check when PostgreSQL does not answer', () => {
  let t: TestDatabase;
  let silent: Server;
  const sockets: Socket[] = [];
  const clients: Db[] = [];
  const client = (url: string) => {
    const db = createDb(url, { acquireTimeoutMs: 10_000 });
    clients.push(db);
    return db;
  };
  const quietly = () => vi.spyOn(console, 'error').mockImplementation(() => {});

  beforeAll(async () => {
    t = await createTestDatabase('postgresql');
    // Accepts connections and never says a word, as a hung server or proxy does.
    silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    silent?.close();
    await Promise.all(clients.map((db) => db.$disconnect().catch(() => {})));
    await t?.drop();
  });

  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    const result = await run();
    return { result, ms: performance.now() - started };
  };

  it('answers "not answering" at once when nothing listens, without the driver text', async () => {
    const log = quietly();
    const { result, ms } = await timed(() => checkHealth({ db: client('postgresql://postgres@127.0.0.1:1/credops'), timeoutMs: 1_000 }));
    log.mockRestore();
    expect(result).toEqual({ ok: false, database: { kind: 'postgresql', ok: false, error: 'not answering' }, dataSource: null, counters: null, jobs: null });
    expect(ms).toBeLessThan(1_000);
  });

  it('gives up after its own timeout when the server accepts and never answers', async () => {
    const { port } = silent.address() as { port: number };
    const log = quietly();
    const { result, ms } = await timed(() => checkHealth({ db: client(`postgresql://postgres@127.0.0.1:${port}/credops`), timeoutMs: 500 }));
    log.mockRestore();
    expect(result).toMatchObject({ ok: false, database: { error: 'not answering' } });
    expect(ms).toBeGreaterThanOrEqual(490);
    expect(ms).toBeLessThan(1_500);
  });

  it("reports the outage, then health again, when the app's backends are terminated", async () => {
    const db = client(t.url);
    expect((await checkHealth({ db })).ok).toBe(true);
    const outage = await postgresOutage(t);
    const log = quietly();
    try {
      await outage.allowConnections(false);
      await outage.terminateConnections();
      const down = await timed(() => checkHealth({ db, timeoutMs: 1_000 }));
      expect(down.result).toMatchObject({ ok: false, database: { error: 'not answering' } });
      expect(JSON.stringify(down.result)).not.toMatch(/accepting connections|55000|57P01|credops_test/);
      expect(down.ms).toBeLessThan(1_500);
    } finally {
      await outage.allowConnections(true);
      await outage.end();
      log.mockRestore();
    }
    expect((await checkHealth({ db })).ok).toBe(true);
  });
});
