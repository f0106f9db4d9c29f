import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import type { AssignmentPreview } from '@/lib/schemas/assignments.ts';
import type { CredentialFilters } from '@/lib/schemas/credentials.ts';
import { credentialConditions, whereAll } from '@/server/credentials/credential-filters.ts';
import { findActiveOwner } from '@/server/credentials/find-active-owner.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';

/** How many credentials a filter would hand over, and from whom: what the confirmation shows. */
export async function previewAssignment(actor: Actor, filters: Partial<CredentialFilters>, ownerId: string | null | undefined, options: { db?: Db; now?: Date } = {}): Promise<AssignmentPreview> {
  assertCan(actor, 'credentials.assign');
  const db = options.db ?? defaultDb;
  const to = ownerId === undefined ? undefined : await findActiveOwner(db, ownerId);
  const conditions = await credentialConditions(db, actor, filters, options.now ?? new Date());
  const groups = await queryRows<{ ownerId: string | null; name: string | null; n: number }>(db, Prisma.sql`
    SELECT c."ownerId", u.name, COUNT(*) AS n FROM "Credential" c LEFT JOIN "User" u ON u.id = c."ownerId"
    ${whereAll(conditions)} GROUP BY c."ownerId", u.name ORDER BY n DESC, u.name`);
  return {
    total: groups.reduce((sum, g) => sum + g.n, 0),
    from: groups.map((g) => ({ owner: g.ownerId ? { id: g.ownerId, name: g.name ?? 'a former user' } : null, count: g.n })),
    unchanged: to === undefined ? 0 : (groups.find((g) => g.ownerId === (to?.id ?? null))?.n ?? 0),
  };
}
