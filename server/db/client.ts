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

export function createDb(url: string = env.DATABASE_URL): Db {
  if (isPostgres(url)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

export function databaseKind(url: string = env.DATABASE_URL): 'postgresql' | 'sqlite' {
  return isPostgres(url) ? 'postgresql' : 'sqlite';
}

// One client per process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { credopsDb?: Db };
export const db: Db = (globalForDb.credopsDb ??= createDb());
