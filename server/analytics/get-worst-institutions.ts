import 'server-only';
import { resolveRange, type AnalyticsRange, type WorstInstitutions } from '@/lib/schemas/analytics.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { rollupRange, toCount } from './rollup-range.ts';
import { MIN_ATTEMPTS_TO_RANK, rankWorstInstitutions } from './worst-institutions.ts';

/** SUM() over no rows is NULL. */
type Sum = number | null;

/** The institutions with the lowest success rate over the range, among those with enough attempts. */
export async function getWorstInstitutions(actor: Actor, range: AnalyticsRange, options: { db?: Db; now?: Date } = {}): Promise<WorstInstitutions> {
  assertCan(actor, 'analytics.read');
  const rows = await queryRows<{ institutionId: string; institutionName: string; success: Sum; attempts: Sum }>(options.db ?? db, Prisma.sql`
    SELECT r."institutionId", i.name AS "institutionName", SUM(r.success) AS success,
           SUM(r.success + r."scaRequired" + r."invalidCredentials" + r."institutionError") AS attempts
    FROM "DailyInstitutionRollup" r JOIN "Institution" i ON i.id = r."institutionId"
    ${rollupRange(resolveRange(range, options.now ?? new Date()))}
    GROUP BY r."institutionId", i.name`);
  const totals = rows.map((r) => ({ institutionId: r.institutionId, institutionName: r.institutionName, attempts: toCount(r.attempts), success: toCount(r.success) }));
  return { minAttempts: MIN_ATTEMPTS_TO_RANK, items: rankWorstInstitutions(totals) };
}
