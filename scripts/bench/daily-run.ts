// Times the simulated Flanks' daily refresh of every credential in DATABASE_URL and CredOps'
// ingestion of it (issue 9: ≤ 5 min at a million). Run by `npm run bench` on its bulk-seeded
// database, after mirroring the credentials into the simulator's tables; prints one JSON line.
// Then a second daily run, a day later, ingested by two pollers started at the same moment on two
// database clients (two processes as far as PostgreSQL can tell; on SQLite, one process by
// definition, the same client): their wall time, whether what they recorded is exactly what one
// poller would have, and how busy the machine's cores were in each case.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createDb, db, providerOf, type Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';
import { env } from '@/server/env.ts';
import type { CredentialStatus } from '@/server/credentials/lifecycle.ts';
import { observeCredential } from '@/server/ingestion/observe-credential.ts';
import { pollFlanks, type PollSummary } from '@/server/ingestion/poll-flanks.ts';
import type { SimulatedFlanks } from '@/server/flanks/simulator/simulated-flanks.ts';
import { simulatorTick } from '@/server/flanks/simulator/simulator-tick.ts';

const DAY_MS = 86_400_000;
const now = new Date();
const sqlite = providerOf(db) === 'sqlite';
const iso = (d: Date) => (sqlite ? `'${d.toISOString().replace('Z', '+00:00')}'` : `TIMESTAMP '${d.toISOString().replace('T', ' ').replace('Z', '')}'`);
const daysAgo = (expression: string) =>
  sqlite ? `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '${now.toISOString()}', '-' || (${expression}) || ' days')` : `(${iso(now)} - ((${expression}) * INTERVAL '1 day'))`;

// ------------------------------------------------------------------ what the machine spends

/** Busy and total jiffies of all cores (/proc/stat), and CPU ticks of every `postgres` process. */
function cpuSnapshot() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const jiffies = fields.map(Number);
  const total = jiffies.reduce((a, b) => a + b, 0);
  const idle = jiffies[3] + (jiffies[4] ?? 0); // idle + iowait
  const postgres = new Map<string, number>();
  if (!sqlite) {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        postgres.set(pid, Number(after[11]) + Number(after[12])); // utime + stime (fields 14, 15)
      } catch {
        // the process ended meanwhile
      }
    }
  }
  return { busy: total - idle, total, postgres, process: process.cpuUsage(), at: performance.now() };
}

/** Cores kept busy on average over the interval: the whole machine, this Node process, PostgreSQL's processes. */
function coresUsed(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>) {
  const seconds = (after.at - before.at) / 1000;
  const cores = cpus().length;
  const own = process.cpuUsage(before.process);
  let postgresTicks = 0;
  for (const [pid, ticks] of after.postgres) postgresTicks += ticks - (before.postgres.get(pid) ?? 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    cores,
    machine: round(((after.busy - before.busy) / (after.total - before.total)) * cores),
    node: round((own.user + own.system) / 1e6 / seconds),
    postgres: sqlite ? null : round(postgresTicks / 100 / seconds), // USER_HZ = 100
  };
}

// ------------------------------------------------------------------ exactness

/** Status counter rows that differ from a GROUP BY of the credentials (read only: nothing repaired). */
async function counterDrift(client: Db) {
  const stored = await client.statusCounter.findMany();
  const groups = await client.$queryRawUnsafe<{ institutionId: string; ownerId: string | null; status: string; n: number | bigint }[]>(
    `SELECT "institutionId", "ownerId", status, COUNT(*) AS n FROM "Credential" GROUP BY "institutionId", "ownerId", status`,
  );
  const counted = new Map(groups.map((g) => [`${g.institutionId}|${g.ownerId ?? ''}|${g.status}`, Number(g.n)]));
  const was = new Map(stored.map((c) => [`${c.institutionId}|${c.ownerKey}|${c.status}`, c.count]));
  let differing = 0;
  let off = 0;
  for (const key of new Set([...counted.keys(), ...was.keys()])) {
    const difference = Math.abs((was.get(key) ?? 0) - (counted.get(key) ?? 0));
    if (difference) {
      differing++;
      off += difference;
    }
  }
  return { differing, off };
}

/**
 * What one poller would record for this daily run, decided as ingestStatuses decides it (same
 * observation, same rows), without writing: the refreshes and status changes expected.
 */
async function expectedOfOnePoller(sim: SimulatedFlanks, at: Date) {
  const expected = { refreshes: 0, statusChanges: 0, created: 0 };
  const seen = new Set<string>();
  for (let after = 0; ; ) {
    const rows = await db.$queryRaw<{ id: number; token: string; status: string; statusChangedAt: Date; createdAt: Date; lastUpdatedAt: Date | null; lastAttemptAt: Date | null }[]>`
      SELECT id, token, status, "statusChangedAt", "createdAt", "lastUpdatedAt", "lastAttemptAt" FROM "Credential" WHERE id > ${after} ORDER BY id LIMIT 20000`;
    if (rows.length === 0) break;
    after = Number(rows.at(-1)!.id);
    for (const row of rows) {
      const c = sim.credentials.get(row.token);
      if (!c) continue;
      seen.add(row.token);
      const o = observeCredential({ ...row, status: row.status as CredentialStatus }, sim.statusOf(c), at);
      if (o.refresh) expected.refreshes++;
      if (o.statusChange) expected.statusChanges++;
    }
  }
  for (const [token, c] of sim.credentials) {
    if (seen.has(token)) continue;
    const o = observeCredential(null, sim.statusOf(c), at);
    expected.created++;
    if (o.refresh) expected.refreshes++;
    if (o.statusChange) expected.statusChanges++;
  }
  return expected;
}

/** Rows the pollers added (observed at or after `since`, which only they can be) and how many repeat a credential. */
async function addedSince(since: Date) {
  const count = async (table: string) => {
    const [row] = await db.$queryRaw<{ n: number | bigint; credentials: number | bigint }[]>`
      SELECT COUNT(*) AS n, COUNT(DISTINCT "credentialId") AS credentials FROM ${Prisma.raw(`"${table}"`)} WHERE "observedAt" >= ${since}`;
    return { rows: Number(row.n), repeated: Number(row.n) - Number(row.credentials) };
  };
  return { refreshRecords: await count('RefreshRecord'), statusChanges: await count('StatusChange') };
}

// ------------------------------------------------------------------ day 1: the daily run, one poller

// The simulator's side of the same company: what Flanks would hold for each credential CredOps knows.
let started = Date.now();
await db.$executeRawUnsafe(`
  INSERT INTO "SimCredential" (token, "institutionId", username, password, "bankPassword", "createdAt", "loadAt", "lastUpdateAt", "lastScaAt", pending, blocked, "scaToken", "resetToken", errored)
  SELECT token, "institutionId", 'user' || id, 'pw', CASE WHEN status = 'BLOCKED' THEN 'changed' ELSE 'pw' END, "createdAt", "createdAt", "lastUpdatedAt",
    ${daysAgo('id % 60')}, status = 'PENDING', status = 'BLOCKED',
    CASE WHEN status = 'PENDING_SCA' THEN 'sca' || id END, CASE WHEN status = 'BLOCKED' THEN 'reset' || id END, NULL
  FROM "Credential"`);
await db.$executeRawUnsafe(`INSERT INTO "SimState" (id, "lastDailyRun", outages) VALUES ('clock', ${iso(new Date(now.getTime() - DAY_MS))}, '[]')`);
const mirrorSeconds = (Date.now() - started) / 1000;
const countersBefore = await counterDrift(db);

started = Date.now();
let credentials = 0;
let single: { dailyRunSeconds: number; ingestionSeconds: number; summary: PollSummary; cpu: ReturnType<typeof coresUsed> };
{
  const { sim } = await simulatorTick(db, now, { forceDailyRun: true });
  credentials = sim.credentials.size;
  const dailyRunSeconds = (Date.now() - started) / 1000;
  const cpuBefore = cpuSnapshot();
  started = Date.now();
  const summary = await pollFlanks(db, sim, now);
  single = { dailyRunSeconds, ingestionSeconds: (Date.now() - started) / 1000, summary, cpu: coresUsed(cpuBefore, cpuSnapshot()) };
}
const countersAfterSingle = await counterDrift(db);

// ------------------------------------------------------------------ day 2: the daily run, two pollers at once

const day2 = new Date(now.getTime() + DAY_MS);
started = Date.now();
const { sim: sim2 } = await simulatorTick(db, day2, { forceDailyRun: true });
const dailyRun2Seconds = (Date.now() - started) / 1000;
started = Date.now();
const expected = await expectedOfOnePoller(sim2, day2);
const expectedSeconds = (Date.now() - started) / 1000;

// Two workers: one PostgreSQL client (its own pool) each; the second worker's clock 7 ms ahead, as two
// machines' would be (the pollers of a479734's test were 7 ms apart). On SQLite both share the client.
const clients = sqlite ? [db, db] : [createDb(env.DATABASE_URL), createDb(env.DATABASE_URL)];
await Promise.all(clients.map((client) => client.$queryRawUnsafe('SELECT 1')));
const clocks = [day2, new Date(day2.getTime() + 7)];
const cpuBefore = cpuSnapshot();
started = Date.now();
const settled = await Promise.allSettled(
  clients.map(async (client, i) => {
    const summary = await pollFlanks(client, sim2, clocks[i], { log: () => {} });
    return { seconds: (Date.now() - started) / 1000, refreshes: summary.refreshes, statusChanges: summary.statusChanges, created: summary.created, read: summary.credentials };
  }),
);
const wallSeconds = (Date.now() - started) / 1000;
const dualCpu = coresUsed(cpuBefore, cpuSnapshot());
const failures = settled.flatMap((s) => (s.status === 'rejected' ? [String((s.reason as Error)?.stack ?? s.reason).slice(0, 1500)] : []));
const pollers = settled.map((s) => (s.status === 'fulfilled' ? s.value : null));
const added = await addedSince(day2);
const countersAfterTwo = await counterDrift(db);
const written = pollers.reduce((sum, p) => sum + (p?.refreshes ?? 0), 0);
const exact =
  failures.length === 0 &&
  countersAfterTwo.differing === 0 &&
  added.refreshRecords.rows === expected.refreshes &&
  added.refreshRecords.repeated === 0 &&
  added.statusChanges.rows === expected.statusChanges &&
  added.statusChanges.repeated === 0 &&
  written === added.refreshRecords.rows;
if (!sqlite) await Promise.all(clients.map((client) => client.$disconnect()));

console.log(
  JSON.stringify({
    credentials,
    mirrorSeconds,
    dailyRunSeconds: single.dailyRunSeconds,
    ingestionSeconds: single.ingestionSeconds,
    refreshes: single.summary.refreshes,
    statusChanges: single.summary.statusChanges,
    singleCpu: single.cpu,
    countersBefore,
    countersAfterSingle,
    twoPollers: {
      sharedClient: sqlite,
      dailyRunSeconds: dailyRun2Seconds,
      expected,
      expectedSeconds,
      wallSeconds,
      pollers,
      failures,
      added,
      counters: countersAfterTwo,
      exact,
      cpu: dualCpu,
      ratio: wallSeconds / single.ingestionSeconds,
      // Per refresh written, against the single poller of day 1 (the two days' work is not identical).
      ratioPerRefresh: wallSeconds / Math.max(1, added.refreshRecords.rows) / (single.ingestionSeconds / Math.max(1, single.summary.refreshes)),
    },
  }),
);
await db.$disconnect();
