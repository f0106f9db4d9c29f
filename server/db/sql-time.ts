import 'server-only';
import { providerOf, type Db, type Tx } from './client.ts';
import { Prisma } from './sql.ts';

// Timestamps cut down in SQL, for the few statements that group or compare by day or by second.
// SQLite keeps Prisma DateTimes as ISO text ("2026-11-20T03:00:00.000+00:00"), PostgreSQL as
// timestamp(3): the cut is a prefix of the text on one, and to_char or date_trunc on the other.

/** The UTC day (YYYY-MM-DD) of a timestamp column. */
export const dayOf = (db: Db | Tx, column: string): Prisma.Sql =>
  Prisma.raw(providerOf(db) === 'sqlite' ? `substr(${column}, 1, 10)` : `to_char(${column}, 'YYYY-MM-DD')`);

/** A timestamp column cut to the whole second, for comparing with another one cut the same way. */
export const secondOf = (db: Db | Tx, column: string): Prisma.Sql =>
  Prisma.raw(providerOf(db) === 'sqlite' ? `substr(${column}, 1, 19)` : `date_trunc('second', ${column})`);
