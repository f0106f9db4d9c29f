import 'server-only';
import { statusUnlockedBy, type LinkFlow } from '@/lib/domain/credential-status.ts';
import type { Actor } from '@/lib/domain/permissions.ts';
import type { CredentialFilters } from '@/lib/schemas/credentials.ts';
import { credentialConditions } from '@/server/credentials/credential-filters.ts';
import type { Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';

// Bulk sends: Operations pick credentials by the list's filters, see what will happen, confirm, and
// a runner (run-bulk-send.ts) sends each link on its own.

/** Credentials (alias c) without any contact: they get no email. */
export const NO_CONTACT = Prisma.sql`NOT EXISTS (SELECT 1 FROM "CredentialContact" cc WHERE cc."credentialId" = c.id)`;

/** The address a credential's (alias c) link goes to: its first contact's. Contacts store emails lower-case. */
export const FIRST_CONTACT_EMAIL = Prisma.sql`(SELECT ct.email FROM "CredentialContact" cc JOIN "Contact" ct ON ct.id = cc."contactId"
  WHERE cc."credentialId" = c.id ORDER BY cc."createdAt", ct.id LIMIT 1)`;

/** The list's filters narrowed to the status the flow unlocks; a filter on other statuses selects nothing. */
export async function bulkSendSelection(db: Db, actor: Actor, flow: LinkFlow, filters: Partial<CredentialFilters>, now: Date): Promise<Prisma.Sql[] | null> {
  const status = statusUnlockedBy(flow);
  if (filters.status?.length && !filters.status.includes(status)) return null;
  return credentialConditions(db, actor, { ...filters, status: [status] }, now);
}

export const whereAll = (conditions: Prisma.Sql[]) => Prisma.join(conditions, ' AND ');
