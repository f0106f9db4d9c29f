import 'server-only';
import type { UpdateCredentialInput } from '@/lib/schemas/credentials.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { findActiveOwner } from './find-active-owner.ts';
import { CounterDeltas } from './status-counters.ts';

/** Changes the owner and/or the notes of a credential. Sending the same values again changes nothing. */
export async function updateCredential(actor: Actor, token: string, input: UpdateCredentialInput, options: { db?: Db; ip?: string | null } = {}) {
  assertCan(actor, 'credentials.edit');
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const credential = await tx.credential.findUnique({ where: { token } });
    if (!credential) throw new AppError('NOT_FOUND', 'No credential has this token.');
    const target = { type: 'credential', id: token };
    if (input.ownerId !== undefined && input.ownerId !== credential.ownerId) {
      await findActiveOwner(tx, input.ownerId);
      await tx.credential.update({ where: { id: credential.id }, data: { ownerId: input.ownerId } });
      // The count cards are kept per owner: move this credential between owners in the same transaction.
      const counters = new CounterDeltas();
      counters.add(credential.institutionId, credential.ownerId, credential.status, -1);
      counters.add(credential.institutionId, input.ownerId, credential.status, 1);
      await counters.apply(tx);
      await recordAuditEvent(tx, { actor, action: 'credential.changeOwner', target, details: { from: credential.ownerId, to: input.ownerId }, ip: options.ip });
    }
    if (input.notes !== undefined && (input.notes || null) !== credential.notes) {
      await tx.credential.update({ where: { id: credential.id }, data: { notes: input.notes || null } });
      await recordAuditEvent(tx, { actor, action: 'credential.editNotes', target, ip: options.ip });
    }
    return { token };
  });
}
