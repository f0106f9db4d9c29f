import 'server-only';
import { refuseOpening } from '@/lib/domain/link-rules.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb } from '@/server/db/client.ts';
import { publicUrl } from '@/server/env.ts';
import { flanksLinkUrl } from '@/server/flanks/flanks-source.ts';
import { findLinkByToken, type EndUserLinkOptions } from './find-link-by-token.ts';
import { refreshAttention } from '@/server/credentials/refresh-attention.ts';

/** Flanks' Link sends the end user back here; the path holds the link's own token. */
export const returnUrlFor = (token: string) => `${publicUrl()}/l/${token}/done`;

/**
 * The end user pressed "Continue": consume the single-use link, record "opened", and answer the Flanks
 * Link URL for its flow. Null when the link cannot be used (the page then says why).
 */
export async function continueLink(token: string, options: EndUserLinkOptions = {}): Promise<string | null> {
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const link = await findLinkByToken(token, db);
  if (!link || refuseOpening(link, now)) return null;
  // Ask Flanks first: if it cannot answer, the link is not used up and the end user can try again.
  const url = await flanksLinkUrl(db, link.credential.token, link.flow === 'SCA' ? 'sca' : 'reset', returnUrlFor(token), now);
  const opened = await db.$transaction(async (tx) => {
    const { count } = await tx.link.updateMany({ where: { id: link.id, state: 'SENT' }, data: { state: 'OPENED', openedAt: now, nextReminderAt: null } });
    if (count === 0) return false; // a second click raced this one
    await refreshAttention(tx, { ids: [link.credentialId] });
    await recordAuditEvent(tx, {
      actor: { id: null, email: link.recipientEmail },
      action: 'link.open',
      target: { type: 'credential', id: link.credential.token },
      details: { linkId: link.id, flow: link.flow },
      ip: options.ip,
    });
    return true;
  });
  return opened ? url : null;
}
