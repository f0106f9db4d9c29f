// Fills a migrated CredOps database with `size` credentials and `days` days of refresh history in
// set-based SQL (no per-row round trips), deterministic from the row ids. For benchmarks only: the
// demo seed (server/demo) runs the real simulator instead.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { SIMULATED_INSTITUTIONS } from '@/server/flanks/simulator/institutions.ts';

export type Raw = { kind: 'sqlite'; db: Database.Database } | { kind: 'postgresql'; db: pg.Pool };

// As in the init migration (the same text for both providers).
const REFRESH_INDEXES = [
  'CREATE INDEX "RefreshRecord_credentialId_observedAt_idx" ON "RefreshRecord"("credentialId", "observedAt")',
  'CREATE INDEX "RefreshRecord_observedAt_idx" ON "RefreshRecord"("observedAt")',
  'CREATE UNIQUE INDEX "RefreshRecord_credentialId_attemptKey_key" ON "RefreshRecord"("credentialId", "attemptKey")',
];

const REFRESH_FOREIGN_KEY = 'RefreshRecord_credentialId_fkey';

const OWNERS = ['owner-1', 'owner-2', 'owner-3', 'owner-4', 'owner-5', 'owner-6'];

export async function exec(raw: Raw, sql: string): Promise<void> {
  if (raw.kind === 'sqlite') raw.db.exec(sql);
  else await raw.db.query(sql);
}

export async function seedBulk(raw: Raw, size: number, days: number, now: Date): Promise<void> {
  // A throw-away database: no journal, no fsync while loading.
  if (raw.kind === 'sqlite') raw.db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000');
  else await raw.db.query('SET synchronous_commit = off');
  const sqlite = raw.kind === 'sqlite';
  const nowIso = now.toISOString();
  const createdAt = sqlite ? `'${nowIso.replace('Z', '+00:00')}'` : 'now()';
  const institutions = SIMULATED_INSTITUTIONS.map((i) => `('${i.id}', '${i.name.replaceAll("'", "''")}', '${i.country}', ${createdAt})`).join(', ');
  // Dates: SQLite stores Prisma DateTimes as ISO text, PostgreSQL as timestamp(3).
  const ago = (seconds: string) =>
    sqlite ? `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '${nowIso}', '-' || (${seconds}) || ' seconds')` : `(TIMESTAMP '${nowIso.replace('T', ' ').replace('Z', '')}' - ((${seconds}) * INTERVAL '1 second'))`;
  const series = (n: number) => (sqlite ? `(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}) SELECT i FROM s)` : `(SELECT generate_series(1, ${n}) AS i)`);
  const token = sqlite ? `lower(hex(randomblob(16)))` : `md5(s.i::text)`;
  const h = (salt: number) => `((s.i * 2654435761 + ${salt}) % 1000)`; // a cheap, repeatable spread
  const status = `CASE WHEN ${h(1)} < 850 THEN 'ACTIVE' WHEN ${h(1)} < 950 THEN 'PENDING_SCA' WHEN ${h(1)} < 990 THEN 'BLOCKED' ELSE 'PENDING' END`;
  const bool = (b: string) => (sqlite ? `(${b})` : `(${b})::boolean`);

  await exec(raw, `INSERT INTO "Institution" (id, name, country, "createdAt") VALUES ${institutions}`);
  await exec(raw, `INSERT INTO "User" (id, email, name, role, active, "createdAt") VALUES ${OWNERS.map((o) => `('${o}', '${o}@credops.test', 'Owner ${o.slice(-1)}', 'ACCOUNT_MANAGER', ${sqlite ? 1 : 'true'}, ${createdAt})`).join(', ')}`);
  const instCase = `CASE (${h(2)} % ${SIMULATED_INSTITUTIONS.length}) ${SIMULATED_INSTITUTIONS.map((inst, n) => `WHEN ${n} THEN '${inst.id}'`).join(' ')} END`;
  const ownerCase = `CASE (${h(3)} % 7) ${OWNERS.map((o, n) => `WHEN ${n} THEN '${o}'`).join(' ')} ELSE NULL END`;
  await exec(
    raw,
    `INSERT INTO "Credential" (id, token, "institutionId", status, "statusChangedAt", "createdAt", "lastUpdatedAt", "dataAsOf", "lastAttemptAt", "lastAttemptOutcome", "partialData", "externalReference", "ownerId", "firstObservedAt")
     SELECT s.i, ${token}, ${instCase}, ${status},
       ${ago(`(${h(4)} * 7776) % 7776000`)},
       ${ago(`7776000 + (${h(5)} * 31536)`)},
       ${ago(`CASE WHEN ${h(1)} < 850 THEN ${h(6)} * 86 ELSE 86400 * (1 + ${h(6)} % 60) END`)},
       ${ago(`CASE WHEN ${h(1)} < 850 THEN ${h(6)} * 86 ELSE 86400 * (1 + ${h(6)} % 60) END`)},
       ${ago(`${h(6)} * 86`)},
       CASE WHEN ${h(1)} < 850 THEN 'SUCCESS' WHEN ${h(1)} < 950 THEN 'SCA_REQUIRED' WHEN ${h(1)} < 990 THEN 'INVALID_CREDENTIALS' ELSE NULL END,
       ${bool(`${h(7)} < 10`)}, 'CLI-' || (100000 + s.i), ${ownerCase}, ${ago('7776000')}
     FROM ${series(size)} AS s`,
  );
  const first = ['maria', 'jose', 'carmen', 'antonio', 'laura', 'david', 'lucia', 'javier', 'elena', 'pablo'];
  const last = ['garcia', 'martinez', 'lopez', 'sanchez', 'perez', 'gomez', 'fernandez', 'ruiz', 'diaz', 'moreno'];
  const pick = (list: string[], salt: number) => `CASE (${h(salt)} % ${list.length}) ${list.map((w, n) => `WHEN ${n} THEN '${w}'`).join(' ')} END`;
  if (sqlite) await exec(raw, `DROP TRIGGER "Contact_search_insert"`); // the index is rebuilt in one pass below
  await exec(
    raw,
    `INSERT INTO "Contact" (id, name, email, "createdAt") SELECT s.i, ${pick(first, 8)} || ' ' || ${pick(last, 9)}, ${pick(first, 8)} || '.' || ${pick(last, 9)} || s.i || '@example.com', ${ago('7776000')} FROM ${series(size)} AS s`,
  );
  await exec(raw, `INSERT INTO "CredentialContact" ("credentialId", "contactId", "createdAt") SELECT id, id, "createdAt" FROM "Credential"`);
  if (sqlite) {
    await exec(raw, `INSERT INTO "ContactSearch"("ContactSearch") VALUES ('rebuild')`);
    await exec(raw, `CREATE TRIGGER "Contact_search_insert" AFTER INSERT ON "Contact" BEGIN INSERT INTO "ContactSearch"(rowid, name, email) VALUES (new.id, new.name, new.email); END`);
  }
  // One refresh record per credential per day: the ~30 M rows of PRODUCT.md §5 at a million.
  // Indexes are built once after the load rather than row by row (several times faster).
  const indexes = REFRESH_INDEXES.map((sql) => /"(RefreshRecord_[^"]+)"/.exec(sql)![1]);
  for (const name of indexes) await exec(raw, `DROP INDEX "${name}"`);
  // PostgreSQL checks the foreign key row by row while loading (the 30-day load did not finish);
  // dropped and added back, it is validated in one pass.
  if (!sqlite) await exec(raw, `ALTER TABLE "RefreshRecord" DROP CONSTRAINT "${REFRESH_FOREIGN_KEY}"`);
  await exec(
    raw,
    `INSERT INTO "RefreshRecord" ("credentialId", "attemptKey", trigger, outcome, "observedAt", "flanksUpdatedAt")
     SELECT c.id, 'day:' || d.i, 'DAILY', CASE WHEN ((c.id * 31 + d.i * 17) % 100) < 97 THEN 'SUCCESS' ELSE 'INSTITUTION_ERROR' END,
       ${ago('d.i * 86400').replaceAll('s.i', 'd.i')}, ${ago('d.i * 86400 + 10800').replaceAll('s.i', 'd.i')}
     FROM "Credential" c CROSS JOIN ${series(days).replace(/\bs\(i\)/, 's(i)')} AS d`,
  );
  for (const sql of REFRESH_INDEXES) await exec(raw, sql);
  if (!sqlite) {
    await exec(raw, `ALTER TABLE "RefreshRecord" ADD CONSTRAINT "${REFRESH_FOREIGN_KEY}" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
  }
  // Each credential's first sighting, so the analytics backfill can replay statuses day by day.
  await exec(raw, `INSERT INTO "StatusChange" ("credentialId", "fromStatus", "toStatus", "observedAt") SELECT id, NULL, status, "firstObservedAt" FROM "Credential"`);
  // Links to one in ten broken credentials (~15 k at a million), most opened, many completed, for the recovery funnel.
  await exec(
    raw,
    `INSERT INTO "Link" (id, "credentialId", flow, "tokenHash", "recipientEmail", "senderId", state, "createdAt", "expiresAt", "lastSentAt", "openedAt", "completedAt")
     SELECT 'bench-' || s.i, s.i, CASE WHEN c.status = 'BLOCKED' THEN 'RESET' ELSE 'SCA' END, 'bench-' || s.i, 'someone@example.com', 'owner-1', 'SENT',
       ${ago(`${h(10)} * 2000 + 300000`)}, ${ago(`${h(10)} * 2000 + 40800`)}, ${ago(`${h(10)} * 2000 + 300000`)},
       CASE WHEN ${h(11)} < 700 THEN ${ago(`${h(10)} * 2000 + 296400`)} END, CASE WHEN ${h(11)} < 400 THEN ${ago(`${h(10)} * 2000 + 292800`)} END
     FROM "Credential" c JOIN ${series(size)} AS s ON s.i = c.id WHERE c.status IN ('PENDING_SCA', 'BLOCKED') AND c.id % 10 = 0`,
  );
  await exec(raw, `INSERT INTO "StatusCounter" ("institutionId", "ownerKey", status, count) SELECT "institutionId", COALESCE("ownerId", ''), status, count(*) FROM "Credential" GROUP BY 1, 2, 3`);
  await exec(raw, sqlite ? 'ANALYZE; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL' : 'VACUUM ANALYZE');
}
