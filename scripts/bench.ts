// `npm run bench`: seeds throw-away databases in bulk and measures the list, counts, search and
// detail — through CredOps' HTTP API (a real `next start`), against a bare Node http handler running
// equivalent SQL, and the bare SQL itself — printing p50/p95 and the ratios, size by size.
// Then, with the server still up: Lighthouse (desktop and simulated mobile) and the JavaScript fetched on every console page, the CSV
// export of every credential (rows/s), 50 clients hammering the list and counts at once, and, last,
// the simulator's daily refresh of every credential with the poller's ingestion of it (and a day later
// the same with two pollers at once), then the two scheduled maintenance jobs: the status counter
// reconciliation and the retention job. Given several sizes (the default: 10 k and 1 M), it ends
// with the figures side by side and how each grew.
// Usage: npm run bench -- [--size 10000,1000000] [--db sqlite,postgresql] [--days 30] [--runs 150] [--only analytics] [--load-seconds 60]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import bcrypt from 'bcryptjs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { assertChromiumInstalled, frontEndReport, type PageReport } from './bench/front-end-budget.ts';
import { hammer, type LoadResult } from './bench/load.ts';
import { exec, query, seedBulk, type Raw } from './bench/seed-bulk.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000,1000000' },
    db: { type: 'string', default: 'sqlite,postgresql' },
    days: { type: 'string', default: '30' },
    runs: { type: 'string', default: '150' },
    only: { type: 'string' }, // measure only the scenarios whose name contains this
    'load-seconds': { type: 'string', default: '60' },
  },
});
const sizes = values.size.split(',').map(Number);
const kinds = values.db.split(',').map((k) => (k === 'postgres' ? 'postgresql' : k)) as ('sqlite' | 'postgresql')[];
const days = Number(values.days);
const runs = Number(values.runs);
const PORT = 3200;
// The bench's signed-in user, who owns a sixth of the credentials (those the seed gave owner-3).
const BENCH_USER = 'bench-admin';
const NO_LINK = `("linkSentAt" IS NULL OR "linkSentAt" < "statusChangedAt")`;
const NOW = new Date();
const PG_ADMIN = 'postgresql://postgres@127.0.0.1:5432/postgres';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const BUDGET_MS = 20_000; // a slow scenario gets fewer runs rather than stalling the bench
async function measure(fn: () => Promise<unknown> | unknown): Promise<{ p50: number; p95: number }> {
  return timeRuns(fn).catch((error: Error) => {
    console.log(`  (failed: ${error.message})`);
    return { p50: NaN, p95: NaN };
  });
}

async function timeRuns(fn: () => Promise<unknown> | unknown): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn(); // warm caches and connections
  const times: number[] = [];
  const deadline = performance.now() + BUDGET_MS;
  for (let i = 0; i < runs && (i < 10 || performance.now() < deadline); i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

function migrations(kind: string): string[] {
  const dir = join('prisma', kind, 'migrations');
  return readdirSync(dir).filter((d) => /^\d/.test(d)).sort().map((d) => readFileSync(join(dir, d, 'migration.sql'), 'utf8'));
}

async function createDatabase(kind: 'sqlite' | 'postgresql', size: number): Promise<{ url: string; raw: Raw; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    mkdirSync('data/bench', { recursive: true });
    const file = `data/bench/credops-${size}.db`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    const db = new Database(file);
    for (const sql of migrations(kind)) db.exec(sql);
    return { url: `file:./${file}`, raw: { kind, db }, drop: async () => { db.close(); rmSync(file, { force: true }); } };
  }
  const name = `credops_bench_${size}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = PG_ADMIN.replace(/\/postgres$/, `/${name}`);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // DROP DATABASE … WITH (FORCE) at the end terminates any connection still open, idle ones included:
  // that is the point of it, not a failure of the run (an unhandled 'error' had ended a finished run with exit 1).
  pool.on('error', (error) => {
    if (!/terminating connection due to administrator command/.test(error.message)) throw error;
  });
  for (const sql of migrations(kind)) await pool.query(sql);
  return { url, raw: { kind, db: pool }, drop: async () => { await pool.end(); await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`); await admin.end(); } };
}

async function startNext(url: string): Promise<ChildProcess> {
  if (await fetch(`http://127.0.0.1:${PORT}/api/health`).then(() => true, () => false)) {
    throw new Error(`Port ${PORT} is already serving something (a left-over next-server?): stop it first.`);
  }
  // The bench's Admin signs in with a password alone: it measures the pages and the API, not the second factor.
  const env = { ...process.env, DATABASE_URL: url, NEXTAUTH_URL: `http://127.0.0.1:${PORT}`, NEXTAUTH_SECRET: 'bench-secret-not-for-production-0123456789', BACKGROUND_JOBS: 'false', NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const, MFA_REQUIRED_ROLES: '' };
  const server = spawn('node', ['scripts/serve.mjs', '-p', String(PORT), '-H', '127.0.0.1'], { env, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok, () => false)) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('next start did not come up');
}

/** Every console page an Admin sees, with a real credential for the detail page and a bulk send to preview. */
async function consolePages(base: string, cookie: string): Promise<string[]> {
  const list = (await (await fetch(`${base}/api/credentials?limit=1&status=BLOCKED`, { headers: { Cookie: cookie } })).json()) as { items: { token: string }[] };
  const detail = list.items[0] ? [`/credentials/${encodeURIComponent(list.items[0].token)}`] : [];
  return ['/credentials', ...detail, '/analytics', '/audit', '/admin/users', '/account', '/bulk-sends/new?status=BLOCKED'];
}

async function signIn(): Promise<string> {
  const base = `http://127.0.0.1:${PORT}`;
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies.join('; ') },
    body: new URLSearchParams({ csrfToken, email: 'bench@credops.test', password: 'bench-password', json: 'true' }),
  });
  return [...cookies, ...response.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
}

interface Scenario {
  name: string;
  api: string;
  sql: [string, unknown[]];
}

async function scenarios(raw: Raw, size: number): Promise<Scenario[]> {
  // A cursor after row n of the list's default order: the API's own cursor, and its parameters for the bare SQL.
  const after = async (n: number) => {
    const [row] = await query<{ v: string | Date; id: number }>(raw, `SELECT "dataAsOf" AS v, id FROM "Credential" ORDER BY "dataAsOf", id LIMIT 1 OFFSET ${n}`);
    const value = new Date(row.v).toISOString();
    return { cursor: Buffer.from(JSON.stringify([value, row.id])).toString('base64url'), params: [raw.kind === 'sqlite' ? value.replace('Z', '+00:00') : value, row.id] };
  };
  const [second, middle] = [await after(49), await after(Math.floor(size / 2))];
  const token = ((await query(raw, `SELECT token FROM "Credential" WHERE id = ?`, [Math.floor(size / 3)])) as { token: string }[])[0].token;
  const page = (where: string, order = '"dataAsOf", id') => `SELECT id, token, status, "institutionId", "dataAsOf" FROM "Credential" ${where} ORDER BY ${order} LIMIT 51`;
  const contactSearch = raw.kind === 'sqlite' ? `SELECT rowid AS id FROM "ContactSearch" WHERE "ContactSearch" MATCH '"garcia12"' LIMIT 1000` : `SELECT id FROM "Contact" WHERE lower(name) LIKE '%garcia12%' OR lower(email) LIKE '%garcia12%' LIMIT 1000`;
  return [
    { name: 'list, first page', api: '/api/credentials', sql: [page(''), []] },
    { name: 'list, second page', api: `/api/credentials?cursor=${second.cursor}`, sql: [page(`WHERE ("dataAsOf", id) > (?, ?)`), second.params] },
    { name: 'list, deep page (row n/2)', api: `/api/credentials?cursor=${middle.cursor}`, sql: [page(`WHERE ("dataAsOf", id) > (?, ?)`), middle.params] },
    { name: 'list, status=BLOCKED', api: '/api/credentials?status=BLOCKED', sql: [page(`WHERE status = 'BLOCKED'`), []] },
    { name: 'list, institution', api: '/api/credentials?institution=bbva_es', sql: [page(`WHERE "institutionId" = 'bbva_es'`), []] },
    { name: 'list, owner + status', api: '/api/credentials?owner=owner-2&status=PENDING_SCA', sql: [page(`WHERE "ownerId" = 'owner-2' AND status = 'PENDING_SCA'`), []] },
    { name: 'list, sort status change desc', api: '/api/credentials?sort=statusChangedAt&order=desc', sql: [page('', '"statusChangedAt" DESC, id DESC'), []] },
    { name: 'list, stale only', api: '/api/credentials?stale=true', sql: [page(`WHERE status IN ('PENDING','ACTIVE') AND "dataAsOf" < ?`, '"dataAsOf", id'), [raw.kind === 'sqlite' ? new Date(NOW.getTime() - 36 * 3600e3).toISOString().replace('Z', '+00:00') : new Date(NOW.getTime() - 36 * 3600e3).toISOString()]] },
    { name: 'list, over target', api: '/api/credentials?overTarget=true', sql: [page(`WHERE (status = 'BLOCKED' AND "statusChangedAt" < ?) OR (status = 'PENDING_SCA' AND "statusChangedAt" < ?)`), overTargetCutoffs(raw)] },
    { name: 'list, assigned to me', api: '/api/credentials?owner=me', sql: [page(`WHERE "ownerId" = '${BENCH_USER}'`), []] },
    { name: 'list, mine, attention first', api: '/api/credentials?owner=me&sort=attention', sql: [page(`WHERE "ownerId" = '${BENCH_USER}'`, '"attentionAt", id'), []] },
    { name: 'list, needs attention first', api: '/api/credentials?sort=attention', sql: [page('', '"attentionAt", id'), []] },
    { name: 'list, recurring', api: '/api/credentials?recurring=true', sql: [page('WHERE recurring = TRUE'), []] },
    { name: 'list, Pending SCA, no link', api: '/api/credentials?status=PENDING_SCA&link=none', sql: [page(`WHERE status = 'PENDING_SCA' AND ${NO_LINK}`), []] },
    { name: 'search, token prefix', api: `/api/credentials?q=${token.slice(0, 8)}`, sql: [page(`WHERE token >= ? AND token < ?`), [token.slice(0, 8), `${token.slice(0, 8)}\uffff`]] },
    { name: 'search, contact fragment', api: '/api/credentials?q=garcia12', sql: [contactSearch, []] },
    { name: 'counts', api: '/api/credentials/counts', sql: [`SELECT status, count(*) AS n FROM "Credential" GROUP BY status`, []] },
    { name: 'counts, institution', api: '/api/credentials/counts?institution=bbva_es', sql: [`SELECT status, count(*) AS n FROM "Credential" WHERE "institutionId" = 'bbva_es' GROUP BY status`, []] },
    { name: 'counts, stale', api: '/api/credentials/counts?stale=true', sql: [`SELECT status, count(*) AS n FROM "Credential" WHERE status IN ('PENDING','ACTIVE') AND "dataAsOf" < ? GROUP BY status`, [raw.kind === 'sqlite' ? new Date(NOW.getTime() - 36 * 3600e3).toISOString().replace('Z', '+00:00') : new Date(NOW.getTime() - 36 * 3600e3).toISOString()]] },
    { name: 'counts, mine', api: '/api/credentials/counts?owner=me', sql: [`SELECT status, count(*) AS n FROM "Credential" WHERE "ownerId" = '${BENCH_USER}' GROUP BY status`, []] },
    { name: 'counts, recurring', api: '/api/credentials/counts?recurring=true', sql: [`SELECT status, count(*) AS n FROM "Credential" WHERE recurring = TRUE GROUP BY status`, []] },
    { name: 'counts, no link sent', api: '/api/credentials/counts?link=none', sql: [`SELECT status, count(*) AS n FROM "Credential" WHERE status IN ('BLOCKED', 'PENDING_SCA') AND ${NO_LINK} GROUP BY status`, []] },
    { name: 'bulk send preview, all Blocked', api: '/api/bulk-sends/preview?flow=RESET&status=BLOCKED', sql: [`SELECT "institutionId", count(*) AS n FROM "Credential" WHERE status = 'BLOCKED' GROUP BY "institutionId"`, []] },
    { name: 'counts, over target', api: '/api/credentials/counts?overTarget=true', sql: [`SELECT status, count(*) AS n FROM "Credential" WHERE (status = 'BLOCKED' AND "statusChangedAt" < ?) OR (status = 'PENDING_SCA' AND "statusChangedAt" < ?) GROUP BY status`, overTargetCutoffs(raw)] },
    ...analyticsScenarios(raw),
    { name: 'detail', api: `/api/credentials/${token}`, sql: [`SELECT r.* FROM "RefreshRecord" r JOIN "Credential" c ON c.id = r."credentialId" WHERE c.token = ? ORDER BY r."observedAt" DESC LIMIT 200`, [token]] },
  ];
}

/** The default recovery targets' cutoffs (Blocked 3 days, Pending SCA 5), as each driver takes a date. */
function overTargetCutoffs(raw: Raw): string[] {
  return [3, 5].map((days) => {
    const iso = new Date(NOW.getTime() - days * 86_400_000).toISOString();
    return raw.kind === 'sqlite' ? iso.replace('Z', '+00:00') : iso;
  });
}

/** Each analytics endpoint for the default 30 days, and the rollup SQL behind it (freshness: the stale end of the index). */
function analyticsScenarios(raw: Raw): Scenario[] {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const range = [day(NOW.getTime() - 29 * 86_400_000), day(NOW.getTime())];
  const at = (hoursAgo: number) => {
    const iso = new Date(NOW.getTime() - hoursAgo * 3600e3).toISOString();
    return raw.kind === 'sqlite' ? iso.replace('Z', '+00:00') : iso;
  };
  const sums = 'SUM(success), SUM("scaRequired"), SUM("invalidCredentials"), SUM("institutionError")';
  return [
    { name: 'analytics, daily outcomes', api: '/api/analytics/daily-outcomes', sql: [`SELECT day, ${sums} FROM "DailyInstitutionRollup" WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day`, range] },
    { name: 'analytics, outcomes, 2 institutions', api: '/api/analytics/daily-outcomes?institution=bbva_es,ing_es', sql: [`SELECT day, ${sums} FROM "DailyInstitutionRollup" WHERE day >= ? AND day <= ? AND "institutionId" IN ('bbva_es', 'ing_es') GROUP BY day ORDER BY day`, range] },
    { name: 'analytics, status distribution', api: '/api/analytics/status-distribution', sql: [`SELECT day, SUM(pending), SUM(active), SUM("pendingSca"), SUM(blocked) FROM "DailyInstitutionRollup" WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day`, range] },
    { name: 'analytics, worst institutions', api: '/api/analytics/worst-institutions', sql: [`SELECT "institutionId", ${sums} FROM "DailyInstitutionRollup" WHERE day >= ? AND day <= ? GROUP BY "institutionId"`, range] },
    {
      name: 'analytics, data freshness',
      api: '/api/analytics/freshness',
      sql: [
        `SELECT (SELECT COUNT(*) FROM "Credential" WHERE "dataAsOf" < ? AND "dataAsOf" >= ?), (SELECT COUNT(*) FROM "Credential" WHERE "dataAsOf" < ? AND "dataAsOf" >= ?),
           (SELECT COUNT(*) FROM "Credential" WHERE "dataAsOf" < ? AND "dataAsOf" >= ?), (SELECT COUNT(*) FROM "Credential" WHERE "dataAsOf" < ?)`,
        [at(24), at(36), at(36), at(72), at(72), at(168), at(168)],
      ],
    },
    { name: 'analytics, recovery funnel', api: '/api/analytics/recovery-funnel', sql: [`SELECT flow, COUNT(*), COUNT("openedAt"), COUNT("completedAt") FROM "Link" WHERE "createdAt" >= ? GROUP BY flow`, [at(30 * 24)]] },
  ];
}

function bareHandler(raw: Raw, list: Scenario[]): Promise<{ server: http.Server; url: string }> {
  // The floor for "an HTTP API over this SQL": node:http, the driver, JSON.
  const server = http.createServer(async (req, res) => {
    try {
      const scenario = list[Number(new URL(req.url!, 'http://x').searchParams.get('i'))];
      const rows = await query(raw, ...scenario.sql);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ items: rows }, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  // Long synchronous SQLite scans elsewhere in this process must not get idle keep-alive sockets closed under the client.
  server.keepAliveTimeout = 120_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

// next start runs the server in a child process (next-server): report the largest peak in the tree.
/** `npm run worker` against this database, once it says it is running jobs. */
function startWorker(url: string): Promise<ChildProcess> {
  const worker = spawn('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/worker.ts'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the worker did not start within 60 s')), 60_000);
    worker.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('is running jobs')) {
        clearTimeout(timer);
        resolve(worker);
      }
    });
    worker.once('exit', (code) => reject(new Error(`the worker exited (${code})`)));
  });
}

/**
 * One Operations person assigning a whole filter of at least 50,000 credentials to another owner,
 * through the API, until the job says it has finished; meanwhile a write to one of the credentials
 * it moves stands for the ingestion, which locks the same rows.
 */
async function measureBulkAssign(base: string, cookie: string, raw: Raw, url: string): Promise<BulkAssignFigures> {
  const headers = { Cookie: cookie, Origin: base, 'Content-Type': 'application/json' };
  const institutions = (await query<{ id: string }>(raw, `SELECT id FROM "Institution" ORDER BY id`)).map((r) => r.id);
  let filter: Record<string, string> = {};
  let total = 0;
  for (let k = 1; k <= institutions.length && total < 50_000; k++) {
    filter = { owner: 'owner-4', institution: institutions.slice(0, k).join(',') };
    const preview = await fetch(`${base}/api/credentials/assign/preview?${new URLSearchParams({ ...filter, to: 'owner-5' })}`, { headers });
    total = ((await preview.json()) as { total: number }).total;
  }
  const [probe] = await query<{ id: number }>(raw, `SELECT id FROM "Credential" WHERE "ownerId" = 'owner-4' AND "institutionId" = ? ORDER BY id DESC LIMIT 1`, [institutions[0]]);
  // On PostgreSQL the web instances only queue jobs (BACKGROUND_JOBS=false here): a worker runs it, as in production.
  const worker = raw.kind === 'postgresql' ? await startWorker(url) : null;
  const started = performance.now();
  const response = await fetch(`${base}/api/credentials/assign`, { method: 'POST', headers, body: JSON.stringify({ ownerId: 'owner-5', filter, expectedCount: total }) });
  if (!response.ok) throw new Error(`bulk assign answered ${response.status}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let finished = false;
  const followed = (async () => {
    while (!finished) {
      // A busy server may reset a kept-alive connection (seen at a million on SQLite): ask again.
      const answer = await fetch(`${base}/api/credentials/assign/${id}`, { headers }).catch(() => null);
      const progress = answer ? ((await answer.json()) as { finishedAt: string | null }) : { finishedAt: null };
      if (progress.finishedAt) finished = true;
      else await pause(200);
    }
  })();
  const waits: number[] = [];
  // PostgreSQL only: on SQLite the ingestion runs in the web process and takes its turn between the
  // assignment's transactions; a second process writing there is not how CredOps runs.
  while (!finished && raw.kind === 'postgresql') {
    const at = performance.now();
    await exec(raw, `UPDATE "Credential" SET "lastPolledAt" = "statusChangedAt" WHERE id = ${Number(probe.id)}`);
    waits.push(performance.now() - at);
    await pause(100);
  }
  await followed;
  if (worker) {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
  return { credentials: total, seconds: (performance.now() - started) / 1000, longestWriteWaitMs: Math.max(...waits, 0), writes: waits.length };
}

function peakMemoryMiB(pid: number): number {
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
  const own = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  return Math.max(own, ...children.map(peakMemoryMiB));
}
const fmt = (n: number) => n.toFixed(n < 10 ? 2 : 1);
const count = (n: number) => n.toLocaleString('en');
const describeCores = (c: CoresUsed) => `cores busy: ${c.machine.toFixed(2)} of ${c.cores} (this Node process ${c.node.toFixed(2)}${c.postgres === null ? '' : `, PostgreSQL ${c.postgres.toFixed(2)}`})`;

/** The second daily run, ingested by two pollers at once: time, exactness, and why it is (not) faster. */
function printTwoPollers(daily: DailyRun) {
  const t = daily.twoPollers;
  const how = t.sharedClient ? 'one client, as SQLite is one process' : 'two clients, two pools of sessions';
  const each = t.pollers.map((p, i) => `${'AB'[i]} ${p ? `${p.seconds.toFixed(1)} s, wrote ${count(p.refreshes)} refreshes + ${count(p.statusChanges)} status changes` : 'failed'}`).join('; ');
  console.log(
    `two pollers at once (second daily run a day later, ${t.dailyRunSeconds.toFixed(1)} s; ${how}): wall ${t.wallSeconds.toFixed(1)} s = ×${t.ratio.toFixed(2)} the single poller's ${daily.ingestionSeconds.toFixed(1)} s (×${t.ratioPerRefresh.toFixed(2)} per refresh written); ${each}`,
  );
  const r = t.added.refreshRecords;
  const c = t.added.statusChanges;
  console.log(
    `  exact: ${t.exact ? 'yes' : 'NO'} (refresh records added ${count(r.rows)}, one poller's ${count(t.expected.refreshes)}, ${count(r.repeated)} repeating a credential; status changes ${count(c.rows)}, one poller's ${count(t.expected.statusChanges)}, ${count(c.repeated)} repeated; counters = GROUP BY: ${t.counters.differing ? `no, ${t.counters.differing} differ by ${t.counters.off}` : 'yes'})${t.failures.length ? `; failed: ${t.failures.map((f) => f.split('\n')[0]).join(' | ')}` : ''}`,
  );
  const written = t.pollers.map((p) => p?.refreshes ?? 0);
  const share = written.map((w) => `${Math.round((100 * w) / Math.max(1, written[0] + written[1]))} %`).join(' / ');
  const verdict = t.ratio >= 0.9 ? `no speed-up (×${t.ratio.toFixed(2)})` : `a speed-up of ×${(1 / t.ratio).toFixed(2)}`;
  console.log(
    `  why: ${verdict}: both pollers read and compared all ${count(daily.credentials)} credentials, page by page in the same order; each batch's changes went to whichever locked its rows first (A/B wrote ${share} of the refreshes) and the other re-read them and found nothing new, so the reading and comparing is done twice and the writing once, not split; ${describeCores(t.cpu)} with two pollers against ${daily.singleCpu.machine.toFixed(2)} with one${t.sharedClient ? '; on SQLite their transactions take turns on one connection' : ''}`,
  );
}

// --only list,counts,assign: the scenarios whose names hold any of these (and 'assign', the bulk assignment;
// 'reminders', the reminder job over 50,000 due links; 'digests', the staff digest job for 200 staff).
const only = values.only?.split(',');
const frontEndOnly = values.only === 'front-end';
if (!values.only || frontEndOnly) assertChromiumInstalled();
if (!existsSync('.next/BUILD_ID')) spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
const results: Record<string, Record<string, { sql: { p50: number; p95: number }; bare: { p50: number; p95: number }; api: { p50: number; p95: number } }>> = {};
const frontEnd: Record<string, PageReport[]> = {};
const load: Record<string, LoadResult> = {};
const exports: Record<string, { rows: number; seconds: number }> = {};
interface CoresUsed {
  cores: number;
  machine: number;
  node: number;
  postgres: number | null;
}
interface TwoPollers {
  sharedClient: boolean;
  dailyRunSeconds: number;
  expected: { refreshes: number; statusChanges: number; created: number };
  wallSeconds: number;
  pollers: ({ seconds: number; refreshes: number; statusChanges: number; created: number; read: number } | null)[];
  failures: string[];
  added: { refreshRecords: { rows: number; repeated: number }; statusChanges: { rows: number; repeated: number } };
  counters: { differing: number; off: number };
  exact: boolean;
  cpu: CoresUsed;
  ratio: number;
  ratioPerRefresh: number;
}
interface DailyRun {
  credentials: number;
  dailyRunSeconds: number;
  ingestionSeconds: number;
  refreshes: number;
  statusChanges: number;
  singleCpu: CoresUsed;
  countersAfterSingle: { differing: number; off: number };
  twoPollers: TwoPollers;
}
const dailyRuns: Record<string, DailyRun> = {};
interface MaintenanceFigures {
  counters: number;
  repaired: number;
  reconcileFirstMs: number;
  reconcileMs: number;
  refreshRetentionDays: number;
  refreshRecordsBefore: number;
  refreshRecords: number;
  batches: number;
  longestBatchMs: number;
  pruneSeconds: number;
}
const maintenance: Record<string, MaintenanceFigures> = {};
interface BulkAssignFigures {
  credentials: number;
  seconds: number;
  longestWriteWaitMs: number;
  writes: number;
}
const assignments: Record<string, BulkAssignFigures> = {};
const loadSeconds = Number(values['load-seconds']);
const saveResults = () => {
  mkdirSync('data/bench', { recursive: true });
  writeFileSync('data/bench/results.json', JSON.stringify({ at: NOW.toISOString(), days, runs, results, frontEnd, load, exports, dailyRuns, maintenance, assignments }, null, 2));
};
for (const kind of kinds) {
  for (const size of sizes) {
    const label = `${kind} ${size.toLocaleString('en')}`;
    console.log(`\n== ${label} credentials, ${days} days of history ==`);
    const database = await createDatabase(kind, size);
    let started = Date.now();
    const seedSteps: [string, number][] = [];
    await seedBulk(database.raw, size, days, NOW, (step, seconds) => seedSteps.push([step, seconds]));
    const slowest = seedSteps.sort((a, b) => b[1] - a[1]).slice(0, 4).map(([step, seconds]) => `${step} ${seconds.toFixed(1)} s`);
    console.log(`seeded ${size.toLocaleString('en')} credentials + ${(size * days).toLocaleString('en')} refresh records in ${((Date.now() - started) / 1000).toFixed(1)} s (slowest steps: ${slowest.join(', ')})`);
    started = Date.now();
    // The analytics rollups come from the backfill command itself, run as an operator would.
    const backfill = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/backfill-analytics.ts'], { env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8' });
    if (backfill.status !== 0) throw new Error(`analytics backfill failed: ${backfill.stderr}`);
    console.log(`analytics backfill (npm run analytics:backfill): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const hash = await bcrypt.hash('bench-password', 4);
    await exec(database.raw, `INSERT INTO "User" (id, email, name, role, "passwordHash", active, "createdAt") VALUES ('${BENCH_USER}', 'bench@credops.test', 'Bench', 'ADMIN', '${hash}', ${kind === 'sqlite' ? 1 : 'true'}, ${kind === 'sqlite' ? `'${NOW.toISOString().replace('Z', '+00:00')}'` : 'now()'})`);
    // "Assigned to me" needs credentials of the signed-in user: owner-3's become theirs, counters too.
    await exec(database.raw, `UPDATE "Credential" SET "ownerId" = '${BENCH_USER}' WHERE "ownerId" = 'owner-3'`);
    await exec(database.raw, `UPDATE "StatusCounter" SET "ownerKey" = '${BENCH_USER}' WHERE "ownerKey" = 'owner-3'`);
    const next = await startNext(database.url);
    const cookie = await signIn();
    const list = (await scenarios(database.raw, size)).filter((s) => !only || only.some((part) => s.name.includes(part)));
    const bare = await bareHandler(database.raw, list);
    results[label] = {};
    console.log(`${'scenario'.padEnd(32)} ${'SQL p50/p95'.padStart(14)} ${'bare http p50/p95'.padStart(18)} ${'CredOps API p50/p95'.padStart(20)}  ×bare  ×SQL`);
    for (const [i, s] of list.entries()) {
      const sql = await measure(() => query(database.raw, ...s.sql));
      const bareTime = await measure(async () => {
        const response = await fetch(`${bare.url}/?i=${i}`);
        if (!response.ok) throw new Error(`bare handler: ${await response.text()}`);
        await response.arrayBuffer();
      });
      const api = await measure(async () => {
        const response = await fetch(`http://127.0.0.1:${PORT}${s.api}`, { headers: { Cookie: cookie } });
        if (!response.ok) throw new Error(`${s.api} answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      });
      results[label][s.name] = { sql, bare: bareTime, api };
      console.log(`${s.name.padEnd(32)} ${`${fmt(sql.p50)}/${fmt(sql.p95)}`.padStart(14)} ${`${fmt(bareTime.p50)}/${fmt(bareTime.p95)}`.padStart(18)} ${`${fmt(api.p50)}/${fmt(api.p95)}`.padStart(20)}  ${(api.p95 / bareTime.p95).toFixed(1).padStart(5)} ${(api.p95 / Math.max(sql.p95, 0.01)).toFixed(0).padStart(5)}`);
    }
    const base = `http://127.0.0.1:${PORT}`;
    if (!only || only.includes('assign')) {
      const a = await measureBulkAssign(base, cookie, database.raw, database.url);
      assignments[label] = a;
      console.log(
        `bulk assign of ${a.credentials.toLocaleString('en')} credentials (a whole filter, as a job): ${a.seconds.toFixed(1)} s, ${Math.round(a.credentials / a.seconds).toLocaleString('en')}/s; ${a.writes ? `a write to one of them meanwhile (another process's lock, as the ingestion's) waited at most ${fmt(a.longestWriteWaitMs)} ms over ${a.writes} tries` : 'one process (SQLite): the ingestion takes its turn between batches'}`,
      );
    }
    if (!only || only.includes('reminders')) {
      // Its own process, as a worker would run it, on this database (the server stays up, idle).
      const run = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/bench/reminders.ts'], { env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8', maxBuffer: 1 << 24 });
      if (run.status !== 0) throw new Error(`reminder bench failed: ${run.stderr}`);
      const r = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { links: number; sent: number; emails: number; slices: number; seconds: number; delivered: number; deliverySeconds: number };
      console.log(`reminder job over ${r.links.toLocaleString('en')} unopened links all due: ${r.sent.toLocaleString('en')} links reminded in ${r.emails.toLocaleString('en')} emails (one per person) in ${r.seconds.toFixed(1)} s over ${r.slices} slice(s), ${Math.round(r.sent / r.seconds).toLocaleString('en')}/s; then delivered to the mailbox by one delivery worker: ${r.delivered.toLocaleString('en')} in ${r.deliverySeconds.toFixed(1)} s`);
    }
    if (!only || only.includes('digests')) {
      const run = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/bench/digests.ts'], { env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8', maxBuffer: 1 << 24 });
      if (run.status !== 0) throw new Error(`digest bench failed: ${run.stderr}`);
      const d = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { staff: number; written: number; seconds: number };
      console.log(`staff digest job for ${d.staff} staff all due: ${d.written} digests written in ${d.seconds.toFixed(1)} s`);
    }
    if (!values.only || frontEndOnly) {
      const reports = await frontEndReport(base, await consolePages(base, cookie), cookie);
      frontEnd[label] = reports;
      console.log(`${'page'.padEnd(34)} ${'first-load JS'.padStart(13)} ${'all JS'.padStart(9)}  ${'desktop perf/a11y/TBT'.padStart(22)}  ${'mobile perf/a11y/TBT'.padStart(22)}   (fetched, compressed; budget 200 kB first load; Lighthouse, simulated throttling)`);
      for (const r of reports) {
        const scores = (f: PageReport['desktop']) => `${f.performance}/${f.accessibility}/${f.totalBlockingTimeMs} ms`;
        console.log(`${r.path.slice(0, 34).padEnd(34)} ${`${r.firstLoadKb.toFixed(1)} kB`.padStart(13)} ${`${r.allScriptsKb.toFixed(1)} kB`.padStart(9)}  ${scores(r.desktop).padStart(22)}  ${scores(r.mobile).padStart(22)}`);
      }
    }
    if (!values.only) {
      started = Date.now();
      const exported = await fetch(`${base}/api/credentials/export`, { headers: { Cookie: cookie } });
      const csvRows = (await exported.text()).split('\n').filter(Boolean).length - 1;
      const exportSeconds = (Date.now() - started) / 1000;
      exports[label] = { rows: csvRows, seconds: exportSeconds };
      console.log(`CSV export of all ${csvRows.toLocaleString('en')} credentials: ${exportSeconds.toFixed(1)} s, ${Math.round(csvRows / exportSeconds).toLocaleString('en')} rows/s`);
      const hammered = await hammer(base, ['/api/credentials', '/api/credentials/counts'], cookie, { connections: 50, seconds: loadSeconds });
      load[label] = hammered;
      console.log(`50 clients on the list and counts for ${loadSeconds} s: ${hammered.requests.toLocaleString('en')} requests, p50 ${hammered.p50} ms, p99 ${hammered.p99} ms, errors ${hammered.errors}, non-2xx ${hammered.non2xx}`);
    }
    console.log(`next-server peak memory: ${peakMemoryMiB(next.pid!).toFixed(0)} MiB`);
    if (!values.only) {
      // Last, as it rewrites every credential: the simulator's daily run and the ingestion of it.
      const run = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/bench/daily-run.ts'], { env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8', maxBuffer: 1 << 24 });
      if (run.status === 0) {
        const daily = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as DailyRun;
        dailyRuns[label] = daily;
        console.log(
          `daily refresh of ${daily.credentials.toLocaleString('en')} credentials (simulator, load + run + save): ${daily.dailyRunSeconds.toFixed(1)} s; ingestion by the poller (${daily.refreshes.toLocaleString('en')} refreshes): ${daily.ingestionSeconds.toFixed(1)} s; counters = GROUP BY: ${daily.countersAfterSingle.differing ? `no, ${daily.countersAfterSingle.differing} differ` : 'yes'}; ${describeCores(daily.singleCpu)}`,
        );
        printTwoPollers(daily);
      } else {
        console.log(`daily run failed: ${run.stderr.slice(-2000)}`);
      }
      // The seed holds `days` days of refresh records, far less than the 400 kept in production: the
      // retention measured keeps half of them, cutting between two days' records (seeded at whole
      // days before NOW). After the daily run, whose ingestion kept the counters: none to repair.
      const retentionDays = Math.floor(days / 2) + 0.5;
      const jobs = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/bench/maintenance.ts', '--now', NOW.toISOString(), '--retention-days', String(retentionDays)], {
        env: { ...process.env, DATABASE_URL: database.url },
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      if (jobs.status === 0) {
        const m = JSON.parse(jobs.stdout.trim().split('\n').at(-1)!) as MaintenanceFigures;
        maintenance[label] = m;
        console.log(`counter reconciliation (one GROUP BY of the credentials, under the counters' lock): ${fmt(m.reconcileMs)} ms for ${m.counters} counters (first run, in a fresh process: ${fmt(m.reconcileFirstMs)} ms), ${m.repaired} repaired`);
        console.log(
          `retention job, keeping ${retentionDays} of the ${days} seeded days: ${m.refreshRecords.toLocaleString('en')} of ${m.refreshRecordsBefore.toLocaleString('en')} refresh records deleted in ${m.pruneSeconds.toFixed(1)} s, ${m.batches} batches, longest batch (the longest lock held) ${fmt(m.longestBatchMs)} ms`,
        );
      } else {
        console.log(`maintenance jobs failed: ${jobs.stderr.slice(-2000)}`);
      }
    }
    saveResults(); // after every size: a failure later on keeps what was measured
    for (const child of spawnSync('pgrep', ['-P', String(next.pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)) process.kill(Number(child), 'SIGTERM');
    next.kill('SIGTERM');
    await new Promise((r) => next.once('exit', r));
    bare.server.close();
    await database.drop();
  }
}
if (sizes.length > 1) printGrowth();
console.log('\nTimes in ms. ×bare = CredOps API p95 / bare handler p95; ×SQL = CredOps API p95 / bare SQL p95. Raw figures: data/bench/results.json');

/** The same figures at each size side by side, and how much the largest costs over the smallest. */
function printGrowth() {
  for (const kind of kinds) {
    const labels = sizes.map((size) => `${kind} ${size.toLocaleString('en')}`).filter((label) => results[label]);
    if (labels.length < 2) continue;
    const [smallest, largest] = [labels[0], labels.at(-1)!];
    console.log(`\n== how cost grows, ${kind}: CredOps API p95 (bare SQL p95) ==`);
    console.log(`${'scenario'.padEnd(36)}${labels.map((l) => l.replace(`${kind} `, '').padStart(20)).join('')}  growth`);
    for (const name of Object.keys(results[largest])) {
      const cells = labels.map((label) => {
        const figure = results[label][name];
        return (figure ? `${fmt(figure.api.p95)} (${fmt(figure.sql.p95)})` : '—').padStart(20);
      });
      const growth = results[smallest][name] ? `×${(results[largest][name].api.p95 / results[smallest][name].api.p95).toFixed(1)}` : '';
      console.log(`${name.padEnd(36)}${cells.join('')}  ${growth}`);
    }
    const perSize = (what: string, describe: (label: string) => string | undefined) => {
      const figures = labels.map((label) => `${label.replace(`${kind} `, '')}: ${describe(label) ?? '—'}`);
      if (labels.some(describe)) console.log(`${what} — ${figures.join(', ')}`);
    };
    perSize('CSV export rows/s', (l) => exports[l] && Math.round(exports[l].rows / exports[l].seconds).toLocaleString('en'));
    perSize('daily run + ingestion, s', (l) => dailyRuns[l] && `${dailyRuns[l].dailyRunSeconds.toFixed(1)} + ${dailyRuns[l].ingestionSeconds.toFixed(1)}`);
    perSize('two pollers on the next daily run, s (× one poller)', (l) => dailyRuns[l]?.twoPollers && `${dailyRuns[l].twoPollers.wallSeconds.toFixed(1)} (×${dailyRuns[l].twoPollers.ratio.toFixed(2)}, exact: ${dailyRuns[l].twoPollers.exact ? 'yes' : 'no'})`);
    perSize('50 clients p99, ms', (l) => load[l] && String(load[l].p99));
    perSize('counter reconciliation, ms', (l) => maintenance[l] && fmt(maintenance[l].reconcileMs));
    perSize('retention job, s (longest batch, ms)', (l) => maintenance[l] && `${maintenance[l].pruneSeconds.toFixed(1)} (${fmt(maintenance[l].longestBatchMs)})`);
  }
}
