import 'server-only';
import { attentionOf, type AttentionFactors } from '@/lib/domain/attention.ts';
import type { Db, Tx } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { LINK_SINCE_STATUS } from './credential-filters.ts';

type Client = Db | Tx;
const BATCH = 1_000;

/** Which credentials to re-rank: some by id, or an institution's broken ones (its incident opened or closed). */
export type AttentionScope = { ids: number[] } | { institutionId: string };

/**
 * Re-ranks credentials for "needs attention first" from their current factors: status and how long,
 * links since they entered it (unopened, failed), the recurring flag, an open incident at their
 * institution. Called in the transaction of whatever changed a factor, so the rank never lags it.
 */
export async function refreshAttention(client: Client, scope: AttentionScope): Promise<void> {
  if ('ids' in scope) {
    for (let i = 0; i < scope.ids.length; i += BATCH) await refreshBatch(client, Prisma.sql`c.id IN (${Prisma.join(scope.ids.slice(i, i + BATCH))})`);
    return;
  }
  let after = 0;
  for (;;) {
    const last = await refreshBatch(client, Prisma.sql`c."institutionId" = ${scope.institutionId} AND c.status IN ('BLOCKED', 'PENDING_SCA') AND c.id > ${after}`, BATCH);
    if (last === null) return;
    after = last;
  }
}

type FactorRow = AttentionFactors & { id: number; institutionId: string; attentionAt: Date };

/**
 * The factors of the credentials `where` selects (over alias c), in one query: the links since each
 * entered its status are counted only where its linkSentAt says there are any (most have none), and
 * its institution's open incident is one probe of a short table.
 */
export async function readAttentionFactors(client: Client, where: Prisma.Sql, limit?: number): Promise<(AttentionFactors & { id: number; attentionAt: Date })[]> {
  const linksIn = (state: string) =>
    Prisma.sql`CASE WHEN ${LINK_SINCE_STATUS} THEN (SELECT COUNT(*) FROM "Link" l WHERE l."credentialId" = c.id AND l.state = ${state} AND l."lastSentAt" >= c."statusChangedAt") ELSE 0 END`;
  const rows = await queryRows<FactorRow>(
    client,
    Prisma.sql`SELECT c.id, c.status, c."statusChangedAt", c.recurring, c."institutionId", c."attentionAt",
      ${linksIn('SENT')} AS "unopenedLinks", ${linksIn('FAILED')} AS "failedAttempts",
      EXISTS (SELECT 1 FROM "Incident" i WHERE i."institutionId" = c."institutionId" AND i."closedAt" IS NULL) AS "institutionIncident"
      FROM "Credential" c WHERE ${where} ORDER BY c.id ${limit ? Prisma.sql`LIMIT ${limit}` : Prisma.empty}`,
    ['recurring', 'institutionIncident'],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    status: r.status,
    statusChangedAt: new Date(r.statusChangedAt),
    attentionAt: new Date(r.attentionAt),
    unopenedLinks: Number(r.unopenedLinks),
    failedAttempts: Number(r.failedAttempts),
    recurring: r.recurring,
    institutionIncident: r.institutionIncident,
  }));
}

/** Re-ranks one batch; answers its last id (null when it was empty). */
async function refreshBatch(client: Client, where: Prisma.Sql, limit?: number): Promise<number | null> {
  const factors = await readAttentionFactors(client, where, limit);
  // One UPDATE per distinct rank: an ingestion batch stamps its changes with one time, so few.
  const byRank = new Map<number, number[]>();
  for (const f of factors) {
    const rank = attentionOf(f).rankAt.getTime();
    if (rank === f.attentionAt.getTime()) continue;
    const ids = byRank.get(rank);
    if (ids) ids.push(f.id);
    else byRank.set(rank, [f.id]);
  }
  for (const [rank, ids] of byRank) await client.$executeRaw`UPDATE "Credential" SET "attentionAt" = ${new Date(rank)} WHERE id IN (${Prisma.join(ids)})`;
  return factors.at(-1)?.id ?? null;
}
