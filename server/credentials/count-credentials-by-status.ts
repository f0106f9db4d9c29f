import 'server-only';
import { CREDENTIAL_STATUSES } from '@/lib/domain/credential-status.ts';
import { ownerFilterOf } from '@/lib/domain/owner-filter.ts';
import type { CredentialFilters, StatusCounts } from '@/lib/schemas/credentials.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { credentialConditions, whereAll } from './credential-filters.ts';

const zeroCounts = (): StatusCounts => ({ PENDING: 0, ACTIVE: 0, PENDING_SCA: 0, BLOCKED: 0, total: 0 });

/**
 * Counts per status under the list's other filters. Institution and owner filters read the counters
 * the ingestion keeps (a few rows instead of a GROUP BY over every credential); the stale, search and
 * created-range filters need the rows themselves.
 */
export async function countCredentialsByStatus(
  actor: Actor,
  filters: Partial<CredentialFilters>,
  options: { db?: Db; now?: Date } = {},
): Promise<StatusCounts> {
  assertCan(actor, 'credentials.read');
  const client = options.db ?? db;
  const counts = zeroCounts();
  const owner = ownerFilterOf(filters.owner, actor.id);
  const needsRows = filters.stale || filters.overTarget || filters.q || filters.createdFrom || filters.createdTo;
  if (!needsRows) {
    const groups = await client.statusCounter.groupBy({
      by: ['status'],
      where: {
        ...(filters.institution?.length ? { institutionId: { in: filters.institution } } : {}),
        ...(owner.kind === 'anyone' ? {} : { ownerKey: owner.kind === 'unowned' ? '' : owner.id }),
      },
      _sum: { count: true },
    });
    for (const g of groups) add(counts, g.status, g._sum.count ?? 0);
  } else {
    const where = whereAll(await credentialConditions(client, actor, filters, options.now ?? new Date(), { ignoreStatus: true }));
    const groups = await queryRows<{ status: string; n: number }>(client, Prisma.sql`SELECT c.status, count(*) AS n FROM "Credential" c ${where} GROUP BY c.status`);
    for (const g of groups) add(counts, g.status, g.n);
  }
  return counts;
}

function add(counts: StatusCounts, status: string, n: number) {
  if (!(CREDENTIAL_STATUSES as readonly string[]).includes(status)) return;
  counts[status as keyof typeof counts] += n;
  counts.total += n;
}
