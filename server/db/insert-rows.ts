import 'server-only';
import { Prisma } from './generated/sqlite/client.ts';
import type { Tx } from './client.ts';

type Value = string | number | boolean | Date | null;

const quote = (identifier: string) => `"${identifier}"`;

/**
 * A multi-row INSERT as one statement, optionally an upsert. Prisma's createMany and upsert compile
 * every parameter through the query compiler (~0.25 ms a row, ~3 ms an upsert, measured here) and
 * the ingestion writes thousands of rows per poll. `onConflict` is the same SQL on SQLite and
 * PostgreSQL: `add` columns are summed with the existing row, `replace` columns overwritten.
 * Tables and columns come from code, never from input; values are always bound parameters.
 */
export async function insertRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly Value[][],
  onConflict?: { key: readonly string[]; add?: readonly string[]; replace?: readonly string[] },
  chunk = 500,
): Promise<void> {
  if (rows.length === 0) return;
  const head = Prisma.raw(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `);
  let tail = Prisma.empty;
  if (onConflict) {
    const sets = [
      ...(onConflict.add ?? []).map((c) => `${quote(c)} = ${quote(table)}.${quote(c)} + excluded.${quote(c)}`),
      ...(onConflict.replace ?? []).map((c) => `${quote(c)} = excluded.${quote(c)}`),
    ];
    tail = Prisma.raw(` ON CONFLICT (${onConflict.key.map(quote).join(', ')}) DO UPDATE SET ${sets.join(', ')}`);
  }
  for (let i = 0; i < rows.length; i += chunk) {
    const values = rows.slice(i, i + chunk).map((row) => Prisma.sql`(${Prisma.join(row)})`);
    await tx.$executeRaw`${head}${Prisma.join(values)}${tail}`;
  }
}
