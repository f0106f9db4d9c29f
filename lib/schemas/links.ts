import { z } from 'zod';
import type { IncidentMarker } from './analytics.ts';
import { credentialFiltersSchema } from './credentials.ts';

// SCA and Reset links as the API takes and returns them. Safe on both sides.

export const sendLinkSchema = z
  .object({
    flow: z.enum(['SCA', 'RESET'], 'must be SCA or RESET'),
    email: z.string().trim().toLowerCase().email('must be an email address').max(200),
    // Revoke the live link for this flow and send a new one, instead of resending the live one.
    replace: z.boolean().optional(),
    // Admins only: send even though this credential and flow were emailed in the last 24 hours.
    override: z.boolean().optional(),
  })
  .strict();

export type SendLinkInput = z.infer<typeof sendLinkSchema>;

/** Client-chosen, so a retried send is recognised: printable, and short enough to index. */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{8,200}$/, 'must be 8 to 200 printable characters (a UUID will do)');

/** SENDING: claimed and being handed to the mail server, or handed over and not recorded yet. */
export type LinkDeliveryState = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED' | 'CANCELLED';

export interface LinkSummary {
  id: string;
  flow: 'SCA' | 'RESET';
  /** SENT | OPENED | COMPLETED | FAILED | REVOKED, or EXPIRED for a sent link past its expiry. */
  state: string;
  recipientEmail: string;
  sender: string;
  createdAt: string;
  expiresAt: string;
  lastSentAt: string;
  openedAt: string | null;
  completedAt: string | null;
  revokedAt: string | null;
  /** Flanks' error code when the end user's flow failed (INVALID_CREDENTIALS, INVALID_SCA, ABORTED_BY_USER…). */
  failureCode: string | null;
  /** The latest email of this link: whether it reached the mail server, and the error when it did not. */
  delivery: { state: LinkDeliveryState; attempts: number; lastError: string | null; sentAt: string | null; nextAttemptAt: string } | null;
}

/** What a send did: a new link, the live one sent again, or the answer to a send already made with this key. */
export type SendOutcome = 'SENT' | 'RESENT' | 'REPLAYED';
export interface SentLink {
  outcome: SendOutcome;
  link: LinkSummary;
}

export const startBulkSendSchema = z
  .object({
    flow: z.enum(['SCA', 'RESET'], 'must be SCA or RESET'),
    // The credentials list's filters, as its URL query carries them: { "status": "BLOCKED", "stale": "true" }.
    filter: credentialFiltersSchema.prefault({}),
  })
  .strict();
export type StartBulkSendInput = z.infer<typeof startBulkSendSchema>;

export const bulkSendPreviewQuerySchema = credentialFiltersSchema.extend({ flow: z.enum(['SCA', 'RESET'], 'must be SCA or RESET') });

export interface BulkSendPreview {
  flow: 'SCA' | 'RESET';
  total: number;
  withoutContact: number;
  /** Emailed for this flow in the last 24 hours: they will be reported as rate-limited, not emailed. */
  emailedRecently: number;
  byInstitution: { id: string; name: string; count: number; withoutContact: number; emailedRecently: number }[];
  withoutContactListed: { token: string; institution: string }[];
  /** Open incidents at selected institutions: the institution is failing, a link may not help. */
  incidents: IncidentMarker[];
}

/**
 * What happened to one credential of a bulk send; null while it waits. SENT and RESENT once the mail
 * server has taken the email; QUEUED while the outbox is still handing it over or retrying it;
 * UNDELIVERED when the outbox gave up on it or its link was revoked first.
 */
export type BulkSendResult = 'SENT' | 'RESENT' | 'QUEUED' | 'UNDELIVERED' | 'NO_CONTACT' | 'RATE_LIMITED' | 'STATUS_CHANGED';

export interface BulkSendProgress {
  id: string;
  flow: 'SCA' | 'RESET';
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
  total: number;
  processed: number;
  results: Partial<Record<BulkSendResult, number>>;
  items: { token: string; institution: string; result: string | null; detail: string | null }[];
  nextAfter: number | null;
}
