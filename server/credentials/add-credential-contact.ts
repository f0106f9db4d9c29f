import 'server-only';
import type { AddContactInput } from '@/lib/schemas/credentials.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { credentialIdOf } from './credential-id-of.ts';

/**
 * Links a contact to a credential, reusing the company's existing contact with that email (one
 * person, many credentials). Adding the same email again is a no-op, so a retry never duplicates;
 * a language or time zone given for an existing contact updates theirs (one person, one language).
 */
export async function addCredentialContact(actor: Actor, token: string, input: AddContactInput, options: { db?: Db; ip?: string | null } = {}) {
  assertCan(actor, 'credentials.edit');
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const credentialId = await credentialIdOf(tx, token);
    const existing = await tx.contact.findFirst({ where: { email: input.email }, orderBy: { id: 'asc' } });
    const locale = { ...(input.language && { language: input.language }), ...(input.timeZone && { timeZone: input.timeZone }) };
    const localeChanged = existing !== null && Object.entries(locale).some(([k, v]) => existing[k as keyof typeof locale] !== v);
    const contact = existing
      ? localeChanged
        ? await tx.contact.update({ where: { id: existing.id }, data: locale })
        : existing
      : await tx.contact.create({ data: input });
    const answer = { id: contact.id, name: contact.name, email: contact.email, language: contact.language, timeZone: contact.timeZone };
    const key = { credentialId_contactId: { credentialId, contactId: contact.id } };
    const linked = await tx.credentialContact.findUnique({ where: key });
    if (linked && !localeChanged) return answer;
    if (!linked) await tx.credentialContact.create({ data: { credentialId, contactId: contact.id } });
    await recordAuditEvent(tx, {
      actor,
      action: 'credential.addContact',
      target: { type: 'credential', id: token },
      details: { contactId: contact.id, email: contact.email, ...locale, ...(linked && { updatedOnly: true }) },
      ip: options.ip,
    });
    return answer;
  });
}
