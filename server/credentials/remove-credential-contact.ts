import 'server-only';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { credentialIdOf } from './credential-id-of.ts';

/** Unlinks a contact from a credential (the contact stays, for its other credentials). Idempotent. */
export async function removeCredentialContact(actor: Actor, token: string, contactId: number, options: { db?: Db; ip?: string | null } = {}) {
  assertCan(actor, 'credentials.edit');
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const credentialId = await credentialIdOf(tx, token);
    const removed = await tx.credentialContact.deleteMany({ where: { credentialId, contactId } });
    if (removed.count > 0) {
      await recordAuditEvent(tx, { actor, action: 'credential.removeContact', target: { type: 'credential', id: token }, details: { contactId }, ip: options.ip });
    }
    return { removed: removed.count > 0 };
  });
}
