import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { matchSsoUser } from './match-sso-user.ts';
import { generate } from 'otplib';
import { MFA_CODE_REQUIRED } from '@/lib/domain/mfa.ts';
import { issueRecoveryCodes, newTotpSecret, sealSecret } from './mfa.ts';
import { BCRYPT_COST } from './passwords.ts';
import { SIGN_IN_THROTTLE } from './sign-in-throttle.ts';
import { signInWithPassword } from './sign-in-with-password.ts';

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

  const attempt = (email: string, password: string, ip: string | null, at: Date) => signInWithPassword(t.db, { email, password, ip }, at);

  it('cannot be turned against a victim: failures from an attacker\'s address never lock the account out of its owner\'s', async () => {
    const attacker = '203.0.113.50';
    for (let i = 0; i < 20; i++) await attempt('bea@credops.test', 'wrong', attacker, minutesLater(1)).catch(() => null);
    await expect(attempt('bea@credops.test', 'right-password', attacker, minutesLater(1))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect((await attempt('bea@credops.test', 'right-password', '198.51.100.7', minutesLater(1)))?.email).toBe('bea@credops.test');
  });

  it(`slows one address guessing one account after ${SIGN_IN_THROTTLE.freePerAccountAndAddress} failures, with delays that double, and forgets them after a success`, async () => {
    const ip = '192.0.2.33';
    const at = (seconds: number) => new Date(minutesLater(100).getTime() + seconds * 1000);
    for (let i = 0; i < SIGN_IN_THROTTLE.freePerAccountAndAddress; i++) expect(await attempt('ana@credops.test', 'wrong', ip, at(i))).toBeNull();
    const last = SIGN_IN_THROTTLE.freePerAccountAndAddress - 1;
    await expect(attempt('ana@credops.test', 'right-password', ip, at(last + 10))).rejects.toMatchObject({ message: expect.stringMatching(/Try again in \d+ seconds/) });
    // The first delay has passed: one more wrong guess, and the next wait is twice as long.
    const first = last + SIGN_IN_THROTTLE.firstDelaySeconds + 1;
    expect(await attempt('ana@credops.test', 'wrong', ip, at(first))).toBeNull();
    await expect(attempt('ana@credops.test', 'right-password', ip, at(first + SIGN_IN_THROTTLE.firstDelaySeconds + 1))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const second = first + 2 * SIGN_IN_THROTTLE.firstDelaySeconds + 1;
    expect((await attempt('ana@credops.test', 'right-password', ip, at(second)))?.email).toBe('ana@credops.test');
    // The success cleared the count: a typo now is just a typo.
    expect(await attempt('ana@credops.test', 'wrong', ip, at(second + 1))).toBeNull();
    expect(await attempt('ana@credops.test', 'right-password', ip, at(second + 2))).not.toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: 'auth.signInRateLimited' } })).toBeGreaterThanOrEqual(2);
  });

  it(`slows one address trying many accounts after ${SIGN_IN_THROTTLE.freePerAddress} failures, and no other address`, async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < SIGN_IN_THROTTLE.freePerAddress; i++) await attempt(`guess${i}@credops.test`, 'x', ip, minutesLater(200));
    await expect(attempt('ana@credops.test', 'right-password', ip, minutesLater(200))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await attempt('ana@credops.test', 'right-password', '198.51.100.1', minutesLater(200))).not.toBeNull();
    expect(await attempt('ana@credops.test', 'right-password', ip, minutesLater(200 + SIGN_IN_THROTTLE.windowMinutes + 1))).not.toBeNull();
  });

  it(`rehashes a password stored at another cost with cost ${BCRYPT_COST} at its next sign-in`, async () => {
    await t.db.user.create({ data: { email: 'old@credops.test', name: 'Old', role: 'ANALYST', passwordHash: await bcrypt.hash('right-password', 4) } });
    expect(await attempt('old@credops.test', 'right-password', '198.51.100.2', minutesLater(300))).not.toBeNull();
    const after = await t.db.user.findUniqueOrThrow({ where: { email: 'old@credops.test' } });
    expect(bcrypt.getRounds(after.passwordHash!)).toBe(BCRYPT_COST);
    expect(await bcrypt.compare('right-password', after.passwordHash!)).toBe(true);
  });

  it('asks a user with a second factor for a code after the right password, accepts each code once, and a recovery code once', async () => {
    const { secret } = newTotpSecret('mfa@credops.test');
    const user = await t.db.user.create({
      data: { email: 'mfa@credops.test', name: 'Mo', role: 'ADMIN', passwordHash: await bcrypt.hash('right-password', 4), mfaSecret: sealSecret(secret), mfaEnabledAt: now },
    });
    const [recovery] = await t.db.$transaction((tx) => issueRecoveryCodes(tx, user.id));
    const ip = '198.51.100.30';
    const at = minutesLater(400);
    const code = await generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
    await expect(signInWithPassword(t.db, { email: user.email, password: 'right-password', ip }, at)).rejects.toMatchObject({ message: MFA_CODE_REQUIRED });
    // A wrong password is "wrong email or password", whatever the code: the form never learns more.
    expect(await signInWithPassword(t.db, { email: user.email, password: 'wrong', ip, code }, at)).toBeNull();
    expect(await signInWithPassword(t.db, { email: user.email, password: 'right-password', ip, code: '000000' }, at)).toBeNull();
    expect(await signInWithPassword(t.db, { email: user.email, password: 'right-password', ip, code }, at)).not.toBeNull();
    expect(await signInWithPassword(t.db, { email: user.email, password: 'right-password', ip, code }, at)).toBeNull();
    expect(await signInWithPassword(t.db, { email: user.email, password: 'right-password', ip, code: recovery.toLowerCase().replace('-', ' ') }, at)).not.toBeNull();
    expect(await signInWithPassword(t.db, { email: user.email, password: 'right-password', ip, code: recovery }, at)).toBeNull();
    const reasons = (await t.db.auditEvent.findMany({ where: { actorEmail: user.email, action: 'auth.signInFailed' } })).map((e) => JSON.parse(e.details!).reason);
    expect(reasons).toEqual(['wrong password', 'wrong second factor', 'wrong second factor', 'wrong second factor']);
  });

  it('lets single sign-on in only as an existing, active staff account whose address the provider verified, auditing the address', async () => {
    const verified = { emailVerified: true };
    expect(await matchSsoUser(t.db, 'ANA@credops.test', '198.51.100.4', verified)).not.toBeNull();
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'auth.signIn' }, orderBy: { id: 'desc' } });
    expect(event).toMatchObject({ actorEmail: 'ana@credops.test', ip: '198.51.100.4' });
    expect(await matchSsoUser(t.db, 'ana@credops.test', null, { emailVerified: false })).toBeNull();
    expect(await matchSsoUser(t.db, 'stranger@example.com', null, verified)).toBeNull();
    expect(await matchSsoUser(t.db, 'gone@credops.test', null, verified)).toBeNull();
    expect(await matchSsoUser(t.db, undefined, null, verified)).toBeNull();
    const refused = await t.db.auditEvent.findMany({ where: { action: 'auth.signInFailed', details: { contains: 'sso' } }, orderBy: { id: 'asc' } });
    expect(refused.map((e) => JSON.parse(e.details!).reason)).toEqual(['email not verified by the identity provider', 'no staff account', 'deactivated', 'no staff account']);
  });
});
