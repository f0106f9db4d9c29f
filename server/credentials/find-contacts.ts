import 'server-only';
import { providerOf, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';

const MAX_CONTACTS = 1000;
const MIN_CONTACT_SEARCH = 3; // trigram indexes need three characters

/** How a search matches contact emails: by any part (staff who see them in full) or only as the whole address. */
export type EmailMatch = 'fragment' | 'exact';

/**
 * Contacts whose name contains `text`, case-insensitively, through the trigram index of each
 * database (SQLite FTS5 `trigram`, PostgreSQL pg_trgm), and whose email contains it (`fragment`)
 * or is it (`exact`). Exact is for staff who see emails masked: had a part matched, the search
 * would have told them, guess by guess, what the mask hides (issue 16). Shorter text matches no
 * contact: it would need a scan of every contact.
 */
export async function findContactIds(db: Db, text: string, emails: EmailMatch): Promise<number[]> {
  if (text.length < MIN_CONTACT_SEARCH) return [];
  if (emails === 'fragment') return containing(db, text, true);
  const named = await containing(db, text, false);
  if (!text.includes('@')) return named;
  // The "Contact".email index answers the equality; emails are stored lower-case (the contact schema lowers them).
  const exact = await queryRows<{ id: number }>(db, Prisma.sql`SELECT id FROM "Contact" WHERE email = ${text.toLowerCase()} LIMIT ${MAX_CONTACTS}`);
  return [...new Set([...exact.map((r) => r.id), ...named])].slice(0, MAX_CONTACTS);
}

/** Contacts whose name, or with `withEmails` whose name or email, contains `text`. */
async function containing(db: Db, text: string, withEmails: boolean): Promise<number[]> {
  if (providerOf(db) === 'sqlite') {
    const phrase = `"${text.replaceAll('"', '""')}"`;
    // A column filter keeps the search to names, in the same index.
    const match = withEmails ? phrase : `name : ${phrase}`;
    const rows = await queryRows<{ id: number }>(db, Prisma.sql`SELECT rowid AS id FROM "ContactSearch" WHERE "ContactSearch" MATCH ${match} LIMIT ${MAX_CONTACTS}`);
    return rows.map((r) => r.id);
  }
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const email = withEmails ? Prisma.sql`OR lower("email") LIKE ${pattern}` : Prisma.empty;
  const rows = await queryRows<{ id: number }>(db, Prisma.sql`
    SELECT id FROM "Contact" WHERE lower("name") LIKE ${pattern} ${email} LIMIT ${MAX_CONTACTS}`);
  return rows.map((r) => r.id);
}

