import 'server-only';
import { can, type Actor } from '@/lib/domain/permissions.ts';
import { ownerFilterOf } from '@/lib/domain/owner-filter.ts';
import { overTargetCutoffs } from '@/lib/domain/recovery-targets.ts';
import { isBroken } from '@/lib/domain/recurrence.ts';
import { getRecoveryTargets } from '@/server/settings/get-recovery-targets.ts';
import { DAY_MS } from '@/lib/domain/time.ts';
import type { CredentialFilters } from '@/lib/schemas/credentials.ts';
import type { Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { env } from '@/server/env.ts';
import { findContactIds } from './find-contacts.ts';
import { staleSql } from './staleness.ts';

const MAX_LINKED_IDS = 20_000;

/** A link was sent (or re-sent, or reminded) since the credential entered its status. */
export const LINK_SINCE_STATUS = Prisma.sql`c."linkSentAt" >= c."statusChangedAt"`;
/** Its negation, a NULL linkSentAt (never a link) included. */
const NO_LINK_SINCE_STATUS = Prisma.sql`(c."linkSentAt" IS NULL OR c."linkSentAt" < c."statusChangedAt")`;

/** Starts with `prefix`, as a range the column's b-tree index can answer (LIKE 'x%' often cannot). */
const startsWith = (column: string, prefix: string) => Prisma.sql`(${Prisma.raw(column)} >= ${prefix} AND ${Prisma.raw(column)} < ${`${prefix}\uffff`})`;

/**
 * The WHERE clause (over `"Credential" c`) shared by the list, the counts and the export, so they
 * never disagree. Plain SQL, the same text on SQLite and PostgreSQL: the list is the hottest path and
 * Prisma's query compiler costs several times the query itself (docs/BENCHMARKS.md). Free text
 * matches the start of a token or an external reference, or contacts found by the trigram index:
 * by any part of a name, and by email as far as the actor sees it (findContactIds): any part for
 * those who see emails in full, only the whole address for those who see them masked.
 */
export async function credentialConditions(
  db: Db,
  actor: Actor,
  filters: Partial<CredentialFilters>,
  now: Date,
  options: { ignoreStatus?: boolean } = {},
): Promise<Prisma.Sql[]> {
  return (await credentialFilter(db, actor, filters, now, options)).conditions;
}

/** At most this many credentials match a search for the list to fetch them all and sort them. */
export const FEW_SEARCH_MATCHES = 5_000;

/**
 * The conditions, and whether a free-text search matches at most FEW_SEARCH_MATCHES credentials.
 * Then the list sorts those few instead of walking its sort index: PostgreSQL's planner, told
 * "these 1,000 ids", assumes they are spread evenly and walks the index expecting the first 51
 * soon, which for a name matched by a few hundred credentials read most of the table
 * (docs/BENCHMARKS.md, search). A search that matches many is found soon by the walk, as the planner expects.
 */
export async function credentialFilter(
  db: Db,
  actor: Actor,
  filters: Partial<CredentialFilters>,
  now: Date,
  options: { ignoreStatus?: boolean } = {},
): Promise<{ conditions: Prisma.Sql[]; fewMatches: boolean }> {
  let fewMatches = false;
  const and: Prisma.Sql[] = [];
  // Links are what unlock Pending SCA and Blocked: a link filter picks among those two only. Narrowed
  // here rather than added as a second status condition, which made SQLite read both statuses'
  // ranges and sort them (400 ms at a million, docs/BENCHMARKS.md).
  const linkable = (status: string) => (filters.link ? isBroken(status) : true);
  const statuses = !options.ignoreStatus && filters.status?.length ? filters.status.filter(linkable) : filters.link ? ['BLOCKED', 'PENDING_SCA'] : [];
  if (statuses.length) and.push(Prisma.sql`c.status IN (${Prisma.join(statuses)})`);
  else if (!options.ignoreStatus && filters.status?.length) and.push(Prisma.sql`1 = 0`);
  if (filters.institution?.length) and.push(Prisma.sql`c."institutionId" IN (${Prisma.join(filters.institution)})`);
  const owner = ownerFilterOf(filters.owner, actor.id);
  if (owner.kind === 'unowned') and.push(Prisma.sql`c."ownerId" IS NULL`);
  if (owner.kind === 'user') and.push(Prisma.sql`c."ownerId" = ${owner.id}`);
  if (filters.stale) and.push(staleSql(now, env.STALE_AFTER_HOURS));
  if (filters.overTarget) {
    // Each status against its own cutoff: two ranges of the (status, statusChangedAt) index.
    const cutoffs = overTargetCutoffs(await getRecoveryTargets(db), now);
    and.push(Prisma.sql`((c.status = 'BLOCKED' AND c."statusChangedAt" < ${cutoffs.BLOCKED}) OR (c.status = 'PENDING_SCA' AND c."statusChangedAt" < ${cutoffs.PENDING_SCA}))`);
  }
  if (filters.recurring) and.push(Prisma.sql`c.recurring = TRUE`);
  // The credential's own linkSentAt (server/links/mark-link-sent.ts) says whether a link is out since
  // it entered its status; `LINK_SINCE_STATUS` is also the predicate of a partial index of those few.
  if (filters.link === 'none') and.push(NO_LINK_SINCE_STATUS);
  if (filters.link === 'unopened') {
    and.push(LINK_SINCE_STATUS, Prisma.sql`EXISTS (SELECT 1 FROM "Link" l WHERE l."credentialId" = c.id AND l.state = 'SENT' AND l."expiresAt" > ${now} AND l."lastSentAt" >= c."statusChangedAt")`);
  }
  if (filters.createdFrom) and.push(Prisma.sql`c."createdAt" >= ${new Date(`${filters.createdFrom}T00:00:00Z`)}`);
  if (filters.createdTo) and.push(Prisma.sql`c."createdAt" < ${new Date(Date.parse(`${filters.createdTo}T00:00:00Z`) + DAY_MS)}`);
  if (filters.q) {
    const q = filters.q;
    const contactIds = await findContactIds(db, q, can(actor, 'contacts.readUnmasked') ? 'fragment' : 'exact');
    const matches = [startsWith('c.token', q.toLowerCase()), startsWith('c."externalReference"', q), startsWith('c."externalReference"', q.toUpperCase())];
    // Counting at most FEW_SEARCH_MATCHES + 1 prefix matches is a short walk of two indexes.
    const [prefixed] = await queryRows<{ n: number }>(db, Prisma.sql`
      SELECT COUNT(*) AS n FROM (SELECT 1 FROM "Credential" c WHERE ${Prisma.join(matches, ' OR ')} LIMIT ${FEW_SEARCH_MATCHES + 1}) m`);
    let candidates = prefixed.n;
    if (contactIds.length) {
      // The matched credentials first, as literal ids: with a subquery here PostgreSQL walked the whole
      // sort index looking for them; a few hundred ids are looked up and sorted.
      const linked = await queryRows<{ credentialId: number }>(db, Prisma.sql`
        SELECT DISTINCT "credentialId" FROM "CredentialContact" WHERE "contactId" IN (${Prisma.join(contactIds)}) LIMIT ${MAX_LINKED_IDS + 1}`);
      candidates += linked.length;
      if (linked.length > MAX_LINKED_IDS) {
        // Too many to bind as parameters: the subquery is slower but complete.
        matches.push(Prisma.sql`c.id IN (SELECT "credentialId" FROM "CredentialContact" WHERE "contactId" IN (${Prisma.join(contactIds)}))`);
      } else if (linked.length) {
        matches.push(Prisma.sql`c.id IN (${Prisma.join(linked.map((l) => l.credentialId))})`);
      }
    }
    and.push(Prisma.sql`(${Prisma.join(matches, ' OR ')})`);
    fewMatches = candidates <= FEW_SEARCH_MATCHES;
  }
  return { conditions: and, fewMatches };
}

export const whereAll = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty);
