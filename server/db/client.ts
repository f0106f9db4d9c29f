import 'server-only';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/client/runtime/client';
import pg from 'pg';
import { PrismaClient as PostgresClient } from './generated/postgresql/client.ts';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';
import { env, isPostgres } from '../env.ts';

// App code is typed against the SQLite client: both are generated from one schema, so the
// delegates have the same shape, and PostgreSQL-only features fail to compile (decision 001).
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

// Kept on the client itself: Next may load this module more than once while the client is shared
// through globalThis, so a module-level map would not know a client made by another copy.
const PROVIDER = Symbol.for('credops.databaseProvider');
type Provider = 'sqlite' | 'postgresql';

/** PostgreSQL limits; unset, the environment's. Tests shorten them; a bulk load may lengthen its statements'. */
export interface DbOptions {
  poolSize?: number;
  acquireTimeoutMs?: number;
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
}

/**
 * A pool that survives its connections dying (a failover, a PgBouncer restart, pg_terminate_backend).
 * adapter-pg 6.19 ends an interactive transaction by sending ROLLBACK or COMMIT and only then
 * releasing its connection: on a dead connection that statement fails, the connection is never
 * released, and once every slot is held by one the pool waits for a slot forever. So a connection
 * that fails while borrowed is released at once. The listener on every connection also covers the
 * moment pg-pool hands one to a waiting caller, before the adapter listens: a backend terminated
 * then raised an 'error' event nobody heard, which crashes the process.
 */
function createPool(url: string, options: DbOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? env.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: options.acquireTimeoutMs ?? env.DATABASE_ACQUIRE_TIMEOUT_SECONDS * 1000,
    idleTimeoutMillis: env.DATABASE_IDLE_TIMEOUT_SECONDS * 1000,
    // Sent at connection start-up, so every connection has them. Behind PgBouncer, list them in its
    // ignore_startup_parameters and set them on the role instead (ALTER ROLE … SET).
    statement_timeout: options.statementTimeoutMs ?? env.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS * 1000,
  });
  const borrowed = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => borrowed.add(client));
  pool.on('release', (_error, client) => borrowed.delete(client));
  // An idle connection that fails: pg-pool has already dropped it.
  pool.on('error', (error) => console.error('A PostgreSQL connection failed while idle:', error.message));
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      if (!borrowed.has(client)) return; // idle: reported by the pool above
      console.error('A PostgreSQL connection failed while in use:', error.message);
      const release = client.release;
      // Whoever borrowed it may still release it: a second release must not throw.
      client.release = () => {};
      release(error);
    });
  });
  return pool;
}

/**
 * A pool of ours per connect: adapter-pg, connecting again after $disconnect (Prisma also reconnects
 * after a query compiler panic), would otherwise open a bare pg.Pool without the listeners above.
 */
const postgresAdapter = (url: string, options: DbOptions): SqlDriverAdapterFactory => ({
  provider: 'postgres',
  adapterName: '@prisma/adapter-pg',
  connect: () => new PrismaPg(createPool(url, options), { disposeExternalPool: true }).connect(),
});

const OWNER_ONLY = 0o600;

/**
 * The SQLite file holds password hashes, the Flanks access token and end users' contact data: only its
 * owner may read it, whatever the umask. SQLite creates a database file 0644 and its -wal and -shm
 * with the database file's mode, so the file is created (or, when `prisma migrate deploy` or an older
 * CredOps made it, narrowed to) 0600 before SQLite opens it.
 */
function restrictToOwner(file: string): void {
  if (file === '' || file.startsWith(':memory:')) return;
  // A missing directory is left to better-sqlite3, which says so when it opens the file.
  if (!existsSync(file) && existsSync(dirname(file))) closeSync(openSync(file, 'a', OWNER_ONLY));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, OWNER_ONLY);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      if (code !== 'EPERM') throw error;
      console.warn(`Cannot make ${path} readable by its owner only (it belongs to another user): set its mode to 0600.`);
    }
  }
}

/** better-sqlite3 with the file kept to its owner: checked each time Prisma connects, before SQLite opens it. */
const sqliteAdapter = (url: string): SqlDriverAdapterFactory => {
  const adapter = new PrismaBetterSQLite3({ url });
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    connect: () => {
      restrictToOwner(url.replace(/^file:/, '')); // the path the adapter opens
      return adapter.connect();
    },
  };
};

export function createDb(url: string = env.DATABASE_URL, options: DbOptions = {}): Db {
  const client = isPostgres(url)
    ? (new PostgresClient({ adapter: postgresAdapter(url, options) }) as unknown as Db)
    : new SqliteClient({ adapter: sqliteAdapter(url) });
  Object.defineProperty(client, PROVIDER, { value: isPostgres(url) ? 'postgresql' : 'sqlite' });
  return client;
}

/**
 * Which database a client or one of its transactions talks to, for the few statements whose SQL
 * differs between the two. A transaction's client reads what it lacks from the client that opened it.
 */
export function providerOf(client: Db | Tx): Provider {
  const provider = (client as unknown as Record<symbol, Provider | undefined>)[PROVIDER];
  if (!provider) throw new Error('providerOf() needs a client made by createDb() or one of its transactions');
  return provider;
}

// One client per process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { credopsDb?: Db };
export const db: Db = (globalForDb.credopsDb ??= createDb());
