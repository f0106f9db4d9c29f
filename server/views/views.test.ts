import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions.ts';
import type { Role } from '@/lib/domain/roles.ts';
import { createViewSchema } from '@/lib/schemas/views.ts';
import { countCredentialsByStatus } from '@/server/credentials/count-credentials-by-status.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { createView } from './create-view.ts';
import { deleteView } from './delete-view.ts';
import { listViews } from './list-views.ts';
import { updateView } from './update-view.ts';

const now = new Date('2026-11-20T14:00:00Z');

describe.each(DATABASE_KINDS)('saved views, on %s', (kind) => {
  let t: TestDatabase;
  const staff: Partial<Record<Role, Actor>> = {};
  const as = (role: Role) => staff[role]!;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 200, days: 20, seed: 'views', now });
    for (const email of ['admin', 'ops', 'am', 'analyst']) {
      const user = await t.db.user.findUniqueOrThrow({ where: { email: `${email}@credops.test` } });
      staff[user.role as Role] = { id: user.id, email: user.email, name: user.name, role: user.role as Role };
    }
  });
  afterAll(() => t?.drop());

  const save = (actor: Actor, input: { name: string; query: string; shared?: boolean }) => createView(actor, createViewSchema.parse(input), { db: t.db, now });
  const names = async (actor: Actor) => (await listViews(actor, { db: t.db })).map((v) => v.name);

  it('keeps a personal view to its creator: another person neither sees nor changes it', async () => {
    const mine = await save(as('ANALYST'), { name: 'My stale ones', query: 'stale=true' });
    expect(mine).toMatchObject({ shared: false, href: '/credentials?stale=true', editable: true });
    // Kept the way the list writes it: defaults and the page position left out.
    expect((await save(as('ANALYST'), { name: 'Oldest blocked', query: '?status=BLOCKED&limit=50&cursor=abc&start=50&sort=statusChangedAt' })).query).toBe('status=BLOCKED&sort=statusChangedAt');
    expect(await names(as('ANALYST'))).toContain('My stale ones');
    expect(await names(as('ADMIN'))).not.toContain('My stale ones');
    await expect(updateView(as('ADMIN'), mine.id, { name: 'Taken over' }, { db: t.db })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteView(as('OPERATIONS'), mine.id, { db: t.db })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows a shared view to everyone with the count the list would show; only its creator or an Admin changes it', async () => {
    const shared = await save(as('OPERATIONS'), { name: 'Blocked over target', query: 'status=BLOCKED&overTarget=true', shared: true });
    const seen = (await listViews(as('ANALYST'), { db: t.db, counts: true, now })).find((v) => v.id === shared.id)!;
    const counts = await countCredentialsByStatus(as('ANALYST'), { status: ['BLOCKED'], overTarget: true }, { db: t.db, now });
    expect(seen).toMatchObject({ shared: true, editable: false, createdBy: as('OPERATIONS').name, count: counts.BLOCKED });
    await expect(updateView(as('ACCOUNT_MANAGER'), shared.id, { name: 'Mine now' }, { db: t.db })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await updateView(as('OPERATIONS'), shared.id, { name: 'Blocked > 3 days' }, { db: t.db });
    await updateView(as('ADMIN'), shared.id, { shared: false }, { db: t.db });
    expect(await names(as('ANALYST'))).not.toContain('Blocked > 3 days');
    expect(await names(as('OPERATIONS'))).toContain('Blocked > 3 days');
  });

  it('audits creating, renaming, sharing and deleting, with old and new values; a retried save is one view and one event', async () => {
    const first = await save(as('ACCOUNT_MANAGER'), { name: 'Mine, broken', query: 'owner=me&status=BLOCKED,PENDING_SCA' });
    const retried = await save(as('ACCOUNT_MANAGER'), { name: 'Mine, broken', query: 'owner=me&status=BLOCKED,PENDING_SCA' });
    expect(retried.id).toBe(first.id);
    await expect(save(as('ACCOUNT_MANAGER'), { name: 'Mine, broken', query: 'owner=me' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already have a view named "Mine, broken"') });
    await updateView(as('ACCOUNT_MANAGER'), first.id, { name: 'My broken ones', shared: true }, { db: t.db });
    await updateView(as('ACCOUNT_MANAGER'), first.id, { name: 'My broken ones', shared: true }, { db: t.db });
    await deleteView(as('ACCOUNT_MANAGER'), first.id, { db: t.db });
    const events = await t.db.auditEvent.findMany({ where: { targetType: 'view', targetId: first.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['view.create', 'view.update', 'view.delete']);
    expect(JSON.parse(events[1].details!)).toEqual({ name: { from: 'Mine, broken', to: 'My broken ones' }, shared: { from: false, to: true } });
    await expect(deleteView(as('ACCOUNT_MANAGER'), first.id, { db: t.db })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
