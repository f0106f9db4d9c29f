import 'server-only';
import { attentionOf, type AttentionFactors } from '@/lib/domain/attention.ts';
import type { Db, Tx } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';

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

interface RankedRow {
  id: number;
  status: string;
  statusChangedAt: Date;
  recurring: boolean;
  institutionId: string;
  attentionAt: Date;
}

/** The factors of the credentials `where` selects (over alias c), read in three short queries. */
export async function readAttentionFactors(client: Client, where: Prisma.Sql, limit?: number): Promise<(AttentionFactors & { id: number; attentionAt: Date })[]> {
  const rows = await queryRows<RankedRow>(
    client,
    Prisma.sql`SELECT c.id, c.status, c."statusChangedAt", c.recurring, c."institutionId", c."attentionAt" FROM "Credential" c WHERE ${where} ORDER BY c.id ${limit ? Prisma.sql`LIMIT ${limit}` : Prisma.empty}`,
    ['recurring'],
  );
  return factorsOf(client, rows);
}

/** The factors of rows already read (a list page): their links and their institutions' incidents. */
export async function factorsOf(client: Client, rows: RankedRow[]): Promise<(AttentionFactors & { id: number; attentionAt: Date })[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  // One after the other: inside a transaction (the ingestion's, a link's) both would queue on its one
  // connection anyway, and a query queued behind a failed one would reject with nobody awaiting it.
  const links = await queryRows<{ credentialId: number; unopened: number; failed: number }>(client, Prisma.sql`
    SELECT l."credentialId", SUM(CASE WHEN l.state = 'SENT' THEN 1 ELSE 0 END) AS unopened, SUM(CASE WHEN l.state = 'FAILED' THEN 1 ELSE 0 END) AS failed
    FROM "Link" l JOIN "Credential" c ON c.id = l."credentialId"
    WHERE l."credentialId" IN (${Prisma.join(ids)}) AND l."lastSentAt" >= c."statusChangedAt" GROUP BY l."credentialId"`);
  const incidents = await queryRows<{ institutionId: string }>(client, Prisma.sql`
    SELECT DISTINCT "institutionId" FROM "Incident" WHERE "closedAt" IS NULL AND "institutionId" IN (${Prisma.join([...new Set(rows.map((r) => r.institutionId))])})`);
  const linksOf = new Map(links.map((l) => [Number(l.credentialId), l]));
  const failing = new Set(incidents.map((i) => i.institutionId));
  return rows.map((r) => ({
    id: Number(r.id),
    status: r.status,
    statusChangedAt: new Date(r.statusChangedAt),
    attentionAt: new Date(r.attentionAt),
    unopenedLinks: Number(linksOf.get(Number(r.id))?.unopened ?? 0),
    failedAttempts: Number(linksOf.get(Number(r.id))?.failed ?? 0),
    recurring: r.recurring,
    institutionIncident: failing.has(r.institutionId),
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
