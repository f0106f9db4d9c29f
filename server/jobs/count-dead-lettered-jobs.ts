import 'server-only';
import { providerOf, type Db } from '@/server/db/client.ts';
import { DEAD_LETTER_SUFFIX } from './pg-boss-engine.ts';

/**
 * Jobs that used up their retries and wait in a dead-letter queue for someone to look: a number
 * for /api/health. None on SQLite, whose in-process engine retries at the next slot instead.
 */
export async function countDeadLetteredJobs(db: Db): Promise<number> {
  if (providerOf(db) !== 'postgresql') return 0;
  // Until a process has started pg-boss its schema does not exist, and a query naming it fails to parse.
  const [{ exists }] = await db.$queryRaw<{ exists: boolean }[]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS exists`;
  if (!exists) return 0;
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE ${`%${DEAD_LETTER_SUFFIX}`} AND state = 'created'`;
  return n;
}
