import 'server-only';
import { LINK_FLOWS, resolveRange, type AnalyticsRange, type RecoveryFunnel } from '@/lib/schemas/analytics.ts';
import { assertCan, type Actor } from '@/server/auth/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/generated/sqlite/client.ts';
import { percentile } from './percentile.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

type When = Date | string | null;
const toTime = (value: When) => (value === null ? null : new Date(value).getTime());
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR_MS) * 10) / 10);

/** Flanks reports extraction times in whole seconds: one that ran as the flow completed can read up to 1 s earlier. */
const SECOND_MS = 1000;

/**
 * Links sent in the range, per flow: how many were opened, completed, and then really brought the
 * credential's data back (a successful extraction after completion). Links are sent by people, so
 * they are few next to refresh records; the successes after each completion come from the
 * (credentialId, observedAt) index.
 */
export async function getRecoveryFunnel(actor: Actor, range: AnalyticsRange, options: { db?: Db; now?: Date } = {}): Promise<RecoveryFunnel[]> {
  assertCan(actor, 'analytics.read');
  const { from, to, institutions } = resolveRange(range, options.now ?? new Date());
  const inInstitutions = institutions.length
    ? Prisma.sql` AND l."credentialId" IN (SELECT c.id FROM "Credential" c WHERE c."institutionId" IN (${Prisma.join(institutions)}))`
    : Prisma.empty;
  const rows = await (options.db ?? db).$queryRaw<{ id: string; flow: string; createdAt: When; openedAt: When; completedAt: When; refreshedAt: When }[]>`
    SELECT l.id, l.flow, l."createdAt", l."openedAt", l."completedAt", r."flanksUpdatedAt" AS "refreshedAt"
    FROM "Link" l
    LEFT JOIN "RefreshRecord" r ON r."credentialId" = l."credentialId" AND r.outcome = 'SUCCESS' AND r."observedAt" >= l."completedAt"
    WHERE l."createdAt" >= ${new Date(`${from}T00:00:00Z`)} AND l."createdAt" < ${new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS)}${inInstitutions}`;
  const links = new Map<string, { flow: string; sentAt: number; opened: boolean; completedAt: number | null; recoveredAt: number | null }>();
  for (const row of rows) {
    const completedAt = toTime(row.completedAt);
    const link = links.get(row.id) ?? { flow: row.flow, sentAt: toTime(row.createdAt)!, opened: row.openedAt !== null || completedAt !== null, completedAt, recoveredAt: null };
    const refreshedAt = toTime(row.refreshedAt);
    if (completedAt !== null && refreshedAt !== null && refreshedAt >= completedAt - SECOND_MS && (link.recoveredAt === null || refreshedAt < link.recoveredAt)) {
      link.recoveredAt = refreshedAt;
    }
    links.set(row.id, link);
  }
  return LINK_FLOWS.map((flow) => {
    const ofFlow = [...links.values()].filter((l) => l.flow === flow);
    const recovered = ofFlow.filter((l) => l.recoveredAt !== null);
    const timesToRecover = recovered.map((l) => Math.max(0, l.recoveredAt! - l.sentAt));
    return {
      flow,
      sent: ofFlow.length,
      opened: ofFlow.filter((l) => l.opened).length,
      completed: ofFlow.filter((l) => l.completedAt !== null).length,
      refreshed: recovered.length,
      medianHoursToRecover: hours(percentile(timesToRecover, 50)),
      p90HoursToRecover: hours(percentile(timesToRecover, 90)),
    };
  });
}
