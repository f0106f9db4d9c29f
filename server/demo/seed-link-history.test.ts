import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkViewAt } from '@/lib/domain/link-rules.ts';
import { getRecoveryFunnel } from '@/server/analytics/get-recovery-funnel.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, type TestDatabase } from '@/server/testing/test-database.ts';
import { seedDemoCompany } from './seed-demo-company.ts';
import { seedLinkHistory } from './seed-link-history.ts';

const seededAt = new Date('2026-11-20T08:00:00Z');
const now = new Date('2026-11-20T09:00:00Z');

describe('the demo link history', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await seedDemoCompany(t.db, { credentials: 300, days: 20, seed: 'link-history', now: seededAt });
  });
  afterAll(() => t?.drop());

  it('leaves links in every state a week of work produces, made by the real link code', async () => {
    const summary = await seedLinkHistory(t.db, { seed: 'link-history', now });
    expect(Object.values(summary).every((n) => n > 0), JSON.stringify(summary)).toBe(true);
    const links = await t.db.link.findMany();
    const views = new Set(links.map((l) => linkViewAt(l, now)));
    expect([...views].sort()).toEqual(['COMPLETED', 'EXPIRED', 'FAILED', 'OPENED', 'REVOKED', 'SENT']);
    // Each went out through the outbox, and each step is in the audit log.
    expect(await t.db.outboxEmail.count()).toBe(links.length);
    for (const action of ['link.send', 'link.open', 'link.complete', 'link.fail', 'link.revoke']) {
      expect(await t.db.auditEvent.count({ where: { action } }), action).toBeGreaterThan(0);
    }
  });

  it('unlocks the credentials whose links were completed, so the recovery funnel shows recoveries', async () => {
    const completed = await t.db.link.findMany({ where: { state: 'COMPLETED' }, include: { credential: true } });
    expect(completed.length).toBeGreaterThan(0);
    for (const link of completed) expect(link.credential.status).toBe('ACTIVE');
    const funnel = await getRecoveryFunnel(actorWithRole('ANALYST'), {}, { db: t.db, now });
    const total = funnel.reduce((sum, f) => ({ sent: sum.sent + f.sent, refreshed: sum.refreshed + f.refreshed }), { sent: 0, refreshed: 0 });
    expect(total.sent).toBe(await t.db.link.count());
    expect(total.refreshed).toBe(completed.length);
  });
});
