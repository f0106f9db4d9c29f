import 'server-only';
import type { LinkSummary } from '@/lib/schemas/links.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db, type Tx } from '@/server/db/client.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { mayRevoke } from '@/lib/domain/link-rules.ts';
import { LINK_SUMMARY_INCLUDE, toLinkSummary } from '@/server/credentials/link-summary.ts';
import { refreshAttention } from '@/server/credentials/refresh-attention.ts';

/** Makes a link unusable and cancels its undelivered emails. Revoking a revoked link changes nothing. */
export async function revokeLink(actor: Actor, credentialsToken: string, linkId: string, options: { db?: Db; now?: Date; ip?: string | null } = {}): Promise<LinkSummary> {
  assertCan(actor, 'links.send');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const link = await db.$transaction(async (tx) => {
    const found = await tx.link.findFirst({ where: { id: linkId, credential: { token: credentialsToken } } });
    if (!found) throw new AppError('NOT_FOUND', 'This credential has no link with this id.');
    if (!mayRevoke(found)) throw new AppError('CONFLICT', 'The end user has already used this link; it can no longer be revoked.');
    if (found.state === 'REVOKED') return found;
    await recordAuditEvent(tx, { actor, action: 'link.revoke', target: { type: 'credential', id: credentialsToken }, details: { linkId, flow: found.flow }, ip: options.ip });
    const retired = await retireLink(tx, linkId, now);
    await refreshAttention(tx, { ids: [found.credentialId] });
    return retired;
  });
  return toLinkSummary(await db.link.findUniqueOrThrow({ where: { id: link.id }, include: LINK_SUMMARY_INCLUDE }), actor, now);
}

/**
 * Revokes a link and cancels its emails not yet handed over: staff revoking it, or a send replacing
 * it. An email that also carries another live link (one person's email about several) still goes:
 * this link's button then opens on "revoked".
 */
export async function retireLink(tx: Tx, linkId: string, now: Date) {
  await tx.outboxEmail.updateMany({
    where: { state: 'PENDING', carries: { some: { linkId }, none: { linkId: { not: linkId }, link: { state: 'SENT' } } } },
    data: { state: 'CANCELLED' },
  });
  return tx.link.update({ where: { id: linkId }, data: { state: 'REVOKED', revokedAt: now, nextReminderAt: null } });
}
