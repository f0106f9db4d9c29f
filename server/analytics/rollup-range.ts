import 'server-only';
import type { ResolvedRange } from '@/lib/schemas/analytics.ts';
import { Prisma } from '@/server/db/sql.ts';

/** The WHERE clause over `"DailyInstitutionRollup" r` for a range: the primary key (day, institution) answers it. */
export function rollupRange(range: ResolvedRange): Prisma.Sql {
  const institutions = range.institutions.length ? Prisma.sql` AND r."institutionId" IN (${Prisma.join(range.institutions)})` : Prisma.empty;
  return Prisma.sql`WHERE r.day >= ${range.from} AND r.day <= ${range.to}${institutions}`;
}

/** A SUM() that found no rows (NULL) counts nothing. */
export const toCount = (value: number | null) => value ?? 0;
