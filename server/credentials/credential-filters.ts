import 'server-only';
import type { CredentialFilters } from '@/lib/schemas/credentials.ts';
import type { Prisma } from '@/server/db/generated/sqlite/client.ts';
import type { Db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import { findContactIds } from './find-contacts.ts';
import { staleCutoff } from './staleness.ts';

/** Starts with `prefix`, as a range the column's b-tree index can answer (LIKE 'x%' often cannot). */
const startsWith = (prefix: string) => ({ gte: prefix, lt: `${prefix}\uffff` });

/**
 * The WHERE clause shared by the list, the counts and the export, so they never disagree. Free text
 * matches the start of a token or an external reference, or contacts found by the trigram index.
 */
export async function credentialWhere(
  db: Db,
  filters: Partial<CredentialFilters>,
  now: Date,
  options: { ignoreStatus?: boolean } = {},
): Promise<Prisma.CredentialWhereInput> {
  const and: Prisma.CredentialWhereInput[] = [];
  if (!options.ignoreStatus && filters.status?.length) and.push({ status: { in: filters.status } });
  if (filters.institution?.length) and.push({ institutionId: { in: filters.institution } });
  if (filters.owner) and.push({ ownerId: filters.owner === 'none' ? null : filters.owner });
  if (filters.stale) {
    // Stale = supposed to refresh daily (not Pending SCA, not Blocked) and data older than the threshold.
    and.push({ status: { in: ['PENDING', 'ACTIVE'] }, dataAsOf: { lt: staleCutoff(now, env.STALE_AFTER_HOURS) } });
  }
  if (filters.createdFrom) and.push({ createdAt: { gte: new Date(`${filters.createdFrom}T00:00:00Z`) } });
  if (filters.createdTo) and.push({ createdAt: { lt: new Date(Date.parse(`${filters.createdTo}T00:00:00Z`) + 86_400_000) } });
  if (filters.q) {
    const q = filters.q;
    const contactIds = await findContactIds(db, q);
    and.push({
      OR: [
        { token: startsWith(q.toLowerCase()) },
        { externalReference: startsWith(q) },
        { externalReference: startsWith(q.toUpperCase()) },
        ...(contactIds.length ? [{ contacts: { some: { contactId: { in: contactIds } } } }] : []),
      ],
    });
  }
  return and.length ? { AND: and } : {};
}
