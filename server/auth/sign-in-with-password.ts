import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import type { Db } from '@/server/db/client.ts';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { clearSignInFailures, recordSignInFailure, signInWait, throttleKeys, waitInWords } from './sign-in-throttle.ts';

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
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
  const passwordOk = await verifyPassword(input.password, user?.passwordHash);
  const ok = Boolean(user && user.active && user.passwordHash && passwordOk);
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
      details: ok ? { method: 'password' } : { reason: !user ? 'unknown email' : !user.active ? 'deactivated' : 'wrong password' },
      ip: input.ip,
    });
  });
  return ok ? { id: user!.id, email: user!.email, name: user!.name } : null;
}
