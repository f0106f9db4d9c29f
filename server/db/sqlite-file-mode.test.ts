import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './client.ts';
import { childEnvironment } from '@/server/env.ts';

// The SQLite file holds password hashes, the Flanks access token and end users' contact data. It was
// left 0644 (SQLite's mode for a new database, whatever the umask): every local account could read it.
const mode = (file: string) => statSync(file).mode & 0o777;
const modes = (file: string) => ({ db: mode(file), wal: mode(`${file}-wal`), shm: mode(`${file}-shm`) });
const OWNER_ONLY = { db: 0o600, wal: 0o600, shm: 0o600 };

/** What running CredOps does to the file: WAL journaling (scripts/seed.ts turns it on), then a write. */
async function use(url: string) {
  const db = createDb(url);
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe('CREATE TABLE IF NOT EXISTS probe (x INTEGER)');
  await db.$executeRawUnsafe('INSERT INTO probe VALUES (1)');
  return db;
}

describe('the SQLite database file', () => {
  let dir: string;
  let umask: number;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credops-file-mode-'));
    umask = process.umask(0); // the most permissive umask: the modes must not come from it
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is created readable and writable by its owner only, and so are its -wal and -shm', async () => {
    const file = join(dir, 'fresh.db');
    const db = await use(`file:${file}`);
    try {
      expect(modes(file)).toEqual(OWNER_ONLY);
    } finally {
      await db.$disconnect();
    }
  });

  it('is narrowed to its owner when `prisma migrate deploy` created it, as npm run demo and the browser tests do', async () => {
    const file = join(dir, 'migrated.db');
    const migrate = spawnSync('npx', ['prisma', 'migrate', 'deploy'], { env: childEnvironment({ DATABASE_URL: `file:${file}` }), encoding: 'utf8' });
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(mode(file)).toBe(0o644); // what the CLI leaves
    const db = await use(`file:${file}`);
    try {
      expect(await db.user.count()).toBe(0);
      expect(modes(file)).toEqual(OWNER_ONLY);
    } finally {
      await db.$disconnect();
    }
  });

  it('narrows a database and the -wal and -shm an older CredOps left readable to everyone', async () => {
    const file = join(dir, 'older.db');
    const older = new Database(file); // kept open, so its -wal and -shm stay
    try {
      older.pragma('journal_mode = WAL');
      older.exec('CREATE TABLE probe (x INTEGER); INSERT INTO probe VALUES (1)');
      for (const path of [file, `${file}-wal`, `${file}-shm`]) chmodSync(path, 0o644);
      const db = createDb(`file:${file}`);
      try {
        expect(await db.$queryRawUnsafe('SELECT COUNT(*) AS n FROM probe')).toEqual([{ n: 1n }]);
        expect(modes(file)).toEqual(OWNER_ONLY);
      } finally {
        await db.$disconnect();
      }
    } finally {
      older.close();
    }
  });
});
