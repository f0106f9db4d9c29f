import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { STATUS_LABELS, statusUnlockedBy } from '@/lib/domain/credential-status.ts';
import { FLOW_LABEL } from '@/lib/domain/link-rules.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import type { StartBulkSendInput } from '@/lib/schemas/bulk-sends.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { bulkSendSelection, whereAll } from './bulk-send-selection.ts';

/**
 * Freezes the selection (every matching credential becomes an item) and audits it. Retrying with the
 * same Idempotency-Key answers the bulk send already created instead of starting a second one.
 */
export async function startBulkSend(actor: Actor, input: StartBulkSendInput, options: { db?: Db; now?: Date; ip?: string | null; idempotencyKey?: string | null } = {}): Promise<{ id: string; total: number }> {
  assertCan(actor, 'links.bulkSend');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const key = options.idempotencyKey ?? null;
  const existing = key ? await db.bulkSend.findUnique({ where: { id: key } }) : null;
  if (existing) return { id: existing.id, total: existing.total };
  const conditions = await bulkSendSelection(db, actor, input.flow, input.filter, now);
  if (!conditions) throw new AppError('BAD_REQUEST', `This filter selects no ${STATUS_LABELS[statusUnlockedBy(input.flow)]} credential, so there is nobody to send a ${FLOW_LABEL[input.flow]} link to.`);
  try {
    return await db.$transaction(
      async (tx) => {
        const bulk = await tx.bulkSend.create({ data: { ...(key ? { id: key } : {}), flow: input.flow, filter: JSON.stringify(input.filter), createdById: actor.id, createdAt: now, total: 0 } });
        const total = await tx.$executeRaw`
          INSERT INTO "BulkSendItem" ("bulkSendId", "credentialId") SELECT ${bulk.id}, c.id FROM "Credential" c WHERE ${whereAll(conditions)}`;
        if (total === 0) throw new AppError('BAD_REQUEST', 'This filter selects no credential: nothing to send.');
        await tx.bulkSend.update({ where: { id: bulk.id }, data: { total } });
        await recordAuditEvent(tx, { actor, action: 'bulkSend.start', target: { type: 'bulkSend', id: bulk.id }, details: { flow: input.flow, total, filter: input.filter }, ip: options.ip });
        return { id: bulk.id, total };
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    if (key && (error as { code?: string }).code === 'P2002') {
      const raced = await db.bulkSend.findUniqueOrThrow({ where: { id: key } });
      return { id: raced.id, total: raced.total };
    }
    throw error;
  }
}
