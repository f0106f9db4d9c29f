import 'server-only';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createDb, type Db } from '@/server/db/client.ts';

export type DatabaseKind = 'sqlite' | 'postgresql';
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgresql'];

// Tests read no app configuration: this is the machine's PostgreSQL (see README, "Running the tests").
const POSTGRES_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const POSTGRES_HOW_TO_START = "PostgreSQL is not answering on 127.0.0.1:5432. Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

function migrationScripts(kind: DatabaseKind): string[] {
  const dir = join('prisma', kind, 'migrations');
  return readdirSync(dir)
    .filter((name) => /^\d/.test(name))
    .sort()
    .map((name) => readFileSync(join(dir, name, 'migration.sql'), 'utf8'));
}

export interface TestDatabase {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database with the committed migrations applied; each test file gets its own. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'credops-test-'));
    const file = join(dir, 'test.db');
    const raw = new Database(file);
    for (const script of migrationScripts(kind)) raw.exec(script);
    raw.close();
    const url = `file:${file}`;
    const db = createDb(url);
    return { db, url, drop: async () => { await db.$disconnect(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `credops_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`${POSTGRES_HOW_TO_START}\n(${error instanceof Error ? error.message : error})`);
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const migrator = new pg.Client({ connectionString: url.toString() });
  await migrator.connect();
  for (const script of migrationScripts(kind)) await migrator.query(script);
  await migrator.end();
  const db = createDb(url.toString());
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.$disconnect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
