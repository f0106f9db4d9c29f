import 'server-only';
import { CREDENTIAL_STATUSES } from '@/lib/domain/credential-status.ts';
import { ownerFilterOf, type OwnerFilter } from '@/lib/domain/owner-filter.ts';
import { AGING_STARTS_DAYS, agingFrom, isTargeted, overTargetCutoffs, type TargetedStatus } from '@/lib/domain/recovery-targets.ts';
import { isBroken } from '@/lib/domain/recurrence.ts';
import { DAY_MS } from '@/lib/domain/time.ts';
import type { CredentialStatus } from '@/lib/domain/credential-status.ts';
import { getRecoveryTargets } from '@/server/settings/get-recovery-targets.ts';
import type { CredentialFilters, StatusCounts } from '@/lib/schemas/credentials.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { credentialConditions, LINK_SINCE_STATUS, whereAll } from './credential-filters.ts';

const zeroCounts = (): StatusCounts => ({ PENDING: 0, ACTIVE: 0, PENDING_SCA: 0, BLOCKED: 0, total: 0 });

/**
 * Counts per status under the list's other filters. Institution and owner filters read the counters
 * the ingestion keeps (a few rows instead of a GROUP BY over every credential); the stale, recurring,
 * search, "sent, not opened" and created-range filters need the rows themselves. "Over target" is the
 * counters' Blocked and Pending SCA less the few that entered their status within its target, and
 * "no link sent" the same less the few with a link out: counting those rows themselves walked most of
 * both statuses, 70-107 ms (over target) and 350 ms (no link, PostgreSQL) at a million (docs/BENCHMARKS.md).
 */
export async function countCredentialsByStatus(
  actor: Actor,
  filters: Partial<CredentialFilters>,
  /**
   * `aging: false` skips the aging buckets, for a caller that reads only the totals; `withinStatus`
   * counts only the filter's own statuses (zero for the others), for a caller that reads no other.
   */
  options: { db?: Db; now?: Date; aging?: boolean; withinStatus?: boolean } = {},
): Promise<StatusCounts> {
  assertCan(actor, 'credentials.read');
  const client = options.db ?? db;
  const counts = zeroCounts();
  const owner = ownerFilterOf(filters.owner, actor.id);
  const now = options.now ?? new Date();
  const needsRows =
    filters.stale || filters.recurring || filters.q || filters.createdFrom || filters.createdTo || filters.link === 'unopened' || (filters.link === 'none' && filters.overTarget);
  if (!needsRows && filters.link === 'none') {
    const [groups, linked] = await Promise.all([readCounters(client, filters, owner), countLinkedSinceStatus(client, actor, filters, now)]);
    for (const g of groups) if (isBroken(g.status)) add(counts, g.status, (g._sum.count ?? 0) - (linked.get(g.status) ?? 0));
  } else if (!needsRows) {
    // Over target: entered within target is subtracted. Otherwise the aging buckets' starts, unless not wanted.
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const marks: Since[] | null = filters.overTarget
      ? [overTargetCutoffs(await getRecoveryTargets(client), now)]
      : options.aging === false
        ? null
        : AGING_STARTS_DAYS.map((days) => ({ BLOCKED: daysAgo(days), PENDING_SCA: daysAgo(days) }));
    const [groups, entered] = await Promise.all([readCounters(client, filters, owner), marks ? countEnteredSince(client, actor, filters, now, marks) : null]);
    for (const g of groups) {
      const status = g.status as CredentialStatus;
      if (!filters.overTarget) add(counts, status, g._sum.count ?? 0);
      else if (isTargeted(status)) add(counts, status, (g._sum.count ?? 0) - entered![status][0]);
    }
    if (entered && !filters.overTarget) {
      counts.aging = {
        BLOCKED: agingFrom(counts.BLOCKED, entered.BLOCKED[0], entered.BLOCKED[1]),
        PENDING_SCA: agingFrom(counts.PENDING_SCA, entered.PENDING_SCA[0], entered.PENDING_SCA[1]),
      };
    }
  } else {
    const where = whereAll(await credentialConditions(client, actor, filters, now, { ignoreStatus: !options.withinStatus }));
    const groups = await queryRows<{ status: string; n: number }>(client, Prisma.sql`SELECT c.status, count(*) AS n FROM "Credential" c ${where} GROUP BY c.status`);
    for (const g of groups) add(counts, g.status, g.n);
  }
  return counts;
}

/** The institution and owner filters alone, as conditions: the scope the counters are kept in. */
const counterScope = (client: Db, actor: Actor, filters: Partial<CredentialFilters>, now: Date) =>
  credentialConditions(client, actor, { institution: filters.institution, owner: filters.owner }, now, { ignoreStatus: true });

/** The counters' sums per status under the institution and owner filters. */
const readCounters = (client: Db, filters: Partial<CredentialFilters>, owner: OwnerFilter) =>
  client.statusCounter.groupBy({
    by: ['status'],
    where: {
      ...(filters.institution?.length ? { institutionId: { in: filters.institution } } : {}),
      ...(owner.kind === 'anyone' ? {} : { ownerKey: owner.kind === 'unowned' ? '' : owner.id }),
    },
    _sum: { count: true },
  });

/** Per targeted status, how many under the institution and owner filters have a link out since they entered it (a partial index of those few). */
async function countLinkedSinceStatus(client: Db, actor: Actor, filters: Partial<CredentialFilters>, now: Date): Promise<Map<string, number>> {
  const others = await counterScope(client, actor, filters, now);
  const rows = await queryRows<{ status: string; n: number }>(
    client,
    Prisma.sql`SELECT c.status, count(*) AS n FROM "Credential" c ${whereAll([Prisma.sql`c.status IN ('BLOCKED', 'PENDING_SCA')`, LINK_SINCE_STATUS, ...others])} GROUP BY c.status`,
  );
  return new Map(rows.map((r) => [r.status, r.n]));
}

type Since = Record<TargetedStatus, Date>;

const enteredSince = (since: Since) =>
  Prisma.sql`((c.status = 'BLOCKED' AND c."statusChangedAt" >= ${since.BLOCKED}) OR (c.status = 'PENDING_SCA' AND c."statusChangedAt" >= ${since.PENDING_SCA}))`;

/**
 * Per targeted status, how many credentials under the institution and owner filters entered it since
 * each of `marks`, in one query over short, recent index ranges (one per status).
 */
async function countEnteredSince(client: Db, actor: Actor, filters: Partial<CredentialFilters>, now: Date, marks: Since[]): Promise<Record<TargetedStatus, number[]>> {
  const others = await counterScope(client, actor, filters, now);
  const sumsFor = (status: TargetedStatus | null) =>
    Prisma.join(marks.map((mark, i) => Prisma.sql`SUM(CASE WHEN ${status ? Prisma.sql`c."statusChangedAt" >= ${mark[status]}` : enteredSince(mark)} THEN 1 ELSE 0 END) AS ${Prisma.raw(`m${i}`)}`));
  const earliest = (status: TargetedStatus) => new Date(Math.min(...marks.map((m) => m[status].getTime())));
  // Two shapes, each the one both databases were measured to plan well at a million
  // (docs/BENCHMARKS.md). One SELECT per status (an equality and a range, UNION ALL) under an owner,
  // where one query over both statuses read all of the owner's index entries on SQLite and filtered
  // the status on PostgreSQL, and for the over-target cut-offs. For the aging buckets' wider range
  // without an owner, one query with `status IN (…)`: there PostgreSQL ran the UNION ALL as a
  // parallel append whose workers cost 20 ms to start for a 0.1 ms read.
  const perStatus = (status: TargetedStatus) =>
    Prisma.sql`SELECT ${Prisma.raw(`'${status}'`)} AS status, ${sumsFor(status)} FROM "Credential" c ${whereAll([Prisma.sql`c.status = ${status}`, Prisma.sql`c."statusChangedAt" >= ${earliest(status)}`, ...others])}`;
  const bothStatuses = Prisma.sql`c.status IN ('BLOCKED', 'PENDING_SCA') AND c."statusChangedAt" >= ${new Date(Math.min(earliest('BLOCKED').getTime(), earliest('PENDING_SCA').getTime()))}`;
  const query =
    ownerFilterOf(filters.owner, actor.id).kind === 'user' || filters.overTarget
      ? Prisma.sql`${perStatus('BLOCKED')} UNION ALL ${perStatus('PENDING_SCA')}`
      : Prisma.sql`SELECT c.status, ${sumsFor(null)} FROM "Credential" c ${whereAll([bothStatuses, ...others])} GROUP BY c.status`;
  const rows = await queryRows<Record<string, number> & { status: string }>(client, query);
  const of = (status: TargetedStatus) => marks.map((_, i) => Number(rows.find((r) => r.status === status)?.[`m${i}`] ?? 0));
  return { BLOCKED: of('BLOCKED'), PENDING_SCA: of('PENDING_SCA') };
}

function add(counts: StatusCounts, status: string, n: number) {
  if (!(CREDENTIAL_STATUSES as readonly string[]).includes(status)) return;
  counts[status as CredentialStatus] += n;
  counts.total += n;
}
