import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { activeFlanksSourceName } from '@/server/flanks/flanks-source.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { watchSync } from './watch-sync.ts';

const now = new Date('2026-12-01T10:20:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe.each(DATABASE_KINDS)('the sync and fleet watch, on %s', (kind) => {
  let t: TestDatabase;
  const alerts = (prefix: string) => t.db.outboxEmail.findMany({ where: { kind: 'ALERT', idempotencyKey: { startsWith: `alert:${prefix}` } } });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 150, days: 5, seed: 'watch', now });
    await t.db.statusChange.deleteMany({ where: { observedAt: { gt: minutesAgo(120) } } });
  });
  afterAll(() => t?.drop());

  it('alerts Operations once per outage when no sync has completed for longer than the threshold', async () => {
    const source = activeFlanksSourceName();
    await t.db.syncState.upsert({ where: { id: source }, create: { id: source, lastCompletedAt: minutesAgo(20) }, update: { lastCompletedAt: minutesAgo(20), lastError: null } });
    expect(await watchSync(t.db, now)).toMatchObject({ syncAlerted: false });
    await t.db.syncState.update({ where: { id: source }, data: { lastError: 'Flanks answered 503', consecutiveFailures: 4 } });
    await watchSync(t.db, new Date(now.getTime() + 11 * 60_000));
    await watchSync(t.db, new Date(now.getTime() + 12 * 60_000));
    const sent = await alerts('sync.failing');
    expect(sent.map((e) => e.to).sort()).toEqual(['admin@credops.test', 'ops@credops.test']);
    expect(sent[0].text).toMatch(/^No sync with .+ has completed for 31 minutes \(last error: Flanks answered 503\)/);
  });

  it('alerts once an hour when more credentials than the threshold became Blocked in the last hour', async () => {
    const ids = (await t.db.credential.findMany({ take: 101, select: { id: true } })).map((c) => c.id);
    await t.db.statusChange.createMany({ data: ids.slice(0, 100).map((credentialId) => ({ credentialId, fromStatus: 'ACTIVE', toStatus: 'BLOCKED', observedAt: minutesAgo(30) })) });
    expect(await watchSync(t.db, now)).toMatchObject({ blockedAlerted: false }); // 100 is the threshold, not over it
    await t.db.statusChange.create({ data: { credentialId: ids[100], fromStatus: 'ACTIVE', toStatus: 'BLOCKED', observedAt: minutesAgo(5) } });
    await watchSync(t.db, now);
    await watchSync(t.db, new Date(now.getTime() + 60_000));
    const sent = await alerts('blocked.growing');
    expect(sent).toHaveLength(2); // Operations and the Admin, once
    expect(sent[0].text).toMatch(/^101 credentials became Blocked in the last hour/);
  });

  it('alerts once when the daily refresh has not been seen by its usual time plus two hours, learned from the last week', async () => {
    // Five quiet days whose daily refresh was first seen at 06:00 UTC, and none yet today.
    const day = (back: number, hhmm: string) => new Date(`${new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10)}T${hhmm}:00Z`);
    const from = day(7, '00:00');
    await t.db.refreshRecord.deleteMany({ where: { observedAt: { gte: from } } });
    const [credential] = await t.db.credential.findMany({ take: 1, select: { id: true } });
    const refresh = (observedAt: Date, attemptKey: string) => ({ credentialId: credential.id, attemptKey, trigger: 'DAILY', outcome: 'SUCCESS', observedAt });
    await t.db.refreshRecord.createMany({ data: [1, 2, 3, 4, 5].map((back) => refresh(day(back, '06:00'), `daily-${back}`)) });

    expect(await watchSync(t.db, day(0, '07:59'))).toMatchObject({ dailyLateAlerted: false });
    expect(await watchSync(t.db, day(0, '08:00'))).toMatchObject({ dailyLateAlerted: true });
    expect(await watchSync(t.db, day(0, '08:30'))).toMatchObject({ dailyLateAlerted: false });
    const sent = await alerts('daily.late');
    expect(sent.map((e) => e.to).sort()).toEqual(['admin@credops.test', 'ops@credops.test']);
    expect(sent[0].text).toMatch(/^No daily refresh from Flanks has been seen today: it usually starts around 06:00 UTC/);

    // The next day's run comes at its usual time: nothing to say.
    await t.db.refreshRecord.create({ data: refresh(day(-1, '06:10'), 'daily-next') });
    expect(await watchSync(t.db, day(-1, '09:00'))).toMatchObject({ dailyLateAlerted: false });
    expect(await alerts('daily.late')).toHaveLength(2);
  });
});

