import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '@/lib/domain/time.ts';
import { agingBucket } from '@/lib/domain/recovery-targets.ts';
import { credentialListQuerySchema } from '@/lib/schemas/credentials.ts';
import { countCredentialsByStatus } from '@/server/credentials/count-credentials-by-status.ts';
import { listCredentials } from '@/server/credentials/list-credentials.ts';
import { CREDENTIALS_CSV_HEADER, exportCredentials } from '@/server/credentials/export-credentials.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { getRecoveryTargets } from './get-recovery-targets.ts';
import { setRecoveryTargets } from './set-recovery-targets.ts';

const now = new Date('2026-11-20T14:00:00Z');
let admin = actorWithRole('ADMIN');
const ops = actorWithRole('OPERATIONS');

describe.each(DATABASE_KINDS)('recovery targets, on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 300, days: 20, seed: 'targets', now });
    const seeded = await t.db.user.findUniqueOrThrow({ where: { email: 'admin@credops.test' } });
    admin = { id: seeded.id, email: seeded.email, name: seeded.name, role: 'ADMIN' };
  });
  afterAll(() => t?.drop());

  /** Over target as the rule says, counted from the rows themselves. */
  const overTargetInDb = async (targets: { BLOCKED: number; PENDING_SCA: number }) => {
    const rows = await t.db.credential.findMany({ where: { status: { in: ['BLOCKED', 'PENDING_SCA'] } }, select: { status: true, statusChangedAt: true } });
    return rows.filter((r) => r.statusChangedAt.getTime() < now.getTime() - targets[r.status as 'BLOCKED'] * DAY_MS).length;
  };

  it('starts at 3 days for Blocked and 5 for Pending SCA', async () => {
    expect(await getRecoveryTargets(t.db)).toEqual({ BLOCKED: 3, PENDING_SCA: 5 });
  });

  it('lists and counts exactly the credentials over their status target', async () => {
    const expected = await overTargetInDb({ BLOCKED: 3, PENDING_SCA: 5 });
    expect(expected).toBeGreaterThan(0);
    const counts = await countCredentialsByStatus(ops, { overTarget: true }, { db: t.db, now });
    expect(counts.total).toBe(expected);
    expect(counts.ACTIVE + counts.PENDING).toBe(0);
    // Under another filter too: one institution, one owner.
    const some = await t.db.credential.findFirstOrThrow({ where: { status: 'BLOCKED', ownerId: { not: null } } });
    const inDb = (await t.db.credential.findMany({ where: { institutionId: some.institutionId, status: { in: ['BLOCKED', 'PENDING_SCA'] } } })).filter(
      (r) => r.statusChangedAt.getTime() < now.getTime() - (r.status === 'BLOCKED' ? 3 : 5) * DAY_MS,
    );
    expect((await countCredentialsByStatus(ops, { overTarget: true, institution: [some.institutionId] }, { db: t.db, now })).total).toBe(inDb.length);
    expect((await countCredentialsByStatus(ops, { overTarget: true, owner: some.ownerId! }, { db: t.db, now })).total).toBe(
      (await t.db.credential.findMany({ where: { ownerId: some.ownerId, status: { in: ['BLOCKED', 'PENDING_SCA'] } } })).filter((r) => r.statusChangedAt.getTime() < now.getTime() - (r.status === 'BLOCKED' ? 3 : 5) * DAY_MS).length,
    );
    const page = await listCredentials(ops, credentialListQuerySchema.parse({ overTarget: 'true', limit: '200' }), { db: t.db, now });
    expect(page.items.length).toBe(Math.min(expected, 200));
    expect(page.items.every((c) => c.overTarget)).toBe(true);
    const all = await listCredentials(ops, credentialListQuerySchema.parse({ status: 'BLOCKED,PENDING_SCA', limit: '200' }), { db: t.db, now });
    expect(all.items.filter((c) => c.overTarget).length).toBe(Math.min(expected, all.items.length));
    // The export of that view says so in its over_target column, for every row.
    const exported: string[][] = [];
    for await (const rows of exportCredentials(ops, credentialListQuerySchema.parse({ overTarget: 'true' }), { db: t.db, now })) exported.push(...rows);
    expect(exported.length).toBe(expected);
    const column = CREDENTIALS_CSV_HEADER.indexOf('over_target');
    expect(exported.every((row) => row[column] === 'yes')).toBe(true);
  });

  it('moves credentials over or under target when an Admin changes a target, audited once with the old and new values', async () => {
    await setRecoveryTargets(admin, { BLOCKED: 1, PENDING_SCA: 30 }, { db: t.db, now });
    await setRecoveryTargets(admin, { BLOCKED: 1, PENDING_SCA: 30 }, { db: t.db, now }); // a retry changes nothing
    expect(await getRecoveryTargets(t.db)).toEqual({ BLOCKED: 1, PENDING_SCA: 30 });
    const events = await t.db.auditEvent.findMany({ where: { action: 'settings.changeRecoveryTargets' } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].details!)).toEqual({ BLOCKED: { from: 3, to: 1 }, PENDING_SCA: { from: 5, to: 30 } });
    expect((await countCredentialsByStatus(ops, { overTarget: true }, { db: t.db, now })).total).toBe(await overTargetInDb({ BLOCKED: 1, PENDING_SCA: 30 }));
  });

  it('buckets the Blocked and Pending SCA counts by how long they have waited, as the rule does row by row', async () => {
    const rows = await t.db.credential.findMany({ where: { status: { in: ['BLOCKED', 'PENDING_SCA'] } }, select: { status: true, statusChangedAt: true } });
    const expected = { BLOCKED: { '0–2 d': 0, '3–7 d': 0, '> 7 d': 0 }, PENDING_SCA: { '0–2 d': 0, '3–7 d': 0, '> 7 d': 0 } };
    for (const r of rows) expected[r.status as 'BLOCKED'][agingBucket(r.statusChangedAt, now)]++;
    const counts = await countCredentialsByStatus(ops, {}, { db: t.db, now });
    expect(counts.aging).toEqual(expected);
    expect(Object.values(counts.aging!.BLOCKED).reduce((a, b) => a + b, 0)).toBe(counts.BLOCKED);
  });

  it('lets only an Admin set them', async () => {
    await expect(setRecoveryTargets(ops, { BLOCKED: 2, PENDING_SCA: 2 }, { db: t.db, now })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
