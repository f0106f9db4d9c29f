import 'server-only';
import type { CredentialStatus } from '@/lib/domain/credential-status.ts';
import { maskEmail } from '@/lib/domain/mask-email.ts';
import { isOverTarget, type RecoveryTargets } from '@/lib/domain/recovery-targets.ts';
import { can, type Actor } from '@/lib/domain/permissions.ts';
import type { CredentialListItem } from '@/lib/schemas/credentials.ts';
import type { Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { env } from '@/server/env.ts';
import { isStale } from './staleness.ts';

/** A credential as the list, the export and the detail page read it. */
export interface CredentialRow {
  id: number;
  token: string;
  status: string;
  lastUpdatedAt: Date | null;
  dataAsOf: Date;
  lastAttemptAt: Date | null;
  lastAttemptOutcome: string | null;
  statusChangedAt: Date;
  createdAt: Date;
  attentionAt: Date;
  partialData: boolean;
  recurring: boolean;
  externalReference: string | null;
  institution: { id: string; name: string };
  owner: { id: string; name: string } | null;
  contacts: { id: number; name: string; email: string; language: string | null; timeZone: string | null }[];
}

/** A row as the API shows it to this actor: contact emails masked unless their role may read them. */
export function toListItem(row: CredentialRow, actor: Actor, now: Date, targets: RecoveryTargets): CredentialListItem {
  const status = row.status as CredentialStatus;
  const unmasked = can(actor, 'contacts.readUnmasked');
  return {
    token: row.token,
    institution: row.institution,
    status,
    lastUpdatedAt: row.lastUpdatedAt?.toISOString() ?? null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastAttemptOutcome: row.lastAttemptOutcome,
    statusChangedAt: row.statusChangedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    dataAsOf: row.dataAsOf.toISOString(),
    stale: isStale({ status, lastUpdatedAt: row.lastUpdatedAt, createdAt: row.createdAt }, now, env.STALE_AFTER_HOURS),
    overTarget: isOverTarget(status, row.statusChangedAt, targets, now),
    partialData: row.partialData,
    recurring: row.recurring,
    externalReference: row.externalReference,
    owner: row.owner,
    contacts: row.contacts.map((c) => ({ id: c.id, name: c.name, email: unmasked ? c.email : maskEmail(c.email), language: c.language, timeZone: c.timeZone })),
  };
}

interface PageRow extends Omit<CredentialRow, 'institution' | 'owner' | 'contacts'> {
  institutionId: string;
  institutionName: string;
  ownerId: string | null;
  ownerName: string | null;
}

/**
 * Credentials with their institution, owner and contacts: one query for the rows, one for the contacts.
 * The names come from scalar subqueries, not joins, so "Credential" is the only table the planner
 * can start from: with joins, SQLite chose to loop over institutions and sort every credential past
 * an early cursor instead of walking the sort index (docs/BENCHMARKS.md, the export). `from`
 * replaces the table with a subquery of it (a search's few matches, see listCredentials).
 */
export async function readCredentialRows(client: Db, where: Prisma.Sql, order: Prisma.Sql, limit: number, from: Prisma.Sql = Prisma.sql`"Credential" c`): Promise<CredentialRow[]> {
  const rows = await queryRows<PageRow>(client, Prisma.sql`
    SELECT c.id, c.token, c.status, c."lastUpdatedAt", c."dataAsOf", c."lastAttemptAt", c."lastAttemptOutcome",
           c."statusChangedAt", c."createdAt", c."attentionAt", c."partialData", c.recurring, c."externalReference",
           c."institutionId", (SELECT i.name FROM "Institution" i WHERE i.id = c."institutionId") AS "institutionName",
           c."ownerId", (SELECT u.name FROM "User" u WHERE u.id = c."ownerId") AS "ownerName"
    FROM ${from}
    ${where} ${order} LIMIT ${limit}`, ['partialData', 'recurring']);
  if (rows.length === 0) return [];
  const contacts = await client.$queryRaw<{ credentialId: number; id: number; name: string; email: string; language: string | null; timeZone: string | null }[]>`
    SELECT cc."credentialId", ct.id, ct.name, ct.email, ct.language, ct."timeZone" FROM "CredentialContact" cc JOIN "Contact" ct ON ct.id = cc."contactId"
    WHERE cc."credentialId" IN (${Prisma.join(rows.map((r) => r.id))}) ORDER BY ct.id`;
  const byCredential = new Map<number, CredentialRow['contacts']>();
  for (const { credentialId, ...contact } of contacts) {
    const list = byCredential.get(Number(credentialId)) ?? [];
    list.push({ ...contact, id: Number(contact.id) });
    byCredential.set(Number(credentialId), list);
  }
  return rows.map(({ institutionId, institutionName, ownerId, ownerName, ...row }) => ({
    ...row,
    id: Number(row.id),
    institution: { id: institutionId, name: institutionName },
    owner: ownerId ? { id: ownerId, name: ownerName ?? '' } : null,
    contacts: byCredential.get(Number(row.id)) ?? [],
  }));
}
