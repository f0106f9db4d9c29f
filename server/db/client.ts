import 'server-only';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
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

export function createDb(url: string = env.DATABASE_URL): Db {
  const client = isPostgres(url)
    ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db)
    : new SqliteClient({ adapter: new PrismaBetterSQLite3({ url }) });
  Object.defineProperty(client, PROVIDER, { value: isPostgres(url) ? 'postgresql' : 'sqlite' });
  return client;
}

/** Which database a client talks to, for the few statements whose SQL differs between the two. */
export function providerOf(client: Db): Provider {
  const provider = (client as unknown as Record<symbol, Provider | undefined>)[PROVIDER];
  if (!provider) throw new Error('providerOf() needs a client made by createDb(), not a transaction');
  return provider;
}

export function databaseKind(url: string = env.DATABASE_URL): 'postgresql' | 'sqlite' {
  return isPostgres(url) ? 'postgresql' : 'sqlite';
}

// One client per process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { credopsDb?: Db };
export const db: Db = (globalForDb.credopsDb ??= createDb());
