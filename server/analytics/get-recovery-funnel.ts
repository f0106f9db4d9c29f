import 'server-only';
import { LINK_FLOWS, resolveRange, type AnalyticsRange, type RecoveryFunnel } from '@/lib/schemas/analytics.ts';
import { assertCan, type Actor } from '@/server/auth/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/generated/sqlite/client.ts';
import { secondOf } from '@/server/db/sql-time.ts';
import { percentile } from './percentile.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

type When = Date | string | null;
const toTime = (value: When) => (value === null ? null : new Date(value).getTime());
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR_MS) * 10) / 10);

/**
 * Links sent in the range, per flow: how many were opened, completed, and then really brought the
 * credential's data back: the first successful extraction observed after completion that ran no
 * earlier than it (to the second: Flanks reports whole seconds, so one that ran as the flow
 * completed reads up to a second earlier). One probe of the (credentialId, observedAt) index per
 * completed link, stopping at the first match: links are sent by people, so they are few next to
 * the refresh records, yet a credential refreshed daily since its recovery has many successes.
 */
export async function getRecoveryFunnel(actor: Actor, range: AnalyticsRange, options: { db?: Db; now?: Date } = {}): Promise<RecoveryFunnel[]> {
  assertCan(actor, 'analytics.read');
  const client = options.db ?? db;
  const { from, to, institutions } = resolveRange(range, options.now ?? new Date());
  const inInstitutions = institutions.length
    ? Prisma.sql` AND l."credentialId" IN (SELECT c.id FROM "Credential" c WHERE c."institutionId" IN (${Prisma.join(institutions)}))`
    : Prisma.empty;
  const links = await client.$queryRaw<{ flow: string; createdAt: When; openedAt: When; completedAt: When; recoveredAt: When }[]>`
    SELECT l.flow, l."createdAt", l."openedAt", l."completedAt",
      (SELECT r."flanksUpdatedAt" FROM "RefreshRecord" r
       WHERE r."credentialId" = l."credentialId" AND r."observedAt" >= l."completedAt" AND r.outcome = 'SUCCESS'
         AND ${secondOf(client, 'r."flanksUpdatedAt"')} >= ${secondOf(client, 'l."completedAt"')}
       ORDER BY r."observedAt" LIMIT 1) AS "recoveredAt"
    FROM "Link" l
    WHERE l."createdAt" >= ${new Date(`${from}T00:00:00Z`)} AND l."createdAt" < ${new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS)}${inInstitutions}`;
  return LINK_FLOWS.map((flow) => {
    const ofFlow = links.filter((l) => l.flow === flow);
    const recovered = ofFlow.filter((l) => l.recoveredAt !== null);
    const timesToRecover = recovered.map((l) => Math.max(0, toTime(l.recoveredAt)! - toTime(l.createdAt)!));
    return {
      flow,
      sent: ofFlow.length,
      opened: ofFlow.filter((l) => l.openedAt !== null || l.completedAt !== null).length,
      completed: ofFlow.filter((l) => l.completedAt !== null).length,
      refreshed: recovered.length,
      medianHoursToRecover: hours(percentile(timesToRecover, 50)),
      p90HoursToRecover: hours(percentile(timesToRecover, 90)),
    };
  });
}
