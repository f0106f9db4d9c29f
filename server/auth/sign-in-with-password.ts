import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import type { Db } from '@/server/db/client.ts';
import { MFA_CODE_REQUIRED } from '@/lib/domain/mfa.ts';
import { checkSecondFactor } from './mfa.ts';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { clearSignInFailures, recordSignInFailure, signInWait, throttleKeys, waitInWords } from './sign-in-throttle.ts';

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
  /** The second factor, for a user who set one up: a TOTP code or a recovery code. */
  code?: string;
}

/**
 * Checks an email and password. Failures slow down the address that fails (sign-in-throttle.ts),
 * never the account everywhere; every attempt is audited. A hash made at an older cost is redone
 * with the password just proved.
 */
export async function signInWithPassword(db: Db, input: SignInInput, now: Date = new Date()) {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, input.ip);
  const wait = await signInWait(db, keys, now);
  if (wait > 0) {
    await db.$transaction((tx) => recordAuditEvent(tx, { actor: { id: null, email }, action: 'auth.signInRateLimited', target: { type: 'user' }, ip: input.ip }));
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins from here. Try again in ${waitInWords(wait)}.`);
  }

  const user = await db.user.findUnique({ where: { email } });
  const passwordMatches = await verifyPassword(input.password, user?.passwordHash);
  const passwordOk = Boolean(user && user.active && user.passwordHash && passwordMatches);
  const needsSecondFactor = passwordOk && Boolean(user!.mfaEnabledAt && user!.mfaSecret);
  // The right password without a code is neither a success nor a failure: the form asks for the code.
  if (needsSecondFactor && !input.code?.trim()) throw new AppError('UNAUTHENTICATED', MFA_CODE_REQUIRED);
  const secondFactorOk = !needsSecondFactor || (await checkSecondFactor(db, user!, input.code!, now));
  const ok = passwordOk && secondFactorOk;
  const rehashed = ok && needsRehash(user!.passwordHash!) ? await hashPassword(input.password) : null;
  await db.$transaction(async (tx) => {
    if (ok) {
      await clearSignInFailures(tx, keys);
      await tx.user.update({ where: { id: user!.id }, data: { lastSignInAt: now, ...(rehashed ? { passwordHash: rehashed } : {}) } });
    } else {
      await recordSignInFailure(tx, keys, now);
    }
    await recordAuditEvent(tx, {
      actor: ok ? { id: user!.id, email } : { id: null, email },
      action: ok ? 'auth.signIn' : 'auth.signInFailed',
      target: { type: 'user', id: user?.id },
      details: ok
        ? { method: needsSecondFactor ? 'password+totp' : 'password' }
        : { reason: !user ? 'unknown email' : !user.active ? 'deactivated' : !passwordOk ? 'wrong password' : 'wrong second factor' },
      ip: input.ip,
    });
  });
  return ok ? { id: user!.id, email: user!.email, name: user!.name } : null;
}
