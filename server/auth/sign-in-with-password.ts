import 'server-only';
import bcrypt from 'bcryptjs';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import type { Db } from '@/server/db/client.ts';
import { AppError } from '@/lib/domain/app-error.ts';

export const SIGN_IN_LIMIT = { failures: 5, windowMinutes: 15 };
// A real bcrypt hash of a random string: unknown emails cost as much as known ones.
const DUMMY_HASH = '$2b$10$.8rwPjjPa3V25sI/KHysR.RflDYW6Upj7QEAP6jOrEFWqkBu99vMu';

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
}

/**
 * Checks an email and password. Failed attempts are limited per account and per IP address
 * (stored in the database, so a restart does not reset them); every attempt is audited.
 */
export async function signInWithPassword(db: Db, input: SignInInput, now: Date = new Date()) {
  const email = input.email.trim().toLowerCase();
  const keys = [`email:${email}`, ...(input.ip ? [`ip:${input.ip}`] : [])];
  const since = new Date(now.getTime() - SIGN_IN_LIMIT.windowMinutes * 60_000);
  const failures = await db.signInAttempt.groupBy({
    by: ['key'],
    where: { key: { in: keys }, succeeded: false, createdAt: { gte: since } },
    _count: { _all: true },
  });
  if (failures.some((f) => f._count._all >= SIGN_IN_LIMIT.failures)) {
    await db.$transaction((tx) => recordAuditEvent(tx, { actor: { id: null, email }, action: 'auth.signInRateLimited', target: { type: 'user' }, ip: input.ip }));
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins. Try again in ${SIGN_IN_LIMIT.windowMinutes} minutes.`);
  }

  const user = await db.user.findUnique({ where: { email } });
  const passwordOk = await bcrypt.compare(input.password, user?.passwordHash ?? DUMMY_HASH);
  const ok = Boolean(user && user.active && user.passwordHash && passwordOk);
  await db.$transaction(async (tx) => {
    await tx.signInAttempt.createMany({ data: keys.map((key) => ({ key, succeeded: ok, createdAt: now })) });
    if (ok) await tx.user.update({ where: { id: user!.id }, data: { lastSignInAt: now } });
    await recordAuditEvent(tx, {
      actor: ok ? { id: user!.id, email } : { id: null, email },
      action: ok ? 'auth.signIn' : 'auth.signInFailed',
      target: { type: 'user', id: user?.id },
      details: ok ? undefined : { reason: !user ? 'unknown email' : !user.active ? 'deactivated' : 'wrong password' },
      ip: input.ip,
    });
  });
  return ok ? { id: user!.id, email: user!.email, name: user!.name } : null;
}
