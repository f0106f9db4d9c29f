import 'server-only';
import { LINK_FLOWS } from '@/lib/domain/credential-status.ts';
import { resolveRange, type AnalyticsRange, type RecoveryFunnel } from '@/lib/schemas/analytics.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { percentile } from './percentile.ts';
import { DAY_MS, HOUR_MS } from '@/lib/domain/time.ts';


type When = Date | string | null;
const toTime = (value: When) => (value === null ? null : new Date(value).getTime());
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR_MS) * 10) / 10);

/**
 * Links sent in the range, per flow: how many were opened, completed, and then really brought the
 * credential's data back (Link.recoveredAt, stamped by the ingestion: see link-recoveries.ts), with
 * the time from sending to recovered data and how many reminders it took.
 */
export async function getRecoveryFunnel(actor: Actor, range: AnalyticsRange, options: { db?: Db; now?: Date } = {}): Promise<RecoveryFunnel[]> {
  assertCan(actor, 'analytics.read');
  const client = options.db ?? db;
  const { from, to, institutions } = resolveRange(range, options.now ?? new Date());
  const inInstitutions = institutions.length
    ? Prisma.sql` AND l."credentialId" IN (SELECT c.id FROM "Credential" c WHERE c."institutionId" IN (${Prisma.join(institutions)}))`
    : Prisma.empty;
  const sentInRange = Prisma.sql`l."createdAt" >= ${new Date(`${from}T00:00:00Z`)} AND l."createdAt" < ${new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS)}${inInstitutions}`;
  // Counts in SQL, and rows only for the recovered links, whose recovery times the percentiles need.
  const [stages, recoveries] = await Promise.all([
    queryRows<{ flow: string; sent: number; opened: number; completed: number }>(client, Prisma.sql`
      SELECT l.flow, COUNT(*) AS sent, COUNT(COALESCE(l."openedAt", l."completedAt")) AS opened, COUNT(l."completedAt") AS completed
      FROM "Link" l WHERE ${sentInRange} GROUP BY l.flow`),
    queryRows<{ flow: string; sentAt: When; recoveredAt: When; remindersSent: number }>(client, Prisma.sql`
      SELECT l.flow, l."createdAt" AS "sentAt", l."recoveredAt", l."remindersSent" FROM "Link" l WHERE ${sentInRange} AND l."recoveredAt" IS NOT NULL`),
  ]);
  return LINK_FLOWS.map((flow) => {
    const counts = stages.find((s) => s.flow === flow);
    const recovered = recoveries.filter((r) => r.flow === flow);
    const timesToRecover = recovered.map((r) => Math.max(0, toTime(r.recoveredAt)! - toTime(r.sentAt)!));
    const reminded = (test: (n: number) => boolean) => recovered.filter((r) => test(Number(r.remindersSent))).length;
    return {
      flow,
      sent: counts?.sent ?? 0,
      opened: counts?.opened ?? 0,
      completed: counts?.completed ?? 0,
      refreshed: timesToRecover.length,
      refreshedByReminders: { none: reminded((n) => n === 0), one: reminded((n) => n === 1), more: reminded((n) => n > 1) },
      medianHoursToRecover: hours(percentile(timesToRecover, 50)),
      p90HoursToRecover: hours(percentile(timesToRecover, 90)),
    };
  });
}
