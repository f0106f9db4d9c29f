import 'server-only';
import { CREDENTIAL_STATUSES } from '@/lib/domain/credential-status.ts';
import { ownerFilterOf } from '@/lib/domain/owner-filter.ts';
import { AGING_STARTS_DAYS, agingFrom, isTargeted, overTargetCutoffs } from '@/lib/domain/recovery-targets.ts';
import { DAY_MS } from '@/lib/domain/time.ts';
import type { CredentialStatus } from '@/lib/domain/credential-status.ts';
import { getRecoveryTargets } from '@/server/settings/get-recovery-targets.ts';
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
 * created-range filters need the rows themselves. "Over target" is the counters' Blocked and Pending
 * SCA less the few that entered their status within its target: counting the over-target rows
 * themselves walked most of both statuses, 70-107 ms at a million (docs/BENCHMARKS.md).
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
  const now = options.now ?? new Date();
  const needsRows = filters.stale || filters.q || filters.createdFrom || filters.createdTo;
  if (!needsRows) {
    const [groups, withinTarget, recentlyEntered] = await Promise.all([
      client.statusCounter.groupBy({
      by: ['status'],
      where: {
        ...(filters.institution?.length ? { institutionId: { in: filters.institution } } : {}),
        ...(owner.kind === 'anyone' ? {} : { ownerKey: owner.kind === 'unowned' ? '' : owner.id }),
      },
      _sum: { count: true },
      }),
      filters.overTarget ? countWithinTarget(client, actor, filters, now) : null,
      filters.overTarget ? null : countRecentlyEntered(client, actor, filters, now),
    ]);
    for (const g of groups) {
      if (!withinTarget) add(counts, g.status, g._sum.count ?? 0);
      else if (isTargeted(g.status as CredentialStatus)) add(counts, g.status, (g._sum.count ?? 0) - (withinTarget[g.status] ?? 0));
    }
    if (recentlyEntered) {
      counts.aging = {
        BLOCKED: agingFrom(counts.BLOCKED, recentlyEntered.BLOCKED?.since3 ?? 0, recentlyEntered.BLOCKED?.since8 ?? 0),
        PENDING_SCA: agingFrom(counts.PENDING_SCA, recentlyEntered.PENDING_SCA?.since3 ?? 0, recentlyEntered.PENDING_SCA?.since8 ?? 0),
      };
    }
  } else {
    const where = whereAll(await credentialConditions(client, actor, filters, now, { ignoreStatus: true }));
    const groups = await queryRows<{ status: string; n: number }>(client, Prisma.sql`SELECT c.status, count(*) AS n FROM "Credential" c ${where} GROUP BY c.status`);
    for (const g of groups) add(counts, g.status, g.n);
  }
  return counts;
}

/** Per targeted status, the credentials under these filters that entered it within its target: a short, recent range of the (status, statusChangedAt) index. */
async function countWithinTarget(client: Db, actor: Actor, filters: Partial<CredentialFilters>, now: Date): Promise<Record<string, number>> {
  const cutoffs = overTargetCutoffs(await getRecoveryTargets(client), now);
  const others = await credentialConditions(client, actor, { institution: filters.institution, owner: filters.owner }, now, { ignoreStatus: true });
  const recent = Prisma.sql`((c.status = 'BLOCKED' AND c."statusChangedAt" >= ${cutoffs.BLOCKED}) OR (c.status = 'PENDING_SCA' AND c."statusChangedAt" >= ${cutoffs.PENDING_SCA}))`;
  const rows = await queryRows<{ status: string; n: number }>(client, Prisma.sql`SELECT c.status, count(*) AS n FROM "Credential" c ${whereAll([recent, ...others])} GROUP BY c.status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Per targeted status, how many entered it in the last 3 and the last 8 days (the aging buckets' starts), under these filters. */
async function countRecentlyEntered(client: Db, actor: Actor, filters: Partial<CredentialFilters>, now: Date): Promise<Record<string, { since3: number; since8: number }>> {
  const [since3, since8] = AGING_STARTS_DAYS.map((days) => new Date(now.getTime() - days * DAY_MS));
  const others = await credentialConditions(client, actor, { institution: filters.institution, owner: filters.owner }, now, { ignoreStatus: true });
  const recent = Prisma.sql`c.status IN ('BLOCKED', 'PENDING_SCA') AND c."statusChangedAt" >= ${since8}`;
  const rows = await queryRows<{ status: string; since3: number; since8: number }>(
    client,
    Prisma.sql`SELECT c.status, SUM(CASE WHEN c."statusChangedAt" >= ${since3} THEN 1 ELSE 0 END) AS since3, count(*) AS since8 FROM "Credential" c ${whereAll([recent, ...others])} GROUP BY c.status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, { since3: r.since3, since8: r.since8 }]));
}

function add(counts: StatusCounts, status: string, n: number) {
  if (!(CREDENTIAL_STATUSES as readonly string[]).includes(status)) return;
  counts[status as CredentialStatus] += n;
  counts.total += n;
}
