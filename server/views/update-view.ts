import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import type { SavedView, UpdateViewInput } from '@/lib/schemas/views.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { assertNameFree, canonicalQuery, findEditableView, toSavedView } from './view-access.ts';

/** Renames, re-points or (un)shares a view; each change is audited with its old and new value. Sending the same values changes nothing. */
export async function updateView(actor: Actor, id: string, input: UpdateViewInput, options: { db?: Db; ip?: string | null; now?: Date } = {}): Promise<SavedView> {
  assertCan(actor, 'views.save');
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const view = await findEditableView(tx, actor, id);
    const wanted = { name: input.name, query: input.query && canonicalQuery(input.query), shared: input.shared };
    const changes = Object.fromEntries(
      (['name', 'query', 'shared'] as const).filter((field) => wanted[field] !== undefined && wanted[field] !== view[field]).map((field) => [field, { from: view[field], to: wanted[field] }]),
    );
    if (Object.keys(changes).length === 0) return toSavedView(actor, view);
    if (changes.name) await assertNameFree(tx, actor, input.name!, id);
    const updated = await tx.savedView.update({ where: { id }, data: { ...wanted, updatedAt: options.now ?? new Date() }, include: { createdBy: { select: { name: true } } } });
    await recordAuditEvent(tx, { actor, action: 'view.update', target: { type: 'view', id }, details: changes, ip: options.ip });
    return toSavedView(actor, updated);
  });
}
