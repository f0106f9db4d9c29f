import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { deliverOutbox } from '@/server/email/deliver-outbox.ts';
import { recordingTransport } from '@/server/testing/recording-transport.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { sendStaffDigests } from './send-staff-digests.ts';

// 07:30 UTC on a winter day: 08:30 in Madrid (the demo company's clock), 02:30 in New York.
const now = new Date('2026-12-01T07:30:00Z');

describe.each(DATABASE_KINDS)('staff digests, on %s', (kind) => {
  let t: TestDatabase;
  const digestsTo = (email: string) => t.db.outboxEmail.findMany({ where: { kind: 'DIGEST', to: email } });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 400, days: 20, seed: 'digests', now });
  });
  afterAll(() => t?.drop());

  it('gives an owner their morning figures, and Operations the fleet, once per local day', async () => {
    const am = await t.db.user.findUniqueOrThrow({ where: { email: 'am@credops.test' } });
    const owned = await t.db.credential.count({ where: { ownerId: am.id } });
    expect(owned).toBeGreaterThan(0);
    const over = await t.db.credential.count({ where: { ownerId: am.id, status: 'BLOCKED', statusChangedAt: { lt: new Date(now.getTime() - 3 * 86_400_000) } } })
      + (await t.db.credential.count({ where: { ownerId: am.id, status: 'PENDING_SCA', statusChangedAt: { lt: new Date(now.getTime() - 5 * 86_400_000) } } }));

    await sendStaffDigests(t.db, now);
    await sendStaffDigests(t.db, new Date(now.getTime() + 15 * 60_000)); // the next run the same morning
    const [digest, ...more] = await digestsTo('am@credops.test');
    expect(more).toHaveLength(0);
    expect(digest.subject).toBe('CredOps digest for 2026-12-01');
    expect(digest.text).toContain(`- Over their recovery target: ${over} (http://localhost:3000/credentials?owner=me&overTarget=true&sort=attention)`);
    expect(digest.text).not.toContain('The fleet');
    const [fleet] = await digestsTo('ops@credops.test');
    expect(fleet.text).toContain('The fleet');
    expect(fleet.text).toMatch(/- Blocked(, [+-]\d+ on a week ago)?: \d+/);

    const transport = recordingTransport();
    await deliverOutbox(t.db, { transport, now });
    expect(transport.sent.map((e) => e.to)).toEqual(expect.arrayContaining(['am@credops.test', 'ops@credops.test']));
  });

  it('waits for 08:00 on each user’s own clock, and skips those who turned it off', async () => {
    await t.db.user.update({ where: { email: 'analyst@credops.test' }, data: { timeZone: 'America/New_York' } });
    await t.db.user.update({ where: { email: 'admin@credops.test' }, data: { digestEnabled: false } });
    await t.db.outboxEmail.deleteMany({ where: { kind: 'DIGEST' } });
    const analyst = await t.db.user.findUniqueOrThrow({ where: { email: 'analyst@credops.test' } });
    await t.db.credential.updateMany({ where: { id: { in: (await t.db.credential.findMany({ take: 3, select: { id: true } })).map((c) => c.id) } }, data: { ownerId: analyst.id } });
    await sendStaffDigests(t.db, now);
    expect(await digestsTo('analyst@credops.test')).toHaveLength(0); // 02:30 in New York
    expect(await digestsTo('admin@credops.test')).toHaveLength(0);
    await sendStaffDigests(t.db, new Date('2026-12-01T13:05:00Z')); // 08:05 in New York
    expect(await digestsTo('analyst@credops.test')).toHaveLength(1);
    expect(await digestsTo('admin@credops.test')).toHaveLength(0);
  });
});
