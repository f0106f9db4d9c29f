import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { DAY_MS, HOUR_MS } from '@/lib/domain/time.ts';
import { resolveRange, type AnalyticsRange, type RecoveryTimeRow, type RecoveryTimes } from '@/lib/schemas/analytics.ts';
import { db, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { getRecoveryTargets } from '@/server/settings/get-recovery-targets.ts';

interface Group {
  id: string | null;
  name: string | null;
  recovered: number;
  within: number;
  seconds: number;
}

/**
 * Time to recover, per institution and per (current) owner: the credentials that went from Blocked or
 * Pending SCA back to working in the range, how long they had been broken (recorded with each status
 * change), and how many recovered within their status's target (recoveredWithinTarget, as SQL).
 */
export async function getRecoveryTimes(actor: Actor, range: AnalyticsRange, options: { db?: Db; now?: Date } = {}): Promise<RecoveryTimes> {
  assertCan(actor, 'analytics.read');
  const client = options.db ?? db;
  const { from, to, institutions } = resolveRange(range, options.now ?? new Date());
  const targets = await getRecoveryTargets(client);
  const seconds = (days: number) => (days * DAY_MS) / 1000;
  const where = Prisma.sql`s."observedAt" >= ${new Date(`${from}T00:00:00Z`)} AND s."observedAt" < ${new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS)}
    AND s."fromStatus" IN ('BLOCKED', 'PENDING_SCA') AND s."toStatus" NOT IN ('BLOCKED', 'PENDING_SCA') AND s."secondsInPrevious" IS NOT NULL
    ${institutions.length ? Prisma.sql`AND c."institutionId" IN (${Prisma.join(institutions)})` : Prisma.empty}`;
  const within = Prisma.sql`SUM(CASE WHEN (s."fromStatus" = 'BLOCKED' AND s."secondsInPrevious" <= ${seconds(targets.BLOCKED)}) OR (s."fromStatus" = 'PENDING_SCA' AND s."secondsInPrevious" <= ${seconds(targets.PENDING_SCA)}) THEN 1 ELSE 0 END)`;
  const grouped = (key: Prisma.Sql, name: Prisma.Sql) =>
    queryRows<Group>(client, Prisma.sql`
      SELECT ${key} AS id, ${name} AS name, COUNT(*) AS recovered, ${within} AS within, SUM(s."secondsInPrevious") AS seconds
      FROM "StatusChange" s JOIN "Credential" c ON c.id = s."credentialId"
      WHERE ${where} GROUP BY ${key} ORDER BY recovered DESC, ${key}`);
  const [byInstitution, byOwner] = await Promise.all([
    grouped(Prisma.sql`c."institutionId"`, Prisma.sql`(SELECT i.name FROM "Institution" i WHERE i.id = c."institutionId")`),
    grouped(Prisma.sql`c."ownerId"`, Prisma.sql`(SELECT u.name FROM "User" u WHERE u.id = c."ownerId")`),
  ]);
  const row = (g: Group, fallback: string): RecoveryTimeRow => ({
    id: g.id,
    name: g.name ?? fallback,
    recovered: Number(g.recovered),
    withinTarget: Number(g.within),
    averageHours: Math.round((Number(g.seconds) / Number(g.recovered) / (HOUR_MS / 1000)) * 10) / 10,
  });
  const all = byInstitution.reduce((sum, g) => ({ ...sum, recovered: sum.recovered + Number(g.recovered), within: sum.within + Number(g.within), seconds: sum.seconds + Number(g.seconds) }), { id: null, name: 'All', recovered: 0, within: 0, seconds: 0 } as Group);
  return {
    targets,
    overall: all.recovered ? row(all, 'All') : { id: null, name: 'All', recovered: 0, withinTarget: 0, averageHours: 0 },
    byInstitution: byInstitution.map((g) => row(g, g.id ?? '')),
    byOwner: byOwner.map((g) => row(g, 'Unassigned')),
  };
}
