import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { matchSsoUser } from './match-sso-user.ts';
import { SIGN_IN_LIMIT, signInWithPassword } from './sign-in-with-password.ts';

describe.each(DATABASE_KINDS)('signing in on %s', (kind) => {
  let t: TestDatabase;
  const now = new Date('2026-11-25T10:00:00Z');
  const minutesLater = (m: number) => new Date(now.getTime() + m * 60_000);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    const passwordHash = await bcrypt.hash('right-password', 4);
    await t.db.user.createMany({
      data: [
        { email: 'ana@credops.test', name: 'Ana', role: 'ANALYST', passwordHash },
        { email: 'bea@credops.test', name: 'Bea', role: 'ANALYST', passwordHash },
        { email: 'gone@credops.test', name: 'Gone', role: 'ADMIN', passwordHash, active: false },
      ],
    });
  });
  afterAll(() => t?.drop());

  it('lets the right password in and audits the sign-in', async () => {
    const user = await signInWithPassword(t.db, { email: ' Ana@credops.test ', password: 'right-password', ip: '10.0.0.1' }, now);
    expect(user?.email).toBe('ana@credops.test');
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'auth.signIn' }, orderBy: { id: 'desc' } });
    expect(event).toMatchObject({ actorEmail: 'ana@credops.test', ip: '10.0.0.1' });
  });

  it('refuses a wrong password, an unknown email and a deactivated account alike, auditing each', async () => {
    for (const email of ['ana@credops.test', 'nobody@credops.test', 'gone@credops.test']) {
      const password = email === 'gone@credops.test' ? 'right-password' : 'wrong';
      expect(await signInWithPassword(t.db, { email, password, ip: null }, now)).toBeNull();
    }
    const failed = await t.db.auditEvent.findMany({ where: { action: 'auth.signInFailed' } });
    expect(failed.map((e) => JSON.parse(e.details!).reason).sort()).toEqual(['deactivated', 'unknown email', 'wrong password']);
  });

  it(`locks an account after ${SIGN_IN_LIMIT.failures} failures in ${SIGN_IN_LIMIT.windowMinutes} minutes, even for the right password, then lets it in again`, async () => {
    for (let i = 0; i < SIGN_IN_LIMIT.failures; i++) await signInWithPassword(t.db, { email: 'bea@credops.test', password: 'wrong', ip: null }, minutesLater(1));
    await expect(signInWithPassword(t.db, { email: 'bea@credops.test', password: 'right-password', ip: null }, minutesLater(2))).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('Too many failed sign-ins'),
    });
    expect(await t.db.auditEvent.count({ where: { action: 'auth.signInRateLimited' } })).toBe(1);
    const later = await signInWithPassword(t.db, { email: 'bea@credops.test', password: 'right-password', ip: null }, minutesLater(SIGN_IN_LIMIT.windowMinutes + 2));
    expect(later?.email).toBe('bea@credops.test');
  });

  it('limits one address trying many accounts', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < SIGN_IN_LIMIT.failures; i++) await signInWithPassword(t.db, { email: `guess${i}@credops.test`, password: 'x', ip }, minutesLater(30));
    await expect(signInWithPassword(t.db, { email: 'ana@credops.test', password: 'right-password', ip }, minutesLater(31))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await signInWithPassword(t.db, { email: 'ana@credops.test', password: 'right-password', ip: '198.51.100.1' }, minutesLater(31))).not.toBeNull();
  });

  it('lets single sign-on in only as an existing, active staff account', async () => {
    expect(await matchSsoUser(t.db, 'ANA@credops.test')).not.toBeNull();
    expect(await matchSsoUser(t.db, 'stranger@example.com')).toBeNull();
    expect(await matchSsoUser(t.db, 'gone@credops.test')).toBeNull();
    expect(await matchSsoUser(t.db, undefined)).toBeNull();
  });
});
