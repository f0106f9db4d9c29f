import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { getRecoveryFunnel } from './get-recovery-funnel.ts';
import { stampLinkRecoveries } from './link-recoveries.ts';
import { HOUR_MS } from '@/lib/domain/time.ts';

const now = new Date('2026-11-20T12:00:00Z');
const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR_MS);

describe.each(DATABASE_KINDS)('the recovery funnel on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 30, days: 3, seed: 'funnel', now });
    const sender = await t.db.user.findFirstOrThrow();
    const [a, b, c, d] = await t.db.credential.findMany({ take: 4, orderBy: { id: 'asc' } });
    // These four are broken credentials in this story: no daily refresh of theirs muddies the funnel.
    await t.db.refreshRecord.deleteMany({ where: { credentialId: { in: [a.id, b.id, c.id, d.id] } } });
    const link = (id: string, credentialId: number, flow: string, sentHoursAgo: number, openedHoursAgo: number | null, completedHoursAgo: number | null) =>
      t.db.link.create({
        data: {
          id, credentialId, flow, tokenHash: `hash-${id}`, recipientEmail: 'x@example.com', senderId: sender.id, state: 'SENT',
          createdAt: at(sentHoursAgo), lastSentAt: at(sentHoursAgo), expiresAt: at(sentHoursAgo - 72),
          openedAt: openedHoursAgo === null ? null : at(openedHoursAgo), completedAt: completedHoursAgo === null ? null : at(completedHoursAgo),
        },
      });
    const success = (credentialId: number, key: string, extractedHoursAgo: number, observedHoursAgo: number) =>
      t.db.refreshRecord.create({ data: { credentialId, attemptKey: key, outcome: 'SUCCESS', observedAt: at(observedHoursAgo), flanksUpdatedAt: at(extractedHoursAgo) } });
    await link('sca-recovered-fast', a.id, 'SCA', 30, 29, 28 - 0.5 / 3600);
    await success(a.id, 'after-fast', 28, 27); // extracted as the flow completed, reported in whole seconds: half a second "earlier"
    await link('sca-recovered-slow', b.id, 'SCA', 30, 20, 12);
    await t.db.link.update({ where: { id: 'sca-recovered-slow' }, data: { remindersSent: 1 } }); // opened after one reminder
    await success(b.id, 'before-opening', 21, 11); // observed late, but extracted before the end user even opened the link: not its doing
    await success(b.id, 'after-slow', 10, 9);
    await link('sca-completed-not-refreshed', c.id, 'SCA', 30, 25, 24);
    await link('reset-only-sent', d.id, 'RESET', 30, null, null);
    await link('sca-outside-range', d.id, 'SCA', 24 * 40, null, null);
    await t.db.$transaction((tx) => stampLinkRecoveries(tx)); // as the ingestion (or the backfill) does
  });
  afterAll(() => t?.drop());

  it('counts sent → opened → completed → data refreshed per flow, and the time from sending to recovered data, split by the reminders it took', async () => {
    const funnel = await getRecoveryFunnel(actorWithRole('ANALYST'), {}, { db: t.db, now });
    expect(funnel).toEqual([
      { flow: 'SCA', sent: 3, opened: 3, completed: 3, refreshed: 2, refreshedByReminders: { none: 1, one: 1, more: 0 }, medianHoursToRecover: 11, p90HoursToRecover: 18.2 },
      { flow: 'RESET', sent: 1, opened: 0, completed: 0, refreshed: 0, refreshedByReminders: { none: 0, one: 0, more: 0 }, medianHoursToRecover: null, p90HoursToRecover: null },
    ]);
  });
});
