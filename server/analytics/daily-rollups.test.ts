import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { loadSimulator } from '@/server/flanks/simulator/simulator-store.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import type { Db } from '@/server/db/client.ts';
import { getDailyOutcomes } from './get-daily-outcomes.ts';
import { getDataFreshness } from './get-data-freshness.ts';
import { getStatusDistribution } from './get-status-distribution.ts';
import { getWorstInstitutions } from './get-worst-institutions.ts';
import { rebuildDailyRollups } from './rebuild-daily-rollups.ts';
import { utcDay } from '@/lib/domain/time.ts';

const now = new Date('2026-11-20T14:00:00Z');
const company = { credentials: 300, days: 30, seed: 'rollup-test', now };
const analyst = actorWithRole('ANALYST');
const STATUS_KEY = { PENDING: 'pending', ACTIVE: 'active', PENDING_SCA: 'pendingSca', BLOCKED: 'blocked' } as const;
const OUTCOME_KEY = { SUCCESS: 'success', SCA_REQUIRED: 'scaRequired', INVALID_CREDENTIALS: 'invalidCredentials', INSTITUTION_ERROR: 'institutionError' } as const;

/** The rollup table as day|institution → non-zero figures (a row of zeros says nothing). */
async function rollupTable(db: Db) {
  const rows = await db.dailyInstitutionRollup.findMany();
  const table = new Map<string, Record<string, number>>();
  for (const { day, institutionId, ...figures } of rows) {
    const nonZero = Object.fromEntries(Object.entries(figures).filter(([, n]) => n !== 0));
    if (Object.keys(nonZero).length) table.set(`${day}|${institutionId}`, nonZero);
  }
  return table;
}

/** The same figures counted straight from the raw records, independently of the ingestion's code. */
async function directCount(db: Db) {
  const credentials = new Map((await db.credential.findMany({ select: { id: true, institutionId: true } })).map((c) => [c.id, c.institutionId]));
  const outcomes = new Map<string, Record<string, number>>();
  for (const r of await db.refreshRecord.findMany()) {
    const attemptAt = r.outcome === 'SUCCESS' ? r.flanksUpdatedAt! : r.observedAt;
    const key = `${utcDay(attemptAt)}|${credentials.get(r.credentialId)}`;
    const row = outcomes.get(key) ?? {};
    const column = OUTCOME_KEY[r.outcome as keyof typeof OUTCOME_KEY];
    row[column] = (row[column] ?? 0) + 1;
    outcomes.set(key, row);
  }
  // The status of each credential at the end of a day is its last change observed by then.
  const changes = await db.statusChange.findMany({ orderBy: [{ observedAt: 'asc' }, { id: 'asc' }] });
  const statusOnDay = new Map<string, Record<string, number>>();
  const days = [...new Set(changes.map((c) => utcDay(c.observedAt)))];
  for (const day of days) {
    const latest = new Map<number, string>();
    for (const c of changes) if (utcDay(c.observedAt) <= day) latest.set(c.credentialId, c.toStatus);
    for (const [credentialId, status] of latest) {
      const key = `${day}|${credentials.get(credentialId)}`;
      const row = statusOnDay.get(key) ?? {};
      const column = STATUS_KEY[status as keyof typeof STATUS_KEY];
      row[column] = (row[column] ?? 0) + 1;
      statusOnDay.set(key, row);
    }
  }
  return { outcomes, statusOnDay };
}

const pick = (table: Map<string, Record<string, number>>, columns: readonly string[]) =>
  new Map(
    [...table]
      .map(([key, row]) => [key, Object.fromEntries(Object.entries(row).filter(([c]) => columns.includes(c)))] as const)
      .filter(([, row]) => Object.keys(row).length > 0),
  );

describe.each(DATABASE_KINDS)('daily analytics rollups on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, company);
  });
  afterAll(() => t?.drop());

  it('count every refresh outcome once, on the day of its attempt, as a direct count of the raw records does', async () => {
    const { outcomes } = await directCount(t.db);
    expect(outcomes.size).toBeGreaterThan(300);
    expect(pick(await rollupTable(t.db), Object.values(OUTCOME_KEY))).toEqual(outcomes);
  });

  it('hold each day’s status distribution as replaying the status changes gives it', async () => {
    const { statusOnDay } = await directCount(t.db);
    expect(pick(await rollupTable(t.db), Object.values(STATUS_KEY))).toEqual(statusOnDay);
  });

  it('do not change when the same day is ingested again', async () => {
    const before = await rollupTable(t.db);
    await pollFlanks(t.db, await loadSimulator(t.db, 'again'), now);
    await pollFlanks(t.db, await loadSimulator(t.db, 'and again'), new Date(now.getTime() + 60_000));
    expect(await rollupTable(t.db)).toEqual(before);
  });

  it('are rebuilt by the backfill exactly as the ingestion kept them, however often it runs', async () => {
    const kept = await rollupTable(t.db);
    await t.db.dailyInstitutionRollup.deleteMany();
    await rebuildDailyRollups(t.db, now);
    expect(await rollupTable(t.db)).toEqual(kept);
    await rebuildDailyRollups(t.db, now);
    expect(await rollupTable(t.db)).toEqual(kept);
  });

  it('answer the charts for a range and for chosen institutions', async () => {
    const range = { from: '2026-11-01', to: '2026-11-20' };
    const all = await getDailyOutcomes(analyst, range, { db: t.db, now });
    expect(all.length).toBe(20);
    const { outcomes } = await directCount(t.db);
    const successOn = (day: string, institution?: string) =>
      [...outcomes].filter(([key]) => key.startsWith(day) && (!institution || key.endsWith(`|${institution}`))).reduce((sum, [, row]) => sum + (row.success ?? 0), 0);
    for (const d of all) expect(d.success, d.day).toBe(successOn(d.day));
    const bbva = await getDailyOutcomes(analyst, { ...range, institution: ['bbva_es'] }, { db: t.db, now });
    for (const d of bbva) expect(d.success, d.day).toBe(successOn(d.day, 'bbva_es'));

    const statuses = await getStatusDistribution(analyst, range, { db: t.db, now });
    const credentials = await t.db.credential.count();
    expect(statuses.at(-1)).toMatchObject({ day: '2026-11-20' });
    const last = statuses.at(-1)!;
    expect(last.pending + last.active + last.pendingSca + last.blocked).toBe(credentials);
  });

  it('leave institutions with too few attempts out of the worst list', async () => {
    const worst = await getWorstInstitutions(analyst, { from: '2026-11-14', to: '2026-11-20' }, { db: t.db, now });
    expect(worst.items.length).toBeGreaterThan(0);
    for (const item of worst.items) expect(item.attempts).toBeGreaterThanOrEqual(worst.minAttempts);
    expect(worst.items.map((i) => i.successRate)).toEqual([...worst.items.map((i) => i.successRate)].sort((a, b) => a - b));
  });

  it('bucket every credential by data age, matching a direct count', async () => {
    const freshness = await getDataFreshness(analyst, {}, { db: t.db, now });
    const credentials = await t.db.credential.findMany({ select: { dataAsOf: true } });
    expect(freshness.buckets.reduce((sum, b) => sum + b.credentials, 0)).toBe(credentials.length);
    const dayOld = credentials.filter((c) => now.getTime() - c.dataAsOf.getTime() > 24 * 3_600_000).length;
    expect(freshness.buckets[0].credentials).toBe(credentials.length - dayOld);
    const weekOld = credentials.filter((c) => now.getTime() - c.dataAsOf.getTime() > 168 * 3_600_000).length;
    expect(freshness.buckets.at(-1)!.credentials).toBe(weekOld);
  });
});
