import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { endUserSessions } from '@/server/auth/staff-sessions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

/** An Admin's help for a lost authenticator: the second factor and its recovery codes are removed, and the user signs in afresh to set up a new one. */
export async function resetUserMfa(actor: Actor, userId: string, options: { db?: Db; ip?: string | null } = {}): Promise<{ id: string }> {
  assertCan(actor, 'users.manage');
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError('NOT_FOUND', 'No staff account has this id.');
    await tx.user.update({ where: { id: userId }, data: { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastTimeStep: null } });
    await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
    const endedSessions = await endUserSessions(tx, userId, 'mfaReset');
    await recordAuditEvent(tx, { actor, action: 'user.resetMfa', target: { type: 'user', id: userId }, details: { endedSessions, hadMfa: Boolean(user.mfaEnabledAt) }, ip: options.ip });
    return { id: userId };
  });
}
