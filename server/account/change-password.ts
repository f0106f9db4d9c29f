import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import type { ChangePasswordInput } from '@/lib/schemas/account.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import type { SignedInActor } from '@/server/auth/require-actor.ts';
import { hashPassword, passwordProblem, verifyPassword } from '@/server/auth/passwords.ts';
import { endUserSessions } from '@/server/auth/staff-sessions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

/**
 * A signed-in user replaces their password: the current one proves it is them (a borrowed, unlocked
 * browser is not enough), the new one must pass the strength rule. Every other session of theirs
 * ends; this one goes on. A one-time password is replaced this way at the first sign-in.
 */
export async function changePassword(actor: SignedInActor, input: ChangePasswordInput, options: { db?: Db; ip?: string | null; now?: Date } = {}): Promise<{ endedSessions: number }> {
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash)) || !user.passwordHash) {
    throw new AppError('BAD_REQUEST', 'currentPassword: is not your current password');
  }
  if (input.newPassword === input.currentPassword) throw new AppError('BAD_REQUEST', 'newPassword: must differ from the current one');
  const problem = passwordProblem(input.newPassword, user);
  if (problem) throw new AppError('BAD_REQUEST', `newPassword: ${problem}`);
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, passwordChangedAt: now } });
    const endedSessions = await endUserSessions(tx, user.id, 'passwordChanged', now, actor.sessionId);
    await recordAuditEvent(tx, { actor, action: 'auth.changePassword', target: { type: 'user', id: user.id }, details: { endedSessions, wasOneTime: user.mustChangePassword }, ip: options.ip });
    return { endedSessions };
  });
}
