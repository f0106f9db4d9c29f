import 'server-only';
import { finishState } from '@/lib/domain/link-rules.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb } from '@/server/db/client.ts';
import { pollCredentialNow } from '@/server/ingestion/poll-credential-now.ts';
import { findLinkByToken, type EndUserLinkOptions } from './find-link-by-token.ts';
import { refreshAttention } from '@/server/credentials/refresh-attention.ts';

const FLANKS_ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Flanks' Link ended and sent the end user back: mark the link completed, or failed with Flanks'
 * error code, then read the credential from Flanks at once so staff see the new status within seconds.
 * Coming back twice (a reload) changes nothing more.
 */
export async function finishLink(token: string, flanksError: string | null, options: EndUserLinkOptions = {}): Promise<void> {
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const link = await findLinkByToken(token, db);
  if (!link) return;
  const code = flanksError === null ? null : FLANKS_ERROR_CODE.test(flanksError) ? flanksError : 'UNKNOWN_ERROR';
  const next = finishState(link, code);
  if (!next) return;
  const finished = await db.$transaction(async (tx) => {
    const { count } = await tx.link.updateMany({
      where: { id: link.id, state: 'OPENED' },
      data: next === 'COMPLETED' ? { state: next, completedAt: now } : { state: next, failedAt: now, failureCode: code },
    });
    if (count === 0) return false;
    await refreshAttention(tx, { ids: [link.credentialId] });
    await recordAuditEvent(tx, {
      actor: { id: null, email: link.recipientEmail },
      action: next === 'COMPLETED' ? 'link.complete' : 'link.fail',
      target: { type: 'credential', id: link.credential.token },
      details: { linkId: link.id, flow: link.flow, ...(code ? { flanksError: code } : {}) },
      ip: options.ip,
    });
    return true;
  });
  if (finished && next === 'COMPLETED') {
    // The outcome is recorded either way; a Flanks hiccup here only delays the status to the next sync.
    await pollCredentialNow(db, link.credential.token, now).catch((error: unknown) => {
      console.warn(`Could not read credential ${link.credential.token} after its link completed:`, error instanceof Error ? error.message : error);
    });
  }
}
