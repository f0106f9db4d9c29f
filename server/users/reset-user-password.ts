import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { hashPassword, newOneTimePassword } from '@/server/auth/passwords.ts';
import { endUserSessions } from '@/server/auth/staff-sessions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

/**
 * An Admin's reset for a staff member who lost their password: a new one-time password, shown once,
 * that lets them in once to choose their own. Their sessions end and the old password stops working.
 */
export async function resetUserPassword(actor: Actor, userId: string, options: { db?: Db; ip?: string | null } = {}): Promise<{ id: string; email: string; oneTimePassword: string }> {
  assertCan(actor, 'users.manage');
  const db = options.db ?? defaultDb;
  const oneTimePassword = newOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError('NOT_FOUND', 'No staff account has this id.');
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
    const endedSessions = await endUserSessions(tx, userId, 'passwordReset');
    await recordAuditEvent(tx, { actor, action: 'user.resetPassword', target: { type: 'user', id: userId }, details: { endedSessions }, ip: options.ip });
    return { id: user.id, email: user.email, oneTimePassword };
  });
}
