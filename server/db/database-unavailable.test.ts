import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/domain/app-error.ts';
import { postgresOutage } from '@/server/testing/postgres-outage.ts';
import { createTestDatabase, type TestDatabase } from '@/server/testing/test-database.ts';
import { createDb, type Db } from './client.ts';
import { isDatabaseUnavailable } from './database-unavailable.ts';
import { Prisma } from './generated/sqlite/client.ts';

// Every error below except the last group is produced by the real driver stack (Prisma 6.19 client
// engine, adapter-pg, pg, pg-pool) against a real PostgreSQL: their shapes differ by path (model
// query, raw query, interactive transaction), which is what the classification has to follow.

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected this to fail');
}

describe('the errors that mean the database is not answering', () => {
  let t: TestDatabase;
  let outage: Awaited<ReturnType<typeof postgresOutage>>;
  const clients: Db[] = [];
  const client = (url: string, options: Parameters<typeof createDb>[1]) => {
    const db = createDb(url, options);
    clients.push(db);
    return db;
  };
  const short = { acquireTimeoutMs: 1_000, statementTimeoutMs: 1_000, idleInTransactionTimeoutMs: 1_000 };

  beforeAll(async () => {
    t = await createTestDatabase('postgresql');
    outage = await postgresOutage(t);
  });
  afterAll(async () => {
    await Promise.all(clients.map((db) => db.$disconnect()));
    await outage?.end();
    await t?.drop();
  });

  const terminateAll = () => outage.terminateConnections();

  it('a connection terminated during a raw query, or inside a transaction', async () => {
    const db = client(t.url, short);
    const duringQuery = await failure(() => Promise.all([db.$queryRaw`SELECT pg_sleep(0.5)`, sleep(200).then(terminateAll)]));
    const inTransaction = await failure(() =>
      db.$transaction(async (tx) => {
        await tx.syncState.findMany();
        await terminateAll();
        await sleep(100);
        await tx.syncState.findMany();
      }),
    );
    expect(duringQuery).toMatchObject({ code: 'P2010', message: expect.stringContaining('57P01') });
    expect(inTransaction).toMatchObject({ message: 'Client has encountered a connection error and is not queryable' });
    expect(isDatabaseUnavailable(duringQuery)).toBe(true);
    expect(isDatabaseUnavailable(inTransaction)).toBe(true);
  });

  it('a database that refuses new connections', async () => {
    const db = client(t.url, short);
    await outage.allowConnections(false);
    try {
      await terminateAll();
      const errors = [
        await failure(() => db.syncState.findMany()),
        await failure(() => db.$queryRaw`SELECT 1`),
        await failure(() => db.$transaction(async (tx) => tx.syncState.findMany())),
      ];
      expect(errors.map((e) => e instanceof Error && e.message)).toEqual(errors.map(() => expect.stringContaining('is not currently accepting connections')));
      for (const error of errors) expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await outage.allowConnections(true);
    }
  });

  it('a server nobody listens on', async () => {
    const db = client('postgresql://postgres@127.0.0.1:1/credops', short);
    const errors = [
      await failure(() => db.syncState.findMany()),
      await failure(() => db.$queryRaw`SELECT 1`),
      await failure(() => db.$transaction(async (tx) => tx.syncState.findMany())),
    ];
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['P1001', 'P2010', 'P1001']);
    for (const error of errors) expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('no free connection within the acquire timeout, and a transaction that could not start in time', async () => {
    const db = client(t.url, { ...short, poolSize: 1, acquireTimeoutMs: 2_000, idleInTransactionTimeoutMs: 10_000 });
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    // Holds the only connection for 3 s: the query gives up at 2 s; the transaction asked then gets
    // the connection after 1 s, past its maxWait.
    const holder = db.$transaction(async (tx) => {
      await tx.syncState.findMany();
      holding();
      await sleep(3_000);
    }, { timeout: 10_000 });
    await held;
    const query = await failure(() => db.syncState.findMany());
    const transaction = await failure(() => db.$transaction(async (tx) => tx.syncState.findMany(), { maxWait: 500 }));
    await holder;
    expect(query).toMatchObject({ message: 'timeout exceeded when trying to connect' });
    expect(transaction).toMatchObject({ code: 'P2028', message: expect.stringContaining('Unable to start a transaction in the given time') });
    expect(isDatabaseUnavailable(query)).toBe(true);
    expect(isDatabaseUnavailable(transaction)).toBe(true);
  });

  it('a statement past the statement timeout, and a transaction left idle past its timeout', async () => {
    const db = client(t.url, short);
    const statement = await failure(() => db.$queryRaw`SELECT pg_sleep(5)`);
    const idle = await failure(() =>
      db.$transaction(async (tx) => {
        await tx.syncState.findMany();
        await sleep(1_500);
        await tx.syncState.findMany();
      }, { timeout: 10_000 }),
    );
    expect(statement).toMatchObject({ code: 'P2010', message: expect.stringContaining('57014') });
    expect(idle).toMatchObject({ message: 'Client has encountered a connection error and is not queryable' });
    expect(isDatabaseUnavailable(statement)).toBe(true);
    expect(isDatabaseUnavailable(idle)).toBe(true);
  });

  it('not: a constraint, a missing row, a failed Flanks call, a bug or a refusal meant for the user', async () => {
    const db = client(t.url, short);
    await db.syncState.create({ data: { id: 'taken' } });
    const notUnavailable = [
      await failure(() => db.syncState.create({ data: { id: 'taken' } })),
      await failure(() => db.$executeRaw`INSERT INTO "SyncState" (id) VALUES ('taken')`),
      await failure(() => db.syncState.update({ where: { id: 'missing' }, data: { lastError: null } })),
      await failure(() => fetch('http://127.0.0.1:1/flanks')), // its cause is ECONNREFUSED
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new AppError('CONFLICT', 'This link was already revoked.'),
      null,
      'a string',
    ];
    expect(notUnavailable.slice(0, 3).map((e) => (e as { code?: string }).code)).toEqual(['P2002', 'P2010', 'P2025']);
    for (const error of notUnavailable) expect(isDatabaseUnavailable(error), String(error)).toBe(false);
  });

  // Prisma documents these for a lost or saturated connection; adapter-pg does not raise them all.
  it.each(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037'])("Prisma's %s", (code) => {
    const error = new Prisma.PrismaClientKnownRequestError('The database server closed the connection.', { code, clientVersion: Prisma.prismaVersion.client });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
