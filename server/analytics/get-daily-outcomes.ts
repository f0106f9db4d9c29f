import 'server-only';
import type { AnalyticsRange, DailyOutcomes } from '@/lib/schemas/analytics.ts';
import { assertCan, type Actor } from '@/server/auth/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { successRate } from './success-rate.ts';

const DEFAULT_DAYS = 30;

/** Daily refresh outcomes from the rollups the ingestion keeps (never a scan of raw refresh records). */
export async function getDailyOutcomes(actor: Actor, range: AnalyticsRange, options: { db?: Db; now?: Date } = {}): Promise<DailyOutcomes[]> {
  assertCan(actor, 'analytics.read');
  const now = options.now ?? new Date();
  const to = range.to ?? now.toISOString().slice(0, 10);
  const from = range.from ?? new Date(Date.parse(to) - (DEFAULT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const rows = await (options.db ?? db).dailyInstitutionRollup.groupBy({
    by: ['day'],
    where: { day: { gte: from, lte: to }, ...(range.institution ? { institutionId: range.institution } : {}) },
    _sum: { success: true, scaRequired: true, invalidCredentials: true, institutionError: true },
    orderBy: { day: 'asc' },
  });
  return rows.map(({ day, _sum }) => {
    const counts = {
      success: _sum.success ?? 0,
      scaRequired: _sum.scaRequired ?? 0,
      invalidCredentials: _sum.invalidCredentials ?? 0,
      institutionError: _sum.institutionError ?? 0,
    };
    return { day, ...counts, successRate: successRate(counts) };
  });
}
