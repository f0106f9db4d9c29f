import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions.ts';
import { createDb, type Db } from '@/server/db/client.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { loadSimulator, saveSimulator } from '@/server/flanks/simulator/simulator-store.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { getAssignment } from './get-assignment.ts';
import { previewAssignment } from './preview-assignment.ts';
import { runAssignment } from './run-assignment.ts';
import { startAssignment } from './start-assignment.ts';

const now = new Date('2026-11-20T14:00:00Z');
const blockedFilter = { status: ['BLOCKED' as const], institution: [], stale: false, overTarget: false, recurring: false, q: undefined };

describe.each(DATABASE_KINDS)('bulk assignment, on %s', (kind) => {
  let t: TestDatabase;
  // On PostgreSQL the ingestion has its own client, as another process would.
  let other: Db;
  let operations: Actor;
  let manager: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 400, days: 20, seed: 'assign', now });
    other = kind === 'postgresql' ? createDb(t.url) : t.db;
    const ops = await t.db.user.findUniqueOrThrow({ where: { email: 'ops@credops.test' } });
    operations = { id: ops.id, email: ops.email, name: ops.name, role: 'OPERATIONS' };
    manager = await t.db.user.findFirstOrThrow({ where: { role: 'ACCOUNT_MANAGER', active: true }, orderBy: { email: 'asc' }, select: { id: true, name: true } });
  });
  afterAll(async () => {
    if (other !== t?.db) await other?.$disconnect();
    await t?.drop();
  });

  async function expectCountersExact() {
    const counters = await t.db.statusCounter.findMany({ where: { count: { not: 0 } } });
    const actual = await t.db.credential.groupBy({ by: ['institutionId', 'ownerId', 'status'], _count: { _all: true } });
    const key = (i: string, o: string | null, s: string) => `${i}|${o ?? ''}|${s}`;
    expect(new Map(counters.map((c) => [key(c.institutionId, c.ownerKey, c.status), c.count]))).toEqual(new Map(actual.map((a) => [key(a.institutionId, a.ownerId, a.status), a._count._all])));
  }

  it('previews how many a filter hands over and from whom; only Operations and up may', async () => {
    const preview = await previewAssignment(operations, blockedFilter, manager.id, { db: t.db, now });
    const blocked = await t.db.credential.findMany({ where: { status: 'BLOCKED' }, select: { ownerId: true } });
    expect(preview.total).toBe(blocked.length);
    expect(preview.from.reduce((sum, g) => sum + g.count, 0)).toBe(blocked.length);
    expect(preview.unchanged).toBe(blocked.filter((b) => b.ownerId === manager.id).length);
    await expect(previewAssignment(actorWithRole('ACCOUNT_MANAGER'), blockedFilter, manager.id, { db: t.db, now })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('assigns picked rows, answering each one, with an audit event per credential that changed hands', async () => {
    const picked = await t.db.credential.findMany({ where: { NOT: { ownerId: manager.id } }, orderBy: { id: 'asc' }, take: 3, select: { token: true, ownerId: true } });
    const { id } = await startAssignment(operations, { ownerId: manager.id, tokens: picked.map((p) => p.token) }, { db: t.db, now });
    await runAssignment(id, { db: t.db });
    const progress = await getAssignment(operations, id, { db: t.db });
    expect(progress).toMatchObject({ total: 3, processed: 3, results: { ASSIGNED: 3 }, owner: manager });
    expect(progress.items?.map((i) => i.token).sort()).toEqual(picked.map((p) => p.token).sort());
    expect(await t.db.credential.count({ where: { token: { in: picked.map((p) => p.token) }, ownerId: manager.id } })).toBe(3);
    const audited = await t.db.auditEvent.findMany({ where: { action: 'credential.changeOwner', targetId: { in: picked.map((p) => p.token) } } });
    expect(audited).toHaveLength(3);
    expect(JSON.parse(audited[0].details!)).toMatchObject({ to: manager.id, assignment: id });
    await expectCountersExact();

    // The same request again changes nothing and audits nothing more.
    const again = await startAssignment(operations, { ownerId: manager.id, tokens: picked.map((p) => p.token) }, { db: t.db, now });
    await runAssignment(again.id, { db: t.db });
    expect((await getAssignment(operations, again.id, { db: t.db })).results).toEqual({ UNCHANGED: 3 });
    expect(await t.db.auditEvent.count({ where: { action: 'credential.changeOwner', targetId: { in: picked.map((p) => p.token) } } })).toBe(3);
  });

  it('refuses an unknown token, an unknown or deactivated owner, and a role below Operations, with a clear message', async () => {
    const [one] = await t.db.credential.findMany({ take: 1, select: { token: true } });
    const before = await t.db.assignment.count();
    await expect(startAssignment(operations, { ownerId: manager.id, tokens: [one.token, 'no-such-token'] }, { db: t.db, now })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('no-such-token') });
    await expect(startAssignment(operations, { ownerId: 'nobody', tokens: [one.token] }, { db: t.db, now })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'ownerId: no staff member has this id' });
    const gone = await t.db.user.create({ data: { email: 'gone@credops.test', name: 'Gone Person', role: 'ACCOUNT_MANAGER', active: false } });
    await expect(startAssignment(operations, { ownerId: gone.id, tokens: [one.token] }, { db: t.db, now })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Gone Person is deactivated') });
    await expect(startAssignment(actorWithRole('ACCOUNT_MANAGER'), { ownerId: manager.id, tokens: [one.token] }, { db: t.db, now })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await t.db.assignment.count()).toBe(before);
  });

  it('refuses "all matching" when the filter now matches another count than the preview showed, and keeps nothing of it', async () => {
    const { total } = await previewAssignment(operations, blockedFilter, null, { db: t.db, now });
    const before = await t.db.assignment.count();
    await expect(startAssignment(operations, { ownerId: null, filter: blockedFilter, expectedCount: total + 2 }, { db: t.db, now })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`now matches ${total} credentials, not the ${total + 2} the preview showed`),
    });
    expect(await t.db.assignment.count()).toBe(before);
  });

  it('assigns everything a filter matches while the ingestion moves the same credentials, and the counters stay exact', async () => {
    // Credentials the simulator is about to block: the ingestion locks and moves them as the assignment does.
    const sim = await loadSimulator(other, 'assign-race');
    const turning = [...sim.credentials.values()].filter((c) => !c.blocked && !c.pending && !c.scaToken).slice(0, 60);
    for (const c of turning) {
      c.blocked = true;
      c.resetToken = `reset-${c.token}`;
      sim.changed.add(c.token);
    }
    await saveSimulator(other, sim);
    const everything = { ...blockedFilter, status: [] };
    const { total } = await previewAssignment(operations, everything, manager.id, { db: t.db, now });
    const key = 'assign-everything-01';
    const { id } = await startAssignment(operations, { ownerId: manager.id, filter: everything, expectedCount: total }, { db: t.db, now, idempotencyKey: key });
    expect((await startAssignment(operations, { ownerId: manager.id, filter: everything, expectedCount: total }, { db: t.db, now, idempotencyKey: key })).id).toBe(id);

    await Promise.all([runAssignment(id, { db: t.db }), pollFlanks(other, await loadSimulator(other, 'assign-race'), new Date(now.getTime() + 3_600_000)), runAssignment(id, { db: t.db })]);

    const progress = await getAssignment(operations, id, { db: t.db });
    expect(progress.finishedAt).not.toBeNull();
    expect(progress.processed).toBe(total);
    expect(progress.items).toBeUndefined();
    expect(await t.db.credential.count({ where: { NOT: { ownerId: manager.id } } })).toBe(0);
    expect(await t.db.credential.count({ where: { status: 'BLOCKED', token: { in: turning.map((c) => c.token) } } })).toBe(turning.length);
    await expectCountersExact();
    expect(await t.db.auditEvent.count({ where: { action: 'credential.changeOwner', details: { contains: id } } })).toBe(progress.results.ASSIGNED);
  });
});
