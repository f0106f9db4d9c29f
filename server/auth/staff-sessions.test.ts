import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '@/lib/domain/time.ts';
import { changePassword } from '@/server/account/change-password.ts';
import { signOutEverywhere } from '@/server/account/sign-out-everywhere.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { createUser } from '@/server/users/create-user.ts';
import { resetUserPassword } from '@/server/users/reset-user-password.ts';
import { signOutUser } from '@/server/users/sign-out-user.ts';
import { updateUser } from '@/server/users/update-user.ts';
import { signInWithPassword } from './sign-in-with-password.ts';
import { endStaffSession, openStaffSession, readLiveSession } from './staff-sessions.ts';

const admin = actorWithRole('ADMIN');
const limits = { maxAgeMs: 8 * 60 * MINUTE_MS, idleMs: 30 * MINUTE_MS };

describe.each(DATABASE_KINDS)('staff sessions on %s', (kind) => {
  let t: TestDatabase;
  let n = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await t.db.user.create({ data: { id: admin.id, email: admin.email, name: admin.name, role: admin.role } });
  });
  afterAll(() => t?.drop());

  async function staff(password = 'a long and private passphrase') {
    const email = `staff-${++n}@credops.test`;
    const user = await t.db.user.create({ data: { email, name: 'Sam Staff', role: 'ANALYST', passwordHash: await bcrypt.hash(password, 4) } });
    return { ...user, password };
  }
  const open = (userId: string, at = new Date()) => openStaffSession(t.db, { userId, method: 'password', ip: null }, at, limits);
  const live = (sessionId: string, at = new Date()) => readLiveSession(t.db, sessionId, at, limits);

  it('ends after the idle limit without requests, and at the absolute limit however busy', async () => {
    const user = await staff();
    const start = new Date('2026-12-01T08:00:00Z');
    const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE_MS);
    const busy = await open(user.id, start);
    for (let minute = 20; minute < 480; minute += 20) expect(await live(busy, at(minute))).not.toBeNull();
    expect(await live(busy, at(481))).toBeNull();
    const idle = await open(user.id, start);
    expect(await live(idle, at(29))).not.toBeNull();
    expect(await live(idle, at(29 + 31))).toBeNull();
    // Ended for good: coming back inside the limits does not revive it.
    expect(await live(idle, at(30))).toBeNull();
    expect(await t.db.staffSession.findUniqueOrThrow({ where: { id: idle } })).toMatchObject({ endReason: 'idle' });
  });

  it('asks a password sign-in in a role that requires a second factor to set one up first, and not an SSO one', async () => {
    const admin2 = await t.db.user.create({ data: { email: `admin-${++n}@credops.test`, name: 'Ad Min', role: 'ADMIN' } });
    const byPassword = await open(admin2.id);
    expect((await live(byPassword))?.mustEnrolMfa).toBe(true);
    const bySso = await openStaffSession(t.db, { userId: admin2.id, method: 'sso', ip: null }, new Date(), limits);
    expect((await live(bySso))?.mustEnrolMfa).toBe(false);
    await t.db.user.update({ where: { id: admin2.id }, data: { mfaEnabledAt: new Date() } });
    expect((await live(byPassword))?.mustEnrolMfa).toBe(false);
    const analyst = await staff();
    expect((await live(await open(analyst.id)))?.mustEnrolMfa).toBe(false);
  });

  it('is refused after signing out, while the user\'s other sessions go on', async () => {
    const user = await staff();
    const here = await open(user.id);
    const there = await open(user.id);
    expect(await endStaffSession(t.db, here, 'signOut')).toBe(true);
    expect(await live(here)).toBeNull();
    expect(await live(there)).not.toBeNull();
  });

  it('ends at deactivation and stays ended after reactivation; a role change ends it too', async () => {
    const user = await staff();
    const before = await open(user.id);
    await updateUser(admin, user.id, { active: false }, { db: t.db });
    await updateUser(admin, user.id, { active: true }, { db: t.db });
    expect(await live(before)).toBeNull();
    const afterReactivation = await open(user.id);
    await updateUser(admin, user.id, { role: 'OPERATIONS' }, { db: t.db });
    expect(await live(afterReactivation)).toBeNull();
  });

  it('signs out everywhere, for the user themselves and for an Admin on any user, auditing both', async () => {
    const user = await staff();
    const sessions = [await open(user.id), await open(user.id)];
    const self = { id: user.id, email: user.email, name: user.name, role: 'ANALYST' as const, sessionId: sessions[0], mustChangePassword: false, mustEnrolMfa: false };
    expect(await signOutEverywhere(self, { db: t.db })).toEqual({ endedSessions: 2 });
    for (const s of sessions) expect(await live(s)).toBeNull();
    const again = await open(user.id);
    expect(await signOutUser(admin, user.id, { db: t.db })).toEqual({ endedSessions: 1 });
    expect(await live(again)).toBeNull();
    expect(await t.db.auditEvent.count({ where: { targetId: user.id, action: { in: ['auth.signOutEverywhere', 'user.signOutEverywhere'] } } })).toBe(2);
  });

  it('changes a password only with the current one and a strong new one, ending the other sessions but not this one', async () => {
    const user = await staff();
    const here = await open(user.id);
    const there = await open(user.id);
    const self = { id: user.id, email: user.email, name: user.name, role: 'ANALYST' as const, sessionId: here, mustChangePassword: false, mustEnrolMfa: false };
    await expect(changePassword(self, { currentPassword: 'not it', newPassword: 'a brand new long passphrase' }, { db: t.db })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('currentPassword') });
    await expect(changePassword(self, { currentPassword: user.password, newPassword: 'password1234' }, { db: t.db })).rejects.toMatchObject({ message: expect.stringContaining('too easy to guess') });
    await expect(changePassword(self, { currentPassword: user.password, newPassword: 'short' }, { db: t.db })).rejects.toMatchObject({ message: expect.stringContaining('at least 12') });
    expect(await changePassword(self, { currentPassword: user.password, newPassword: 'violet lantern across seven harbours' }, { db: t.db })).toEqual({ endedSessions: 1 });
    expect(await live(here)).not.toBeNull();
    expect(await live(there)).toBeNull();
    expect(await signInWithPassword(t.db, { email: user.email, password: user.password, ip: '198.51.100.20' })).toBeNull();
    expect(await signInWithPassword(t.db, { email: user.email, password: 'violet lantern across seven harbours', ip: '198.51.100.20' })).not.toBeNull();
  });

  it('makes a new account\'s and a reset\'s one-time password good for one sign-in: it must be replaced, then stops working', async () => {
    const created = await createUser(admin, { email: `new-${++n}@credops.test`, name: 'New Person', role: 'ANALYST' }, { db: t.db });
    expect(await t.db.user.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ mustChangePassword: true });
    const first = await open(created.id);
    expect((await live(first))?.user.mustChangePassword).toBe(true);
    const self = { id: created.id, email: created.email, name: 'New Person', role: 'ANALYST' as const, sessionId: first, mustChangePassword: true, mustEnrolMfa: false };
    await changePassword(self, { currentPassword: created.oneTimePassword, newPassword: 'my own quiet orchard password' }, { db: t.db });
    expect((await live(first))?.user.mustChangePassword).toBe(false);
    expect(await signInWithPassword(t.db, { email: created.email, password: created.oneTimePassword, ip: '198.51.100.21' })).toBeNull();

    const reset = await resetUserPassword(admin, created.id, { db: t.db });
    expect(await live(first)).toBeNull();
    expect(await signInWithPassword(t.db, { email: created.email, password: 'my own quiet orchard password', ip: '198.51.100.22' })).toBeNull();
    expect(await signInWithPassword(t.db, { email: created.email, password: reset.oneTimePassword, ip: '198.51.100.22' })).not.toBeNull();
    expect(await t.db.user.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ mustChangePassword: true });
  });
});
