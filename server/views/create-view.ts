import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import type { CreateViewInput, SavedView } from '@/lib/schemas/views.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { assertNameFree, canonicalQuery, toSavedView } from './view-access.ts';

/** Saves a list state under a name. Saving the same view again (a retry) answers the one saved. */
export async function createView(actor: Actor, input: CreateViewInput, options: { db?: Db; ip?: string | null; now?: Date } = {}): Promise<SavedView> {
  assertCan(actor, 'views.save');
  const db = options.db ?? defaultDb;
  const include = { createdBy: { select: { name: true } } };
  const query = canonicalQuery(input.query);
  const same = await db.savedView.findUnique({ where: { createdById_name: { createdById: actor.id, name: input.name } }, include });
  if (same && same.query === query && same.shared === input.shared) return toSavedView(actor, same);
  try {
    return await db.$transaction(async (tx) => {
      await assertNameFree(tx, actor, input.name);
      const view = await tx.savedView.create({ data: { name: input.name, query, shared: input.shared, createdById: actor.id, updatedAt: options.now ?? new Date() }, include });
      await recordAuditEvent(tx, { actor, action: 'view.create', target: { type: 'view', id: view.id }, details: { name: view.name, query: view.query, shared: view.shared }, ip: options.ip });
      return toSavedView(actor, view);
    });
  } catch (error) {
    // Two saves of one name at once: the unique index lets one through.
    if ((error as { code?: string }).code === 'P2002') throw new AppError('CONFLICT', `You already have a view named "${input.name}": choose another name, or change that one.`);
    throw error;
  }
}
