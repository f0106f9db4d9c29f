import 'server-only';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { publicUrl } from '@/server/env.ts';
import { flanksLinkUrl, pollCredentialNow } from '@/server/flanks/flanks-source.ts';
import { finishState, linkViewAt, refuseOpening, type LinkFlow, type LinkView } from '@/lib/domain/link-rules.ts';
import { hashLinkToken, looksLikeLinkToken } from './link-token.ts';

// The end user's side of a link: the page the email points to, its "Continue", and Flanks' return.
// The end user is not signed in: holding the token is the authorisation, so only its hash is looked up.

export type LinkPage =
  | { found: false }
  | { found: true; state: LinkView; flow: LinkFlow; institutionName: string; expiresAt: Date; failureCode: string | null };

interface Options {
  db?: Db;
  now?: Date;
  ip?: string | null;
}

async function findByToken(db: Db, token: string) {
  if (!looksLikeLinkToken(token)) return null;
  return db.link.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    include: { credential: { select: { token: true, institution: { select: { name: true } } } } },
  });
}

/** What the link page shows. Reading it changes nothing: mail scanners open every link they see. */
export async function readLinkPage(token: string, options: Options = {}): Promise<LinkPage> {
  const link = await findByToken(options.db ?? defaultDb, token);
  if (!link) return { found: false };
  return {
    found: true,
    state: linkViewAt(link, options.now ?? new Date()),
    flow: link.flow as LinkFlow,
    institutionName: link.credential.institution.name,
    expiresAt: link.expiresAt,
    failureCode: link.failureCode,
  };
}

/** Flanks' Link sends the end user back here; the path holds the link's own token. */
export const returnUrlFor = (token: string) => `${publicUrl()}/l/${token}/done`;

/**
 * The end user pressed "Continue": consume the single-use link, record "opened", and answer the Flanks
 * Link URL for its flow. Null when the link cannot be used (the page then says why).
 */
export async function continueLink(token: string, options: Options = {}): Promise<string | null> {
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const link = await findByToken(db, token);
  if (!link || refuseOpening(link, now)) return null;
  // Ask Flanks first: if it cannot answer, the link is not used up and the end user can try again.
  const url = await flanksLinkUrl(db, link.credential.token, link.flow === 'SCA' ? 'sca' : 'reset', returnUrlFor(token), now);
  const opened = await db.$transaction(async (tx) => {
    const { count } = await tx.link.updateMany({ where: { id: link.id, state: 'SENT' }, data: { state: 'OPENED', openedAt: now } });
    if (count === 0) return false; // a second click raced this one
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

const FLANKS_ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Flanks' Link ended and sent the end user back: mark the link completed, or failed with Flanks'
 * error code, then read the credential from Flanks at once so staff see the new status within seconds.
 * Coming back twice (a reload) changes nothing more.
 */
export async function finishLink(token: string, flanksError: string | null, options: Options = {}): Promise<void> {
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const link = await findByToken(db, token);
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
