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

/**
 * Links sent in the range, per flow: how many were opened, completed, and then really brought the
 * credential's data back (a successful extraction observed after completion). Links are sent by
 * people, so they are few next to refresh records; the first success after each completion is one
 * probe of the (credentialId, observedAt) index.
 */
export async function getRecoveryFunnel(actor: Actor, range: AnalyticsRange, options: { db?: Db; now?: Date } = {}): Promise<RecoveryFunnel[]> {
  assertCan(actor, 'analytics.read');
  const { from, to, institutions } = resolveRange(range, options.now ?? new Date());
  const inInstitutions = institutions.length
    ? Prisma.sql` AND l."credentialId" IN (SELECT c.id FROM "Credential" c WHERE c."institutionId" IN (${Prisma.join(institutions)}))`
    : Prisma.empty;
  const links = await (options.db ?? db).$queryRaw<{ flow: string; createdAt: When; openedAt: When; completedAt: When; recoveredAt: When }[]>`
    SELECT l.flow, l."createdAt", l."openedAt", l."completedAt",
      (SELECT MIN(r."flanksUpdatedAt") FROM "RefreshRecord" r
       WHERE r."credentialId" = l."credentialId" AND r."observedAt" >= l."completedAt" AND r.outcome = 'SUCCESS') AS "recoveredAt"
    FROM "Link" l
    WHERE l."createdAt" >= ${new Date(`${from}T00:00:00Z`)} AND l."createdAt" < ${new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS)}${inInstitutions}`;
  return LINK_FLOWS.map((flow) => {
    const ofFlow = links.filter((l) => l.flow === flow);
    const completed = ofFlow.filter((l) => l.completedAt !== null);
    const recovered = completed.filter((l) => l.recoveredAt !== null);
    const timesToRecover = recovered.map((l) => Math.max(0, toTime(l.recoveredAt)! - toTime(l.createdAt)!));
    return {
      flow,
      sent: ofFlow.length,
      opened: ofFlow.filter((l) => l.openedAt !== null || l.completedAt !== null).length,
      completed: completed.length,
      refreshed: recovered.length,
      medianHoursToRecover: hours(percentile(timesToRecover, 50)),
      p90HoursToRecover: hours(percentile(timesToRecover, 90)),
    };
  });
}
