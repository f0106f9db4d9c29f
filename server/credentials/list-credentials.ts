import 'server-only';
import type { CredentialStatus } from '@/lib/domain/credential-status.ts';
import type { CredentialListItem, CredentialListQuery, CredentialPage } from '@/lib/schemas/credentials.ts';
import { assertCan, can, type Actor } from '@/lib/domain/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';
import { env } from '@/server/env.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { credentialFilter, FEW_SEARCH_MATCHES, whereAll } from './credential-filters.ts';
import { maskEmail } from '@/lib/domain/mask-email.ts';
import { isStale } from './staleness.ts';

// The API's sort names → columns. "lastUpdatedAt" sorts by dataAsOf so credentials that never
// received data sort by their creation instead of being lost among NULLs.
const SORT_COLUMN = { lastUpdatedAt: 'dataAsOf', statusChangedAt: 'statusChangedAt', createdAt: 'createdAt' } as const;

interface Cursor {
  value: string;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');
}

function decodeCursor(raw: string, parameter: 'cursor' | 'before'): Cursor {
  try {
    const [value, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value)) && Number.isInteger(id)) return { value, id: id as number };
  } catch {
    // fall through to the clear message below
  }
  throw new AppError('BAD_REQUEST', `${parameter}: is not a cursor this API returned`);
}

/** A credential as the list, the export and the detail page read it. */
export interface CredentialRow {
  id: number;
  token: string;
  status: string;
  lastUpdatedAt: Date | null;
  dataAsOf: Date;
  lastAttemptAt: Date | null;
  lastAttemptOutcome: string | null;
  statusChangedAt: Date;
  createdAt: Date;
  partialData: boolean | number;
  externalReference: string | null;
  institution: { id: string; name: string };
  owner: { id: string; name: string } | null;
  contacts: { id: number; name: string; email: string }[];
}

export function toListItem(row: CredentialRow, actor: Actor, now: Date): CredentialListItem {
  const status = row.status as CredentialStatus;
  const unmasked = can(actor, 'contacts.readUnmasked');
  return {
    token: row.token,
    institution: row.institution,
    status,
    lastUpdatedAt: row.lastUpdatedAt?.toISOString() ?? null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastAttemptOutcome: row.lastAttemptOutcome,
    statusChangedAt: row.statusChangedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    dataAsOf: row.dataAsOf.toISOString(),
    stale: isStale({ status, lastUpdatedAt: row.lastUpdatedAt, createdAt: row.createdAt }, now, env.STALE_AFTER_HOURS),
    partialData: Boolean(row.partialData),
    externalReference: row.externalReference,
    owner: row.owner,
    contacts: row.contacts.map((c) => ({ id: c.id, name: c.name, email: unmasked ? c.email : maskEmail(c.email) })),
  };
}

interface PageRow extends Omit<CredentialRow, 'institution' | 'owner' | 'contacts'> {
  institutionId: string;
  institutionName: string;
  ownerId: string | null;
  ownerName: string | null;
}

/**
 * Credentials with their institution, owner and contacts: one query for the rows, one for the contacts.
 * The names come from scalar subqueries, not joins, so "Credential" is the only table the planner
 * can start from: with joins, SQLite chose to loop over institutions and sort every credential past
 * an early cursor (2 s a page of the export at a million) instead of walking the sort index. `from`
 * replaces the table with a subquery of it (a search's few matches, see listCredentials).
 */
export async function readCredentialRows(client: Db, where: Prisma.Sql, order: Prisma.Sql, limit: number, from: Prisma.Sql = Prisma.sql`"Credential" c`): Promise<CredentialRow[]> {
  const rows = await client.$queryRaw<PageRow[]>`
    SELECT c.id, c.token, c.status, c."lastUpdatedAt", c."dataAsOf", c."lastAttemptAt", c."lastAttemptOutcome",
           c."statusChangedAt", c."createdAt", c."partialData", c."externalReference",
           c."institutionId", (SELECT i.name FROM "Institution" i WHERE i.id = c."institutionId") AS "institutionName",
           c."ownerId", (SELECT u.name FROM "User" u WHERE u.id = c."ownerId") AS "ownerName"
    FROM ${from}
    ${where} ${order} LIMIT ${limit}`;
  if (rows.length === 0) return [];
  const contacts = await client.$queryRaw<{ credentialId: number; id: number; name: string; email: string }[]>`
    SELECT cc."credentialId", ct.id, ct.name, ct.email FROM "CredentialContact" cc JOIN "Contact" ct ON ct.id = cc."contactId"
    WHERE cc."credentialId" IN (${Prisma.join(rows.map((r) => r.id))}) ORDER BY ct.id`;
  const byCredential = new Map<number, CredentialRow['contacts']>();
  for (const { credentialId, ...contact } of contacts) {
    const list = byCredential.get(Number(credentialId)) ?? [];
    list.push({ ...contact, id: Number(contact.id) });
    byCredential.set(Number(credentialId), list);
  }
  return rows.map(({ institutionId, institutionName, ownerId, ownerName, ...row }) => ({
    ...row,
    id: Number(row.id),
    institution: { id: institutionId, name: institutionName },
    owner: ownerId ? { id: ownerId, name: ownerName ?? '' } : null,
    contacts: byCredential.get(Number(row.id)) ?? [],
  }));
}

/** One keyset page of credentials, after `cursor` or before `before`: a deep page costs what the first one does. */
export async function listCredentials(actor: Actor, query: CredentialListQuery, options: { db?: Db; now?: Date } = {}): Promise<CredentialPage> {
  assertCan(actor, 'credentials.read');
  const client = options.db ?? db;
  const now = options.now ?? new Date();
  const column = SORT_COLUMN[query.sort];
  const backwards = Boolean(query.before) && !query.cursor;
  // Reading backwards walks the same index the other way, then turns the page around.
  const ascending = backwards ? query.order !== 'asc' : query.order === 'asc';
  const { conditions: filters, fewMatches } = await credentialFilter(client, query, now);
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
  return {
    items: page.map((row) => toListItem(row, actor, now)),
    nextCursor: backwards || more ? cursorOf(page.at(-1)) : null,
    prevCursor: backwards ? (more ? cursorOf(page[0]) : null) : position ? cursorOf(page[0]) : null,
  };
}
