import 'server-only';
import { resolveRange, type AnalyticsRange, type StatusDistributionDay } from '@/lib/schemas/analytics.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { rollupRange, toCount } from './rollup-range.ts';

/** SUM() over no rows is NULL. */
type Sum = number | null;

/** Credentials per status at the end of each day, from the snapshot the ingestion writes after each poll. */
export async function getStatusDistribution(
  actor: Actor,
  range: AnalyticsRange,
  options: { db?: Db; now?: Date } = {},
): Promise<StatusDistributionDay[]> {
  assertCan(actor, 'analytics.read');
  const rows = await queryRows<{ day: string; pending: Sum; active: Sum; pendingSca: Sum; blocked: Sum }>(options.db ?? db, Prisma.sql`
    SELECT r.day, SUM(r.pending) AS pending, SUM(r.active) AS active, SUM(r."pendingSca") AS "pendingSca", SUM(r.blocked) AS blocked
    FROM "DailyInstitutionRollup" r ${rollupRange(resolveRange(range, options.now ?? new Date()))}
    GROUP BY r.day ORDER BY r.day`);
  return rows
    .map((r) => ({ day: r.day, pending: toCount(r.pending), active: toCount(r.active), pendingSca: toCount(r.pendingSca), blocked: toCount(r.blocked) }))
    .filter((d) => d.pending + d.active + d.pendingSca + d.blocked > 0); // a day with outcomes but no snapshot (no poll yet)
}
