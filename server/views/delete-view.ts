import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { findEditableView } from './view-access.ts';

/** Deletes a view (its link then opens nothing saved: the query was the view). */
export async function deleteView(actor: Actor, id: string, options: { db?: Db; ip?: string | null } = {}): Promise<{ id: string }> {
  assertCan(actor, 'views.save');
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const view = await findEditableView(tx, actor, id);
    await tx.savedView.delete({ where: { id } });
    await recordAuditEvent(tx, { actor, action: 'view.delete', target: { type: 'view', id }, details: { name: view.name, query: view.query, shared: view.shared }, ip: options.ip });
    return { id };
  });
}
