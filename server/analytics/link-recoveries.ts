import 'server-only';
import type { Tx } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';
import { secondOf } from '@/server/db/sql-time.ts';

/**
 * Stamps when each completed link brought its credential's data back: Flanks' time of the first
 * successful extraction observed after the end user opened the link, and run no earlier than that
 * (to the second: Flanks reports whole seconds). A broken credential gets no daily refresh, so that
 * extraction is the flow's own. The ingestion stamps the credentials it just saw refreshed (in its
 * transaction); the analytics backfill stamps all. The recovery funnel then reads one column
 * instead of probing refresh records link by link.
 */
export async function stampLinkRecoveries(tx: Tx, credentialIds?: readonly number[]): Promise<number> {
  if (credentialIds?.length === 0) return 0;
  const scope = credentialIds ? Prisma.sql` AND "credentialId" IN (${Prisma.join(credentialIds)})` : Prisma.empty;
  return tx.$executeRaw`
    UPDATE "Link" SET "recoveredAt" = (
      SELECT r."flanksUpdatedAt" FROM "RefreshRecord" r
      WHERE r."credentialId" = "Link"."credentialId" AND r."observedAt" >= "Link"."openedAt" AND r.outcome = 'SUCCESS'
        AND ${secondOf(tx, 'r."flanksUpdatedAt"')} >= ${secondOf(tx, '"Link"."openedAt"')}
      ORDER BY r."observedAt" LIMIT 1)
    WHERE "completedAt" IS NOT NULL AND "openedAt" IS NOT NULL AND "recoveredAt" IS NULL${scope}`;
}
