import 'server-only';
import type { CredentialStatus } from '@/lib/credential-status.ts';
import type { CredentialListItem, CredentialListQuery, CredentialPage } from '@/lib/schemas/credentials.ts';
import { can, assertCan, type Actor } from '@/server/auth/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import type { Prisma } from '@/server/db/generated/sqlite/client.ts';
import { env } from '@/server/env.ts';
import { AppError } from '@/server/http/errors.ts';
import { credentialWhere } from './credential-filters.ts';
import { maskEmail } from './mask-email.ts';
import { isStale } from './staleness.ts';

// The API's sort names → columns. "lastUpdatedAt" sorts by dataAsOf so credentials that never
// received data sort by their creation instead of being lost among NULLs.
const SORT_COLUMN = { lastUpdatedAt: 'dataAsOf', statusChangedAt: 'statusChangedAt', createdAt: 'createdAt' } as const;
type SortColumn = (typeof SORT_COLUMN)[keyof typeof SORT_COLUMN];

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

export const credentialSelect = {
  id: true,
  token: true,
  status: true,
  lastUpdatedAt: true,
  dataAsOf: true,
  lastAttemptAt: true,
  lastAttemptOutcome: true,
  statusChangedAt: true,
  createdAt: true,
  partialData: true,
  externalReference: true,
  institution: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true } },
  contacts: { select: { contact: { select: { id: true, name: true, email: true } } }, orderBy: { contactId: 'asc' } },
} satisfies Prisma.CredentialSelect;

type CredentialRow = Prisma.CredentialGetPayload<{ select: typeof credentialSelect }>;

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
    partialData: row.partialData,
    externalReference: row.externalReference,
    owner: row.owner,
    contacts: row.contacts.map(({ contact }) => ({ id: contact.id, name: contact.name, email: unmasked ? contact.email : maskEmail(contact.email) })),
  };
}

/** One keyset page of credentials, after `cursor` or before `before`: a deep page costs what the first one does. */
export async function listCredentials(actor: Actor, query: CredentialListQuery, options: { db?: Db; now?: Date } = {}): Promise<CredentialPage> {
  assertCan(actor, 'credentials.read');
  const client = options.db ?? db;
  const now = options.now ?? new Date();
  const column: SortColumn = SORT_COLUMN[query.sort];
  const backwards = Boolean(query.before) && !query.cursor;
  // Reading backwards walks the same index the other way, then turns the page around.
  const direction = backwards ? (query.order === 'asc' ? 'desc' : 'asc') : query.order;
  const where: Prisma.CredentialWhereInput[] = [await credentialWhere(client, query, now)];
  const position = query.cursor ?? (backwards ? query.before : undefined);
  if (position) {
    const cursor = decodeCursor(position, query.cursor ? 'cursor' : 'before');
    const value = new Date(cursor.value);
    const beyond = direction === 'asc' ? 'gt' : 'lt';
    where.push({ OR: [{ [column]: { [beyond]: value } }, { [column]: value, id: { [beyond]: cursor.id } }] });
  }
  const rows = await client.credential.findMany({
    where: { AND: where },
    orderBy: [{ [column]: direction }, { id: direction }],
    take: query.limit + 1,
    select: credentialSelect,
  });
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
