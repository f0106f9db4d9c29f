import 'server-only';
import type { UpdateUserInput } from '@/lib/schemas/users.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { endUserSessions } from '@/server/auth/staff-sessions.ts';

/**
 * Changes a staff member's role and/or active flag. Either ends every session of theirs, at its next
 * request: a deactivated user is out, a changed role starts afresh, and reactivating an account
 * brings none of its old sessions back. CredOps always keeps at least one active Admin.
 */
export async function updateUser(actor: Actor, userId: string, input: UpdateUserInput, options: { db?: Db; ip?: string | null } = {}) {
  assertCan(actor, 'users.manage');
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError('NOT_FOUND', 'No staff account has this id.');
    const role = input.role ?? user.role;
    const active = input.active ?? user.active;
    const losesAdmin = user.role === 'ADMIN' && user.active && (role !== 'ADMIN' || !active);
    if (losesAdmin && (await tx.user.count({ where: { role: 'ADMIN', active: true, id: { not: user.id } } })) === 0) {
      throw new AppError('CONFLICT', 'This is the last active Admin: make someone else an Admin first.');
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role, active } });
    const target = { type: 'user', id: userId };
    const ended = active !== user.active ? (active ? 'reactivated' : 'deactivated') : role !== user.role ? 'roleChanged' : null;
    if (ended) await endUserSessions(tx, userId, ended);
    if (role !== user.role) await recordAuditEvent(tx, { actor, action: 'user.changeRole', target, details: { from: user.role, to: role }, ip: options.ip });
    if (active !== user.active) await recordAuditEvent(tx, { actor, action: active ? 'user.reactivate' : 'user.deactivate', target, ip: options.ip });
    return { id: updated.id, role: updated.role, active: updated.active };
    // Serializable: two Admins demoting each other at once must not leave none.
  }, { isolationLevel: 'Serializable' });
}
