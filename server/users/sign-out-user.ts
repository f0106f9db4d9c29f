import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { endUserSessions } from '@/server/auth/staff-sessions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

/** An Admin ends every session of a staff member (a stolen laptop): they sign in again, nothing else changes. */
export async function signOutUser(actor: Actor, userId: string, options: { db?: Db; ip?: string | null } = {}): Promise<{ endedSessions: number }> {
  assertCan(actor, 'users.manage');
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw new AppError('NOT_FOUND', 'No staff account has this id.');
    const endedSessions = await endUserSessions(tx, userId, 'signOutEverywhere');
    await recordAuditEvent(tx, { actor, action: 'user.signOutEverywhere', target: { type: 'user', id: userId }, details: { endedSessions }, ip: options.ip });
    return { endedSessions };
  });
}
