import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { signInWithPassword } from '@/server/auth/sign-in-with-password.ts';
import { createUser } from './create-user.ts';
import { listUsers } from './list-users.ts';
import { updateUser } from './update-user.ts';

describe.each(DATABASE_KINDS)('managing staff on %s', (kind) => {
  let t: TestDatabase;
  let admin: ReturnType<typeof actorWithRole>;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const row = await t.db.user.create({ data: { email: 'root@credops.test', name: 'Root', role: 'ADMIN' } });
    admin = { ...actorWithRole('ADMIN'), id: row.id, email: row.email };
  });
  afterAll(() => t?.drop());

  it('creates an account whose one-time password works once handed over, and refuses the same email twice', async () => {
    const created = await createUser(admin, { email: 'new@credops.test', name: 'New', role: 'ANALYST' }, { db: t.db });
    expect(created.oneTimePassword.length).toBeGreaterThanOrEqual(16);
    expect(await signInWithPassword(t.db, { email: 'new@credops.test', password: created.oneTimePassword, ip: null })).not.toBeNull();
    await expect(createUser(admin, { email: 'new@credops.test', name: 'Again', role: 'ADMIN' }, { db: t.db })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await listUsers(admin, { db: t.db })).filter((u) => u.email === 'new@credops.test')).toHaveLength(1);
  });

  it('never demotes or deactivates the last active Admin', async () => {
    await expect(updateUser(admin, admin.id, { role: 'OPERATIONS' }, { db: t.db })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateUser(admin, admin.id, { active: false }, { db: t.db })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('last active Admin') });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('ADMIN');
  });

  it('lets an Admin step down once another active Admin exists', async () => {
    const other = await createUser(admin, { email: 'second@credops.test', name: 'Second', role: 'ADMIN' }, { db: t.db });
    await updateUser(admin, admin.id, { role: 'OPERATIONS' }, { db: t.db });
    await expect(updateUser(admin, other.id, { active: false }, { db: t.db })).rejects.toMatchObject({ code: 'CONFLICT' });
    await updateUser(admin, admin.id, { role: 'ADMIN' }, { db: t.db });
  });

  it('deactivates and reactivates; a deactivated account cannot sign in', async () => {
    const user = await createUser(admin, { email: 'leaver@credops.test', name: 'Leaver', role: 'ACCOUNT_MANAGER' }, { db: t.db });
    await updateUser(admin, user.id, { active: false }, { db: t.db });
    expect(await signInWithPassword(t.db, { email: 'leaver@credops.test', password: user.oneTimePassword, ip: null })).toBeNull();
    await updateUser(admin, user.id, { active: true }, { db: t.db });
    expect(await signInWithPassword(t.db, { email: 'leaver@credops.test', password: user.oneTimePassword, ip: null })).not.toBeNull();
  });

  it('writes one audit event per change, in the same transaction, with the actor and the target', async () => {
    const user = await createUser(admin, { email: 'audited@credops.test', name: 'Audited', role: 'ANALYST' }, { db: t.db, ip: '192.0.2.7' });
    await updateUser(admin, user.id, { role: 'OPERATIONS', active: false }, { db: t.db });
    await updateUser(admin, user.id, { active: true }, { db: t.db });
    const events = await t.db.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['user.create', 'user.changeRole', 'user.deactivate', 'user.reactivate']);
    expect(events.every((e) => e.actorId === admin.id)).toBe(true);
    expect(events[0].ip).toBe('192.0.2.7');
    expect(JSON.parse(events[1].details!)).toEqual({ from: 'ANALYST', to: 'OPERATIONS' });
  });

  it('refuses every staff change to a role without users.manage, before touching anything', async () => {
    for (const role of ['ANALYST', 'ACCOUNT_MANAGER', 'OPERATIONS'] as const) {
      await expect(createUser(actorWithRole(role), { email: `x-${role}@credops.test`, name: 'X', role: 'ADMIN' }, { db: t.db })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(updateUser(actorWithRole(role), admin.id, { active: false }, { db: t.db })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await t.db.user.count({ where: { email: { startsWith: 'x-' } } })).toBe(0);
  });
});
