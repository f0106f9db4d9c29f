import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { dayOf } from '@/server/db/sql-time.ts';
import { insertRows } from '@/server/db/insert-rows.ts';
import { prunedRefreshRecordsBefore } from '@/server/maintenance/prune-old-records.ts';
import { OUTCOME_COLUMN, STATUS_COLUMN } from './daily-rollups.ts';
import { stampLinkRecoveries } from './link-recoveries.ts';
import { DAY_MS, utcDay } from '@/lib/domain/time.ts';


type Row = Record<string, number>;
const zeroRow = (): Row => Object.fromEntries([...Object.values(OUTCOME_COLUMN), ...Object.values(STATUS_COLUMN)].map((c) => [c, 0]));

/**
 * Rebuilds every daily rollup from the raw rows, replacing what the ingestion wrote: the repair for
 * drift and the way to fill rollups for data loaded without them. Outcomes count each refresh
 * record on the day of its attempt (the extraction time for a success, the observation for a
 * failure), as the ingestion does. Statuses replay the status changes: each one moves a credential
 * out of one status and into another, and the running total at the end of a day is that day's
 * distribution, through `until`. Links' recovery times are stamped again too. Running it twice
 * gives the same result. Days whose refresh records the retention job pruned (some or all) keep the
 * outcome figures they have, as do the recovery times of links opened then: there is nothing left
 * to recount them from.
 */
export async function rebuildDailyRollups(db: Db, until: Date = new Date()): Promise<{ days: number; rows: number }> {
  const attemptDay = dayOf(db, `CASE WHEN r.outcome = 'SUCCESS' THEN r."flanksUpdatedAt" ELSE r."observedAt" END`);
  const prunedBefore = await prunedRefreshRecordsBefore(db);
  const lastPrunedDay = prunedBefore ? utcDay(prunedBefore.getTime()) : null;
  const [outcomes, moves, kept] = await Promise.all([
    queryRows<{ day: string; institutionId: string; outcome: keyof typeof OUTCOME_COLUMN; n: number }>(db, Prisma.sql`
      SELECT ${attemptDay} AS day, c."institutionId", r.outcome, COUNT(*) AS n
      FROM "RefreshRecord" r JOIN "Credential" c ON c.id = r."credentialId"
      GROUP BY 1, 2, 3`),
    queryRows<{ day: string; institutionId: string; fromStatus: keyof typeof STATUS_COLUMN | null; toStatus: keyof typeof STATUS_COLUMN; n: number }>(db, Prisma.sql`
      SELECT ${dayOf(db, 's."observedAt"')} AS day, c."institutionId", s."fromStatus", s."toStatus", COUNT(*) AS n
      FROM "StatusChange" s JOIN "Credential" c ON c.id = s."credentialId"
      GROUP BY 1, 2, 3, 4`),
    lastPrunedDay ? db.dailyInstitutionRollup.findMany({ where: { day: { lte: lastPrunedDay } } }) : [],
  ]);

  const rollups = new Map<string, Row>();
  const rowOf = (day: string, institutionId: string) => {
    const key = `${day}|${institutionId}`;
    let row = rollups.get(key);
    if (!row) rollups.set(key, (row = zeroRow()));
    return row;
  };
  for (const o of outcomes) if (!lastPrunedDay || o.day > lastPrunedDay) rowOf(o.day, o.institutionId)[OUTCOME_COLUMN[o.outcome]] += o.n;
  for (const k of kept) {
    const row = rowOf(k.day, k.institutionId);
    for (const column of Object.values(OUTCOME_COLUMN)) row[column] = k[column as keyof typeof k] as number;
  }

  const movesByDay = new Map<string, typeof moves>();
  for (const m of moves) movesByDay.set(m.day, [...(movesByDay.get(m.day) ?? []), m]);
  const running = new Map<string, Row>();
  const firstDay = [...movesByDay.keys()].sort()[0];
  const lastDay = utcDay(until.getTime());
  for (let day = firstDay; day && day <= lastDay; day = utcDay(Date.parse(day) + DAY_MS)) {
    for (const m of movesByDay.get(day) ?? []) {
      const counts = running.get(m.institutionId) ?? zeroRow();
      if (m.fromStatus) counts[STATUS_COLUMN[m.fromStatus]] -= m.n;
      counts[STATUS_COLUMN[m.toStatus]] += m.n;
      running.set(m.institutionId, counts);
    }
    for (const [institutionId, counts] of running) {
      const row = rowOf(day, institutionId);
      for (const column of Object.values(STATUS_COLUMN)) row[column] = counts[column];
    }
  }

  const columns = Object.keys(zeroRow());
  const rows = [...rollups].map(([key, row]) => [...key.split('|'), ...columns.map((c) => row[c])]);
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`DELETE FROM "DailyInstitutionRollup"`;
      await insertRows(tx, 'DailyInstitutionRollup', ['day', 'institutionId', ...columns], rows);
      // The recovery funnel's figure per link, from the refresh records, as the ingestion stamps it.
      await tx.$executeRaw`UPDATE "Link" SET "recoveredAt" = NULL WHERE ${prunedBefore ?? new Date(0)} <= "openedAt"`;
      await stampLinkRecoveries(tx);
    },
    { timeout: 600_000 },
  );
  return { days: new Set(rows.map((r) => r[0])).size, rows: rows.length };
}
