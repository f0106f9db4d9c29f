import 'server-only';
import type { AddContactInput } from '@/lib/schemas/credentials.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { credentialIdOf } from './credential-id-of.ts';

/**
 * Links a contact to a credential, reusing the company's existing contact with that email (one
 * person, many credentials). Adding the same email again is a no-op, so a retry never duplicates.
 */
export async function addCredentialContact(actor: Actor, token: string, input: AddContactInput, options: { db?: Db; ip?: string | null } = {}) {
  assertCan(actor, 'credentials.edit');
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const credentialId = await credentialIdOf(tx, token);
    const contact = (await tx.contact.findFirst({ where: { email: input.email }, orderBy: { id: 'asc' } })) ?? (await tx.contact.create({ data: input }));
    const key = { credentialId_contactId: { credentialId, contactId: contact.id } };
    if (await tx.credentialContact.findUnique({ where: key })) return { id: contact.id, name: contact.name, email: contact.email };
    await tx.credentialContact.create({ data: { credentialId, contactId: contact.id } });
    await recordAuditEvent(tx, { actor, action: 'credential.addContact', target: { type: 'credential', id: token }, details: { contactId: contact.id, email: contact.email }, ip: options.ip });
    return { id: contact.id, name: contact.name, email: contact.email };
  });
}
