import 'server-only';
import { resolveRange, type AnalyticsRange, type DailyOutcomes } from '@/lib/schemas/analytics.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { rollupRange, toCount } from './rollup-range.ts';
import { successRate } from './success-rate.ts';

/** SUM() over no rows is NULL. */
type Sum = number | null;

/** Daily refresh outcomes from the rollups the ingestion keeps (never a scan of raw refresh records). */
export async function getDailyOutcomes(actor: Actor, range: AnalyticsRange, options: { db?: Db; now?: Date } = {}): Promise<DailyOutcomes[]> {
  assertCan(actor, 'analytics.read');
  const rows = await queryRows<{ day: string; success: Sum; scaRequired: Sum; invalidCredentials: Sum; institutionError: Sum }>(options.db ?? db, Prisma.sql`
    SELECT r.day, SUM(r.success) AS success, SUM(r."scaRequired") AS "scaRequired",
           SUM(r."invalidCredentials") AS "invalidCredentials", SUM(r."institutionError") AS "institutionError"
    FROM "DailyInstitutionRollup" r ${rollupRange(resolveRange(range, options.now ?? new Date()))}
    GROUP BY r.day ORDER BY r.day`);
  return rows
    .map(({ day, ...sums }) => {
      const counts = {
        success: toCount(sums.success),
        scaRequired: toCount(sums.scaRequired),
        invalidCredentials: toCount(sums.invalidCredentials),
        institutionError: toCount(sums.institutionError),
      };
      return { day, ...counts, successRate: successRate(counts) };
    })
    .filter((d) => d.successRate !== null);
}
