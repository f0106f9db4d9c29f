import 'server-only';
import { Prisma } from './generated/sqlite/client.ts';
import type { Tx } from './client.ts';

type Value = string | number | boolean | Date | null;

const quote = (identifier: string) => `"${identifier}"`;

export interface OnConflict {
  key: readonly string[];
  /** Summed with the existing row. */
  add?: readonly string[];
  /** Overwritten. */
  replace?: readonly string[];
}

/**
 * A multi-row INSERT as one statement, optionally an upsert. Prisma's createMany and upsert compile
 * every parameter through the query compiler, and the ingestion writes thousands of rows per poll
 * (docs/BENCHMARKS.md, the daily ingestion). `onConflict` is the same SQL on SQLite and
 * PostgreSQL; without `add` or `replace` a conflicting row is left as it is.
 * Tables and columns come from code, never from input; values are always bound parameters.
 */
export async function insertRows(tx: Tx, table: string, columns: readonly string[], rows: readonly Value[][], onConflict?: OnConflict): Promise<void> {
  for (const statement of insertStatements(table, columns, rows, onConflict, Prisma.empty)) await tx.$executeRaw`${statement}`;
}

/** insertRows that answers the rows it actually wrote (a conflict left alone is not among them). */
export async function insertRowsReturning<Row>(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly Value[][],
  onConflict: OnConflict,
  returning: readonly string[],
): Promise<Row[]> {
  const written: Row[] = [];
  for (const statement of insertStatements(table, columns, rows, onConflict, Prisma.raw(` RETURNING ${returning.map(quote).join(', ')}`))) {
    written.push(...(await tx.$queryRaw<Row[]>`${statement}`));
  }
  return written;
}

const CHUNK = 500;

function insertStatements(table: string, columns: readonly string[], rows: readonly Value[][], onConflict: OnConflict | undefined, returning: Prisma.Sql): Prisma.Sql[] {
  const head = Prisma.raw(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `);
  let tail = Prisma.empty;
  if (onConflict) {
    const sets = [
      ...(onConflict.add ?? []).map((c) => `${quote(c)} = ${quote(table)}.${quote(c)} + excluded.${quote(c)}`),
      ...(onConflict.replace ?? []).map((c) => `${quote(c)} = excluded.${quote(c)}`),
    ];
    const action = sets.length ? `DO UPDATE SET ${sets.join(', ')}` : 'DO NOTHING';
    tail = Prisma.raw(` ON CONFLICT (${onConflict.key.map(quote).join(', ')}) ${action}`);
  }
  const statements: Prisma.Sql[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((row) => Prisma.sql`(${Prisma.join(row)})`);
    statements.push(Prisma.sql`${head}${Prisma.join(values)}${tail}${returning}`);
  }
  return statements;
}
