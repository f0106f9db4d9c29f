import 'server-only';
import type { AuditEventItem, AuditQuery } from '@/lib/schemas/audit.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import type { Prisma } from '@/server/db/sql.ts';

export function auditWhere(query: Omit<AuditQuery, 'limit' | 'cursor'>): Prisma.AuditEventWhereInput {
  return {
    ...(query.actor ? { actorEmail: { contains: query.actor.toLowerCase() } } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.target ? { targetId: query.target } : {}),
    ...(query.from || query.to
      ? {
          createdAt: {
            ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}),
            ...(query.to ? { lt: new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) } : {}),
          },
        }
      : {}),
  };
}

export const toAuditItem = (e: { id: number; createdAt: Date; actorEmail: string; action: string; targetType: string; targetId: string | null; details: string | null; ip: string | null }): AuditEventItem => ({
  ...e,
  createdAt: e.createdAt.toISOString(),
});

/** Newest first, one keyset page (the cursor is the last id seen). */
export async function listAuditEvents(actor: Actor, query: AuditQuery, options: { db?: Db } = {}) {
  assertCan(actor, 'audit.read');
  const rows = await (options.db ?? defaultDb).auditEvent.findMany({
    where: { ...auditWhere(query), ...(query.cursor ? { id: { lt: query.cursor } } : {}) },
    orderBy: { id: 'desc' },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toAuditItem), nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null };
}
