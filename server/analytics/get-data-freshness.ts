import 'server-only';
import { FRESHNESS_BUCKETS, resolveRange, type AnalyticsRange, type DataFreshness } from '@/lib/schemas/analytics.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { freshnessBuckets } from './freshness-buckets.ts';
import { toCount } from './rollup-range.ts';
import { HOUR_MS } from '@/lib/domain/time.ts';

const BOUNDS = FRESHNESS_BUCKETS.map((b) => b.olderThanHours).filter((h) => h > 0);

/**
 * How old every credential's data is right now (the date range does not apply: it is a snapshot).
 * The total comes from the status counters; only credentials older than a day are counted from the
 * rows, one plain range count of the (institutionId,) dataAsOf index per older bucket, so a million
 * mostly fresh credentials cost a fraction of a full count (docs/BENCHMARKS.md).
 */
export async function getDataFreshness(actor: Actor, range: AnalyticsRange, options: { db?: Db; now?: Date } = {}): Promise<DataFreshness> {
  assertCan(actor, 'analytics.read');
  const client = options.db ?? db;
  const now = options.now ?? new Date();
  const { institutions } = resolveRange(range, now);
  const cutoff = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
  const inInstitutions = institutions.length ? Prisma.sql` AND c."institutionId" IN (${Prisma.join(institutions)})` : Prisma.empty;
  // Disjoint ranges, each a count the index answers without reading rows: [bound, next bound).
  const counts = BOUNDS.map((hours, i) => {
    const newerThanNext = i + 1 < BOUNDS.length ? Prisma.sql` AND c."dataAsOf" >= ${cutoff(BOUNDS[i + 1])}` : Prisma.empty;
    return Prisma.sql`(SELECT COUNT(*) FROM "Credential" c WHERE c."dataAsOf" < ${cutoff(hours)}${newerThanNext}${inInstitutions}) AS ${Prisma.raw(`"h${hours}"`)}`;
  });
  const [total, [row]] = await Promise.all([
    client.statusCounter.aggregate({ _sum: { count: true }, where: institutions.length ? { institutionId: { in: institutions } } : {} }),
    queryRows<Record<string, number | null>>(client, Prisma.sql`SELECT ${Prisma.join(counts)}`),
  ]);
  // Back to "older than each bound", as freshnessBuckets takes them.
  const olderThan: Record<number, number> = {};
  let older = 0;
  for (const hours of [...BOUNDS].reverse()) olderThan[hours] = older += toCount(row[`h${hours}`]);
  return { asOf: now.toISOString(), buckets: freshnessBuckets(total._sum.count ?? 0, olderThan) };
}
