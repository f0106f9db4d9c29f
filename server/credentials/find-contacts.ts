import 'server-only';
import { providerOf, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';

const MAX_CONTACTS = 1000;
const MIN_CONTACT_SEARCH = 3; // trigram indexes need three characters

/**
 * Contacts whose name or email contains `text`, case-insensitively, through the trigram index of
 * each database (SQLite FTS5 `trigram`, PostgreSQL pg_trgm). Shorter text matches no contact: it
 * would need a scan of every contact.
 */
export async function findContactIds(db: Db, text: string): Promise<number[]> {
  if (text.length < MIN_CONTACT_SEARCH) return [];
  if (providerOf(db) === 'sqlite') {
    const phrase = `"${text.replaceAll('"', '""')}"`;
    const rows = await queryRows<{ id: number }>(db, Prisma.sql`SELECT rowid AS id FROM "ContactSearch" WHERE "ContactSearch" MATCH ${phrase} LIMIT ${MAX_CONTACTS}`);
    return rows.map((r) => r.id);
  }
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await queryRows<{ id: number }>(db, Prisma.sql`
    SELECT id FROM "Contact" WHERE lower("name") LIKE ${pattern} OR lower("email") LIKE ${pattern} LIMIT ${MAX_CONTACTS}`);
  return rows.map((r) => r.id);
}

