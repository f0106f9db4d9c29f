import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import type { CredentialListQuery, CredentialPage } from '@/lib/schemas/credentials.ts';
import { db, type Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';
import { credentialFilter, FEW_SEARCH_MATCHES, whereAll } from './credential-filters.ts';
import { readCredentialRows, toListItem, type CredentialRow } from './credential-rows.ts';
import { getRecoveryTargets } from '@/server/settings/get-recovery-targets.ts';
import { decodeCursor, encodeCursor } from './list-cursor.ts';
import { readAttentionFactors } from './refresh-attention.ts';
import { explainAttention } from '@/lib/domain/attention.ts';
import { isBroken } from '@/lib/domain/recurrence.ts';

// The API's sort names → columns. "lastUpdatedAt" sorts by dataAsOf so credentials that never
// received data sort by their creation instead of being lost among NULLs.
const SORT_COLUMN = { lastUpdatedAt: 'dataAsOf', statusChangedAt: 'statusChangedAt', createdAt: 'createdAt', attention: 'attentionAt' } as const;

/** One keyset page of credentials, after `cursor` or before `before`: a deep page costs what the first one does. */
export async function listCredentials(actor: Actor, query: CredentialListQuery, options: { db?: Db; now?: Date } = {}): Promise<CredentialPage> {
  assertCan(actor, 'credentials.read');
  const client = options.db ?? db;
  const now = options.now ?? new Date();
  const column = SORT_COLUMN[query.sort];
  const backwards = Boolean(query.before) && !query.cursor;
  // Reading backwards walks the same index the other way, then turns the page around.
  const ascending = backwards ? query.order !== 'asc' : query.order === 'asc';
  const [{ conditions: filters, fewMatches }, targets] = await Promise.all([credentialFilter(client, actor, query, now), getRecoveryTargets(client)]);
  // A search matching few: the filters pick them in a subquery that neither database merges into the
  // page's query (it has its own LIMIT), so the page sorts those few (see credentialFilter).
  const from = fewMatches ? Prisma.sql`(SELECT * FROM "Credential" c ${whereAll(filters)} LIMIT ${FEW_SEARCH_MATCHES}) c` : undefined;
  const conditions = fewMatches ? [] : filters;
  const position = query.cursor ?? (backwards ? query.before : undefined);
  const col = Prisma.raw(`c."${column}"`);
  if (position) {
    const cursor = decodeCursor(position, query.cursor ? 'cursor' : 'before');
    const value = new Date(cursor.value);
    const beyond = Prisma.raw(ascending ? '>' : '<');
    // A row-value comparison: both databases walk the (column, id) index from the cursor. The
    // equivalent "a > x OR (a = x AND id > y)" made SQLite scan and sort a million rows.
    conditions.push(Prisma.sql`(${col}, c.id) ${beyond} (${value}, ${cursor.id})`);
  }
  const direction = Prisma.raw(ascending ? 'ASC' : 'DESC');
  const rows = await readCredentialRows(client, whereAll(conditions), Prisma.sql`ORDER BY ${col} ${direction}, c.id ${direction}`, query.limit + 1, from);
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (backwards) page.reverse();
  const cursorOf = (row: CredentialRow | undefined) => (row ? encodeCursor({ value: (row[column] as Date).toISOString(), id: row.id }) : null);
  const explained = query.sort === 'attention' ? await explainRanks(client, page, now) : new Map<number, string>();
  return {
    items: page.map((row) => ({ ...toListItem(row, actor, now, targets), ...(explained.has(row.id) ? { attention: explained.get(row.id) } : {}) })),
    nextCursor: backwards || more ? cursorOf(page.at(-1)) : null,
    prevCursor: backwards ? (more ? cursorOf(page[0]) : null) : position ? cursorOf(page[0]) : null,
  };
}

/** Each broken row's rank in words, from the same factors that set it. */
async function explainRanks(client: Db, page: CredentialRow[], now: Date): Promise<Map<number, string>> {
  const broken = page.filter((row) => isBroken(row.status)).map((row) => row.id);
  if (broken.length === 0) return new Map();
  const factors = await readAttentionFactors(client, Prisma.sql`c.id IN (${Prisma.join(broken)})`);
  return new Map(factors.map((f) => [f.id, explainAttention(f, now)]));
}
