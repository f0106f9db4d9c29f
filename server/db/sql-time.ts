import 'server-only';
import { providerOf, type Db } from './client.ts';
import { Prisma } from './generated/sqlite/client.ts';

// Timestamps cut down in SQL, for the few statements that group or compare by day or by second.
// SQLite keeps Prisma DateTimes as ISO text ("2026-11-20T03:00:00.000+00:00"), PostgreSQL as
// timestamp(3): the same cut is a prefix of the text on one and to_char on the other, and both
// sort and compare as text the same way.

/** The UTC day (YYYY-MM-DD) of a timestamp column. */
export const dayOf = (db: Db, column: string): Prisma.Sql =>
  Prisma.raw(providerOf(db) === 'sqlite' ? `substr(${column}, 1, 10)` : `to_char(${column}, 'YYYY-MM-DD')`);

/** A timestamp column to the whole second (YYYY-MM-DDTHH:MM:SS). */
export const secondOf = (db: Db, column: string): Prisma.Sql =>
  Prisma.raw(providerOf(db) === 'sqlite' ? `substr(${column}, 1, 19)` : `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS')`);
