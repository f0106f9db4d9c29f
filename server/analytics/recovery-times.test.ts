import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveredWithinTarget } from '@/lib/domain/recovery-targets.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { getRecoveryTimes } from './get-recovery-times.ts';

const now = new Date('2026-11-20T14:00:00Z');
const analyst = actorWithRole('ANALYST');
const broken = ['BLOCKED', 'PENDING_SCA'];

describe.each(DATABASE_KINDS)('time to recover, on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 400, days: 30, seed: 'recovery-times', now });
  });
  afterAll(() => t?.drop());

  it('records with each status change how long the credential had been in the status it left', async () => {
    const changes = await t.db.statusChange.findMany({ orderBy: [{ credentialId: 'asc' }, { observedAt: 'asc' }] });
    for (const [i, change] of changes.entries()) {
      const previous = changes[i - 1];
      if (!change.fromStatus) expect(change.secondsInPrevious).toBeNull();
      else expect(change.secondsInPrevious, `change ${change.id}`).toBe(Math.round((change.observedAt.getTime() - previous.observedAt.getTime()) / 1000));
    }
  });

  it('counts recoveries and those within target, overall, per institution and per owner, as the rule does row by row', async () => {
    const times = await getRecoveryTimes(analyst, { from: '2026-10-22', to: '2026-11-20' }, { db: t.db, now });
    const recoveries = (await t.db.statusChange.findMany({ where: { fromStatus: { in: broken }, toStatus: { notIn: broken }, observedAt: { gte: new Date('2026-10-22T00:00:00Z') } }, include: { credential: true } })).filter(
      (r) => r.secondsInPrevious !== null,
    );
    expect(recoveries.length).toBeGreaterThan(10);
    const within = (rows: typeof recoveries) => rows.filter((r) => recoveredWithinTarget(r.fromStatus as 'BLOCKED', r.secondsInPrevious!, times.targets)).length;
    expect(times.overall).toMatchObject({ recovered: recoveries.length, withinTarget: within(recoveries) });
    expect(within(recoveries)).toBeGreaterThan(0);
    expect(within(recoveries)).toBeLessThan(recoveries.length);
    for (const group of times.byInstitution) {
      const own = recoveries.filter((r) => r.credential.institutionId === group.id);
      expect(group, group.name).toMatchObject({ recovered: own.length, withinTarget: within(own) });
    }
    for (const group of times.byOwner) {
      const own = recoveries.filter((r) => r.credential.ownerId === group.id);
      expect(group, group.name).toMatchObject({ recovered: own.length, withinTarget: within(own) });
    }
    expect(times.byOwner.reduce((sum, g) => sum + g.recovered, 0)).toBe(recoveries.length);
  });
});
