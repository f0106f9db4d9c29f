import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions.ts';
import { isDatabaseUnavailable } from '@/server/db/database-unavailable.ts';
import { childEnvironment } from '@/server/env.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { smtpTransport } from '@/server/email/email-transport.ts';
import { loadSimulator, saveSimulator } from '@/server/flanks/simulator/simulator-store.ts';
import { startBulkSend } from '@/server/bulk-sends/start-bulk-send.ts';
import { sendLink } from '@/server/links/send-link.ts';
import { messageIdOf, startSmtpServer } from '@/server/testing/loopback-smtp-server.ts';
import { postgresOutage } from '@/server/testing/postgres-outage.ts';
import { createTestDatabase, type TestDatabase } from '@/server/testing/test-database.ts';
import type { JobEngine } from './job-definitions.ts';
import { startPgBossEngine } from './pg-boss-engine.ts';

// Two instances with background jobs on, on one PostgreSQL database, drifted the counters and sent
// emails twice. Here two real worker processes (npm run worker) share one database while this
// process plays a web instance: Flanks changes arrive, staff send links, a bulk send runs.

const POLL_SECONDS = 2;
const FROM = 'CredOps <no-reply@credops.test>';

function startWorker(env: Record<string, string>): Promise<ChildProcess & { output: string[] }> {
  const child = Object.assign(
    spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
      env: childEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    { output: [] as string[] },
  );
  const collect = (chunk: Buffer) => child.output.push(chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('is running jobs') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it started:\n${child.output.join('')}`)));
  });
}

const stopped = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

/** Flanks: the credential turns Blocked without new data, or gets new data. */
async function changeAtFlanks(t: TestDatabase, token: string, change: 'block' | 'refresh') {
  const sim = await loadSimulator(t.db, `change-${token}`, { token });
  const c = sim.credentials.get(token)!;
  if (change === 'block') {
    c.blocked = true;
    c.resetToken = `reset-${token}`;
  } else c.lastUpdateAt = new Date();
  sim.changed.add(token);
  await saveSimulator(t.db, sim);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return Date.now() - started;
}

/** Counters equal a count of the credentials; each credential's changes form one chain (no change twice); rollups equal the raw records. */
async function expectEveryChangeRecordedOnce(t: TestDatabase) {
  const counters = await t.db.statusCounter.findMany({ where: { count: { not: 0 } } });
  const actual = await t.db.credential.groupBy({ by: ['institutionId', 'ownerId', 'status'], _count: { _all: true } });
  const key = (i: string, o: string | null, s: string) => `${i}|${o ?? ''}|${s}`;
  expect(new Map(counters.map((c) => [key(c.institutionId, c.ownerKey, c.status), c.count]))).toEqual(new Map(actual.map((a) => [key(a.institutionId, a.ownerId, a.status), a._count._all])));
  const credentials = await t.db.credential.findMany({ select: { token: true, status: true, statusChanges: { orderBy: { id: 'asc' }, select: { fromStatus: true, toStatus: true } } } });
  for (const c of credentials) {
    const chain = c.statusChanges;
    chain.forEach((change, i) => expect(change.fromStatus, c.token).toBe(i === 0 ? null : chain[i - 1].toStatus));
    expect(chain.at(-1)?.toStatus, c.token).toBe(c.status);
  }
  const raw = await t.db.refreshRecord.count();
  const { _sum: s } = await t.db.dailyInstitutionRollup.aggregate({ _sum: { success: true, scaRequired: true, invalidCredentials: true, institutionError: true } });
  expect((s.success ?? 0) + (s.scaRequired ?? 0) + (s.invalidCredentials ?? 0) + (s.institutionError ?? 0)).toBe(raw);
}

/** Every email recorded as sent (beyond `sentBefore`) reached the mail server exactly once. */
async function expectOneDeliveryPerEmail(t: TestDatabase, received: string[], sentBefore = 0): Promise<number> {
  const sent = (await t.db.outboxEmail.count({ where: { state: 'SENT' } })) - sentBefore;
  expect(received).toHaveLength(sent);
  expect(new Set(received.map(messageIdOf)).size).toBe(sent);
  return sent;
}

describe('one web instance and two workers on one PostgreSQL database', () => {
  let t: TestDatabase;
  let web: JobEngine;
  let operations: Actor;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const workers: (ChildProcess & { output: string[] })[] = [];
  let workerEnv: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase('postgresql');
    await seedDemoCompany(t.db, { credentials: 200, days: 10, seed: 'multi-process', now: new Date() });
    const ops = await t.db.user.findUniqueOrThrow({ where: { email: 'ops@credops.test' } });
    operations = { id: ops.id, email: ops.email, name: ops.name, role: 'OPERATIONS' };
    smtp = await startSmtpServer();
    workerEnv = { DATABASE_URL: t.url, POLL_INTERVAL_SECONDS: String(POLL_SECONDS), SMTP_URL: smtp.url, EMAIL_FROM: FROM, BACKGROUND_JOBS: 'true', NODE_ENV: 'test' };
    web = await startPgBossEngine(t.url, t.db, { work: false });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopped(w, 'SIGKILL')));
    await web?.stop();
    await smtp?.close();
    await t?.drop();
  });

  it('records every Flanks change once, sends every email once and runs each scheduled job once per slot', async () => {
    workers.push(...(await Promise.all([startWorker(workerEnv), startWorker(workerEnv)])));
    const startedAt = Date.now();
    const healthy = await t.db.credential.findMany({ where: { status: 'ACTIVE' }, orderBy: { id: 'asc' }, take: 30, select: { token: true } });
    const turned: string[] = [];
    const sendable = await t.db.credential.findMany({
      where: { status: 'BLOCKED', contacts: { some: {} } },
      select: { token: true, contacts: { select: { contact: { select: { email: true } } }, take: 1 } },
      take: 6,
    });
    for (let i = 0; i < 10; i++) {
      await changeAtFlanks(t, healthy[i].token, 'block');
      turned.push(healthy[i].token);
      await changeAtFlanks(t, healthy[10 + i].token, 'refresh');
      // Staff, on the web instance: a link send, delivered as it is sent, while the workers' email job scans the outbox.
      if (i < sendable.length) {
        const { token, contacts } = sendable[i];
        await sendLink(operations, token, { flow: 'RESET', email: contacts[0].contact.email }, { db: t.db, transport: smtpTransport(smtp.url, FROM) });
      }
      if (i === 3) {
        const bulk = await startBulkSend(operations, { flow: 'RESET', filter: { status: [], institution: [], stale: false, overTarget: false, recurring: false, q: undefined } }, { db: t.db });
        await web.enqueue('bulk-send', { id: bulk.id });
      }
      await new Promise((resolve) => setTimeout(resolve, 700));
    }

    await until(
      'the workers have seen every change, finished the bulk send and delivered every email',
      async () =>
        (await t.db.credential.count({ where: { token: { in: turned }, status: 'BLOCKED' } })) === turned.length &&
        (await t.db.bulkSend.count({ where: { finishedAt: null } })) === 0 &&
        (await t.db.outboxEmail.count({ where: { state: { not: 'SENT' } } })) === 0,
      60_000,
    );
    await Promise.all(workers.splice(0).map((w) => stopped(w)));
    const elapsedSeconds = (Date.now() - startedAt) / 1000;

    await expectEveryChangeRecordedOnce(t);
    const sent = await expectOneDeliveryPerEmail(t, smtp.received);
    expect(sent).toBeGreaterThan(sendable.length);

    // Each scheduled job once per slot, and on schedule: the sync ran in (nearly) every slot.
    const slots = await t.db.$queryRawUnsafe<{ name: string; runs: number; slots: number }[]>(`
      SELECT name, count(*)::int AS runs, count(DISTINCT singleton_on)::int AS slots
      FROM (SELECT name, singleton_on FROM pgboss.job UNION ALL SELECT name, singleton_on FROM pgboss.archive) j
      WHERE singleton_on IS NOT NULL GROUP BY name`);
    for (const job of slots) expect(job.runs, job.name).toBe(job.slots);
    const sync = slots.find((j) => j.name === 'flanks-sync')!;
    expect(sync.runs).toBeGreaterThanOrEqual(Math.floor(elapsedSeconds / POLL_SECONDS) - 3);
  }, 150_000);

  it('hands a killed worker\'s bulk send and sync to the other worker within a minute, without a second email', async () => {
    smtp.received.length = 0;
    const countingFrom = new Date();
    smtp.delayMs = 300;
    const first = await startWorker(workerEnv);
    workers.push(first);
    const bulk = await startBulkSend(operations, { flow: 'SCA', filter: { status: [], institution: [], stale: false, overTarget: false, recurring: false, q: undefined } }, { db: t.db });
    await web.enqueue('bulk-send', { id: bulk.id });
    const processed = () => t.db.bulkSendItem.count({ where: { bulkSendId: bulk.id, result: { not: null } } });
    await until('the first worker is part-way through the bulk send', async () => (await processed()) >= 3, 30_000);

    first.kill('SIGKILL');
    await stopped(first);
    const atKill = await processed();
    expect(atKill).toBeLessThan(bulk.total);
    const [healthy] = await t.db.credential.findMany({ where: { status: 'ACTIVE' }, orderBy: { id: 'desc' }, take: 1 });
    await changeAtFlanks(t, healthy.token, 'block');
    workers.push(await startWorker(workerEnv));

    await until('the other worker takes the bulk send over', async () => (await processed()) > atKill, 60_000);
    await until('the other worker syncs again', async () => (await t.db.credential.findUniqueOrThrow({ where: { id: healthy.id } })).status === 'BLOCKED', 60_000);
    await until('the bulk send finishes', async () => (await t.db.bulkSend.findUniqueOrThrow({ where: { id: bulk.id } })).finishedAt !== null, 90_000);
    await until('every email is delivered', async () => (await t.db.outboxEmail.count({ where: { state: { not: 'SENT' } } })) === 0, 60_000);

    // The one email in flight when the worker died may be handed over again, under the same Message-ID.
    // Every email delivered since counting began: the links', and any alert the workers raised meanwhile.
    const emails = await t.db.outboxEmail.count({ where: { sentAt: { gte: countingFrom } } });
    expect(new Set(smtp.received.map(messageIdOf)).size).toBe(emails);
    expect(smtp.received.length).toBeLessThanOrEqual(emails + 1);
  }, 240_000);

  it('goes on by itself when every backend of the app is terminated mid-traffic (a failover), losing and repeating nothing', async () => {
    await until('the bulk sends are done', async () => (await t.db.outboxEmail.count({ where: { state: { not: 'SENT' } } })) === 0, 60_000);
    await Promise.all(workers.splice(0).map((w) => stopped(w)));
    smtp.received.length = 0;
    smtp.delayMs = 0;
    const sentBefore = await t.db.outboxEmail.count({ where: { state: 'SENT' } });
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: 'admin@credops.test' } });
    const overriding: Actor = { id: admin.id, email: admin.email, name: admin.name, role: 'ADMIN' };
    const blocked = await t.db.credential.findMany({ where: { status: 'BLOCKED', contacts: { some: {} } }, take: 8, select: { token: true } });
    // Staff keep sending while the database fails over: each send either fails at once or is delivered once.
    const send = (token: string) =>
      sendLink(overriding, token, { flow: 'RESET', email: `failover-${token}@example.com`, override: true }, { db: t.db, transport: smtpTransport(smtp.url, FROM) }).catch((error: unknown) => {
        if (!isDatabaseUnavailable(error)) throw error;
      });
    workers.push(...(await Promise.all([startWorker(workerEnv), startWorker(workerEnv)])));
    const healthy = await t.db.credential.findMany({ where: { status: 'ACTIVE' }, orderBy: { id: 'asc' }, take: 12, select: { id: true, token: true } });
    const outage = await postgresOutage(t);
    try {
      for (const c of healthy.slice(0, 6)) await changeAtFlanks(t, c.token, 'block');
      await Promise.all(blocked.slice(0, 4).map((c) => send(c.token)));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      for (let round = 0; round < 3; round++) {
        await outage.terminateConnections();
        // The web instance's next query and send fail fast (503) or already work again; they never hang.
        const asked = Date.now();
        await Promise.all([t.db.credential.count().catch((error: unknown) => expect(isDatabaseUnavailable(error)).toBe(true)), send(blocked[4 + round].token)]);
        expect(Date.now() - asked).toBeLessThan(5_000);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      await outage.end();
    }
    const recoveredAt = Date.now();
    for (const c of healthy.slice(6)) await changeAtFlanks(t, c.token, 'block');
    await send(blocked[7].token);
    await until('the workers, with no restart, have recorded every change made before and after', async () => (await t.db.credential.count({ where: { id: { in: healthy.map((c) => c.id) }, status: 'BLOCKED' } })) === healthy.length, 30_000);
    expect(Date.now() - recoveredAt).toBeLessThan(30_000);
    // A worker that died says why: its own output is the message.
    expect(workers.every((w) => w.exitCode === null), workers.filter((w) => w.exitCode !== null).map((w) => `exit ${w.exitCode}:\n${w.output.join('').slice(-4000)}`).join('\n---\n')).toBe(true);
    await until('every email is delivered', async () => (await t.db.outboxEmail.count({ where: { state: { not: 'SENT' } } })) === 0, 90_000);
    await Promise.all(workers.splice(0).map((w) => stopped(w)));
    await expectEveryChangeRecordedOnce(t);
    expect(await expectOneDeliveryPerEmail(t, smtp.received, sentBefore)).toBeGreaterThanOrEqual(1);
  }, 240_000);
});
