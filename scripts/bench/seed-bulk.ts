// Fills a migrated CredOps database with `size` credentials and `days` days of refresh history in
// set-based SQL (no per-row round trips), deterministic from the row ids. For benchmarks only: the
// demo seed (server/demo) runs the real simulator instead.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { SIMULATED_INSTITUTIONS } from '@/server/flanks/simulator/institutions.ts';

export type Raw = { kind: 'sqlite'; db: Database.Database } | { kind: 'postgresql'; db: pg.Pool };

// The tables the seed fills in bulk: their secondary indexes (and, on PostgreSQL, their foreign
// keys) are dropped while loading and rebuilt once after it, each in one sorted pass — several times
// faster than updating a dozen B-trees row by row (16 indexes on "Credential" alone).
const BULK_TABLES = ['Credential', 'Contact', 'CredentialContact', 'RefreshRecord', 'StatusChange'];

const OWNERS = ['owner-1', 'owner-2', 'owner-3', 'owner-4', 'owner-5', 'owner-6'];

export async function exec(raw: Raw, sql: string): Promise<void> {
  if (raw.kind === 'sqlite') raw.db.exec(sql);
  else await raw.db.query(sql);
}

/** Runs one statement with `?` placeholders on either database and returns its rows. */
export async function query<Row = Record<string, unknown>>(raw: Raw, sql: string, params: unknown[] = []): Promise<Row[]> {
  if (raw.kind === 'sqlite') return raw.db.prepare(sql).all(...(params as never[])) as Row[];
  let n = 0;
  return (await raw.db.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as Row[];
}

interface Deferred {
  name: string;
  /** The statement that puts it back. */
  create: string;
  foreignKey?: boolean;
}

/** PostgreSQL statements run at once: one per core of the machines the bench targets. */
const PARALLEL_CONNECTIONS = 2;

async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Drops the secondary indexes and (PostgreSQL) foreign keys of `tables`; returns what rebuilds them. */
async function dropForBulkLoad(raw: Raw, tables: string[]): Promise<Deferred[]> {
  const inList = tables.map(() => '?').join(', ');
  if (raw.kind === 'sqlite') {
    const indexes = await query<Deferred>(raw, `SELECT name, sql AS "create" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${inList})`, tables);
    for (const index of indexes) await exec(raw, `DROP INDEX "${index.name}"`);
    return indexes;
  }
  // Constraint-backed indexes (primary keys) stay: the foreign keys and the load itself use them.
  const indexes = await query<Deferred>(
    raw,
    `SELECT indexname AS name, indexdef AS "create" FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN (${inList}) AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
    tables,
  );
  const foreignKeys = await query<Deferred & { table: string }>(
    raw,
    `SELECT conname AS name, conrelid::regclass::text AS "table", format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS "create"
     FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN (${inList})`,
    tables.map((t) => `"${t}"`),
  );
  for (const key of foreignKeys) await exec(raw, `ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}"`);
  for (const index of indexes) await exec(raw, `DROP INDEX "${index.name}"`);
  return [...indexes, ...foreignKeys.map(({ name, create }) => ({ name, create, foreignKey: true }))];
}

/** Seeds in bulk; `onStep` hears how long each step took, so the bench can say where the time goes. */
export async function seedBulk(raw: Raw, size: number, days: number, now: Date, onStep: (step: string, seconds: number) => void = () => {}): Promise<void> {
  // A throw-away database: no journal, no fsync while loading; PostgreSQL settings go with every
  // statement, as the pool may run each on a different connection.
  const session = raw.kind === 'sqlite' ? '' : `SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; `;
  if (raw.kind === 'sqlite') raw.db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA threads = 2');
  const step = async (name: string, sql: string, { inSession = true } = {}) => {
    const started = performance.now();
    await exec(raw, inSession ? session + sql : sql);
    onStep(name, (performance.now() - started) / 1000);
  };
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
  const broken = `(${h(1)} >= 850 AND ${h(1)} < 990)`;
  const inStatusSeconds = `((${h(4)} * 7776) % 7776000)`;
  // One broken credential in fifty recurs; its rank moves up three days (lib/domain/attention.ts).
  const recurring = `(${broken} AND ${h(12)} < 20)`;
  const workingRank = sqlite ? `'9999-01-01T00:00:00.000+00:00'` : `TIMESTAMP '9999-01-01 00:00:00'`;

  const deferred = await dropForBulkLoad(raw, BULK_TABLES);
  await exec(raw, `INSERT INTO "Institution" (id, name, country, "createdAt") VALUES ${institutions}`);
  await exec(raw, `INSERT INTO "User" (id, email, name, role, active, "createdAt") VALUES ${OWNERS.map((o) => `('${o}', '${o}@credops.test', 'Owner ${o.slice(-1)}', 'ACCOUNT_MANAGER', ${sqlite ? 1 : 'true'}, ${createdAt})`).join(', ')}`);
  const instCase = `CASE (${h(2)} % ${SIMULATED_INSTITUTIONS.length}) ${SIMULATED_INSTITUTIONS.map((inst, n) => `WHEN ${n} THEN '${inst.id}'`).join(' ')} END`;
  const ownerCase = `CASE (${h(3)} % 7) ${OWNERS.map((o, n) => `WHEN ${n} THEN '${o}'`).join(' ')} ELSE NULL END`;
  await step(
    'credentials',
    `INSERT INTO "Credential" (id, token, "institutionId", status, "statusChangedAt", "createdAt", "lastUpdatedAt", "dataAsOf", "lastAttemptAt", "lastAttemptOutcome", "partialData", "externalReference", "ownerId", "firstObservedAt", recurring, "attentionAt")
     SELECT s.i, ${token}, ${instCase}, ${status},
       ${ago(inStatusSeconds)},
       ${ago(`7776000 + (${h(5)} * 31536)`)},
       ${ago(`CASE WHEN ${h(1)} < 850 THEN ${h(6)} * 86 ELSE 86400 * (1 + ${h(6)} % 60) END`)},
       ${ago(`CASE WHEN ${h(1)} < 850 THEN ${h(6)} * 86 ELSE 86400 * (1 + ${h(6)} % 60) END`)},
       ${ago(`${h(6)} * 86`)},
       CASE WHEN ${h(1)} < 850 THEN 'SUCCESS' WHEN ${h(1)} < 950 THEN 'SCA_REQUIRED' WHEN ${h(1)} < 990 THEN 'INVALID_CREDENTIALS' ELSE NULL END,
       ${bool(`${h(7)} < 10`)}, 'CLI-' || (100000 + s.i), ${ownerCase}, ${ago('7776000')},
       ${bool(recurring)}, CASE WHEN ${broken} THEN ${ago(`${inStatusSeconds} + CASE WHEN ${recurring} THEN 259200 ELSE 0 END`)} ELSE ${workingRank} END
     FROM ${series(size)} AS s`,
  );
  const first = ['maria', 'jose', 'carmen', 'antonio', 'laura', 'david', 'lucia', 'javier', 'elena', 'pablo'];
  const last = ['garcia', 'martinez', 'lopez', 'sanchez', 'perez', 'gomez', 'fernandez', 'ruiz', 'diaz', 'moreno'];
  const pick = (list: string[], salt: number) => `CASE (${h(salt)} % ${list.length}) ${list.map((w, n) => `WHEN ${n} THEN '${w}'`).join(' ')} END`;
  if (sqlite) await exec(raw, `DROP TRIGGER "Contact_search_insert"`); // the index is rebuilt in one pass below
  await step(
    'contacts',
    `INSERT INTO "Contact" (id, name, email, "createdAt") SELECT s.i, ${pick(first, 8)} || ' ' || ${pick(last, 9)}, ${pick(first, 8)} || '.' || ${pick(last, 9)} || s.i || '@example.com', ${ago('7776000')} FROM ${series(size)} AS s`,
  );
  await step('credential contacts', `INSERT INTO "CredentialContact" ("credentialId", "contactId", "createdAt") SELECT id, id, "createdAt" FROM "Credential"`);
  if (sqlite) {
    await step('contact search index', `INSERT INTO "ContactSearch"("ContactSearch") VALUES ('rebuild')`);
    await exec(raw, `CREATE TRIGGER "Contact_search_insert" AFTER INSERT ON "Contact" BEGIN INSERT INTO "ContactSearch"(rowid, name, email) VALUES (new.id, new.name, new.email); END`);
  }
  // One refresh record per credential per day: the ~30 M rows of PRODUCT.md §5 at a million. The
  // days' timestamps are computed once, not once per row. PostgreSQL loads every other credential
  // on each of two connections; SQLite has one writer.
  const parts = sqlite ? 1 : PARALLEL_CONNECTIONS;
  await inParallel(Array.from({ length: parts }, (_, part) => part), parts, (part) =>
    step(
      `refresh records${parts > 1 ? ` (part ${part + 1} of ${parts})` : ''}`,
      `WITH d AS MATERIALIZED (SELECT s.i, 'day:' || s.i AS "attemptKey", ${ago('s.i * 86400')} AS "observedAt", ${ago('s.i * 86400 + 10800')} AS "flanksUpdatedAt" FROM ${series(days)} AS s)
       INSERT INTO "RefreshRecord" ("credentialId", "attemptKey", trigger, outcome, "observedAt", "flanksUpdatedAt")
       SELECT c.id, d."attemptKey", 'DAILY', CASE WHEN ((c.id * 31 + d.i * 17) % 100) < 97 THEN 'SUCCESS' ELSE 'INSTITUTION_ERROR' END, d."observedAt", d."flanksUpdatedAt"
       FROM "Credential" c CROSS JOIN d WHERE c.id % ${parts} = ${part}`,
    ),
  );
  // Each credential's first sighting, so the analytics backfill can replay statuses day by day.
  await step('status changes', `INSERT INTO "StatusChange" ("credentialId", "fromStatus", "toStatus", "observedAt") SELECT id, NULL, status, "firstObservedAt" FROM "Credential"`);
  // Links to one in ten broken credentials (~15 k at a million), most opened, many completed, for the recovery funnel.
  await step(
    'links',
    `INSERT INTO "Link" (id, "credentialId", flow, "tokenHash", "recipientEmail", "senderId", state, "createdAt", "expiresAt", "lastSentAt", "openedAt", "completedAt")
     SELECT 'bench-' || s.i, s.i, CASE WHEN c.status = 'BLOCKED' THEN 'RESET' ELSE 'SCA' END, 'bench-' || s.i, 'someone@example.com', 'owner-1', 'SENT',
       ${ago(`${h(10)} * 2000 + 300000`)}, ${ago(`${h(10)} * 2000 + 40800`)}, ${ago(`${h(10)} * 2000 + 300000`)},
       CASE WHEN ${h(11)} < 700 THEN ${ago(`${h(10)} * 2000 + 296400`)} END, CASE WHEN ${h(11)} < 400 THEN ${ago(`${h(10)} * 2000 + 292800`)} END
     FROM "Credential" c JOIN ${series(size)} AS s ON s.i = c.id WHERE c.status IN ('PENDING_SCA', 'BLOCKED') AND c.id % 10 = 0`,
  );
  // As server/links/mark-link-sent.ts keeps it: each credential's latest link sent.
  await step('link sent at', `UPDATE "Credential" SET "linkSentAt" = (SELECT max(l."lastSentAt") FROM "Link" l WHERE l."credentialId" = "Credential".id) WHERE id IN (SELECT "credentialId" FROM "Link")`);
  const [indexes, foreignKeys] = [deferred.filter((d) => !d.foreignKey), deferred.filter((d) => d.foreignKey)];
  await inParallel(indexes, sqlite ? 1 : PARALLEL_CONNECTIONS, ({ name, create }) => step(name, create));
  await inParallel(foreignKeys, PARALLEL_CONNECTIONS, ({ name, create }) => step(name, create));
  await step('status counters', `INSERT INTO "StatusCounter" ("institutionId", "ownerKey", status, count) SELECT "institutionId", COALESCE("ownerId", ''), status, count(*) FROM "Credential" GROUP BY 1, 2, 3`);
  // VACUUM refuses to run in the implicit transaction of a multi-statement query.
  await step(sqlite ? 'analyze' : 'vacuum analyze', sqlite ? 'ANALYZE; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL' : 'VACUUM ANALYZE', { inSession: false });
}
