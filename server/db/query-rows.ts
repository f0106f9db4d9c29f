import 'server-only';
import type { Db, Tx } from './client.ts';
import type { Prisma } from './sql.ts';

/**
 * Raw rows with one shape on both databases. PostgreSQL answers COUNT and SUM as bigint and SQLite
 * answers booleans as 0 or 1: here every bigint becomes a number (counts stay far below 2^53) and
 * the columns named in `booleans` become true or false, so the use cases see plain values.
 */
export async function queryRows<T extends object>(client: Db | Tx, query: Prisma.Sql, booleans: readonly (keyof T & string)[] = []): Promise<T[]> {
  const rows = await client.$queryRaw<Record<string, unknown>[]>(query);
  for (const row of rows) {
    for (const key in row) if (typeof row[key] === 'bigint') row[key] = Number(row[key]);
    for (const key of booleans) if (typeof row[key] === 'number') row[key] = row[key] !== 0;
  }
  return rows as T[];
}
