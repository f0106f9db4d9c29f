import 'server-only';
import type { AuditQuery } from '@/lib/schemas/audit.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { auditWhere } from './list-audit-events.ts';

const BATCH = 1000;
export const AUDIT_CSV_HEADER = ['id', 'time (UTC)', 'actor', 'action', 'target type', 'target id', 'details', 'ip'];

/** Every matching event, newest first, in batches read by keyset. The permission is checked at once. */
export function exportAuditEvents(actor: Actor, query: Omit<AuditQuery, 'limit' | 'cursor'>, options: { db?: Db } = {}) {
  assertCan(actor, 'audit.read');
  return auditBatches(query, options.db ?? defaultDb);
}

async function* auditBatches(query: Omit<AuditQuery, 'limit' | 'cursor'>, db: Db) {
  let before: number | undefined;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { ...auditWhere(query), ...(before ? { id: { lt: before } } : {}) },
      orderBy: { id: 'desc' },
      take: BATCH,
    });
    if (rows.length === 0) return;
    yield rows.map((e) => [String(e.id), e.createdAt.toISOString(), e.actorEmail, e.action, e.targetType, e.targetId ?? '', e.details ?? '', e.ip ?? '']);
    before = rows.at(-1)!.id;
  }
}
