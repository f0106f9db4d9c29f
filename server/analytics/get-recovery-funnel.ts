import 'server-only';
import { LINK_FLOWS, resolveRange, type AnalyticsRange, type RecoveryFunnel } from '@/lib/schemas/analytics.ts';
import { assertCan, type Actor } from '@/server/auth/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/generated/sqlite/client.ts';
import { secondOf } from '@/server/db/sql-time.ts';
import { percentile } from './percentile.ts';
import { toCount } from './rollup-range.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

type When = Date | string | null;
type Count = number | bigint;
const toTime = (value: When) => (value === null ? null : new Date(value).getTime());
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR_MS) * 10) / 10);

/**
 * Links sent in the range, per flow: how many were opened, completed, and then really brought the
 * credential's data back: the first successful extraction observed after completion that ran no
 * earlier than it (to the second: Flanks reports whole seconds, so one that ran as the flow
 * completed reads up to a second earlier). One probe of the (credentialId, observedAt) index per
 * completed link, stopping at the first match: a credential refreshed daily since its recovery has
 * many successes after it.
 */
export async function getRecoveryFunnel(actor: Actor, range: AnalyticsRange, options: { db?: Db; now?: Date } = {}): Promise<RecoveryFunnel[]> {
  assertCan(actor, 'analytics.read');
  const client = options.db ?? db;
  const { from, to, institutions } = resolveRange(range, options.now ?? new Date());
  const inInstitutions = institutions.length
    ? Prisma.sql` AND l."credentialId" IN (SELECT c.id FROM "Credential" c WHERE c."institutionId" IN (${Prisma.join(institutions)}))`
    : Prisma.empty;
  const sentInRange = Prisma.sql`l."createdAt" >= ${new Date(`${from}T00:00:00Z`)} AND l."createdAt" < ${new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS)}${inInstitutions}`;
  // Counts in SQL, and rows only for the completed links, whose recovery times the percentiles need.
  const [stages, recoveries] = await Promise.all([
    client.$queryRaw<{ flow: string; sent: Count; opened: Count; completed: Count }[]>`
      SELECT l.flow, COUNT(*) AS sent, COUNT(COALESCE(l."openedAt", l."completedAt")) AS opened, COUNT(l."completedAt") AS completed
      FROM "Link" l WHERE ${sentInRange} GROUP BY l.flow`,
    // Not wrapped in "WHERE recoveredAt IS NOT NULL": PostgreSQL would then run the probe twice per link.
    client.$queryRaw<{ flow: string; sentAt: When; recoveredAt: When }[]>`
      SELECT l.flow, l."createdAt" AS "sentAt",
        (SELECT r."flanksUpdatedAt" FROM "RefreshRecord" r
         WHERE r."credentialId" = l."credentialId" AND r."observedAt" >= l."completedAt" AND r.outcome = 'SUCCESS'
           AND ${secondOf(client, 'r."flanksUpdatedAt"')} >= ${secondOf(client, 'l."completedAt"')}
         ORDER BY r."observedAt" LIMIT 1) AS "recoveredAt"
      FROM "Link" l WHERE ${sentInRange} AND l."completedAt" IS NOT NULL`,
  ]);
  return LINK_FLOWS.map((flow) => {
    const counts = stages.find((s) => s.flow === flow);
    const timesToRecover = recoveries.filter((r) => r.flow === flow && r.recoveredAt !== null).map((r) => Math.max(0, toTime(r.recoveredAt)! - toTime(r.sentAt)!));
    return {
      flow,
      sent: toCount(counts?.sent ?? 0),
      opened: toCount(counts?.opened ?? 0),
      completed: toCount(counts?.completed ?? 0),
      refreshed: timesToRecover.length,
      medianHoursToRecover: hours(percentile(timesToRecover, 50)),
      p90HoursToRecover: hours(percentile(timesToRecover, 90)),
    };
  });
}
