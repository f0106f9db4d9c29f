import { z } from 'zod';
import { LINK_FLOWS, type LinkFlow } from '@/lib/domain/credential-status.ts';

// SCA and Reset links as the API takes and returns them. Safe on both sides.

export const linkFlowSchema = z.enum(LINK_FLOWS, 'must be SCA or RESET');

export const sendLinkSchema = z
  .object({
    flow: linkFlowSchema,
    email: z.string().trim().toLowerCase().email('must be an email address').max(200),
    // Revoke the live link for this flow and send a new one, instead of resending the live one.
    replace: z.boolean().optional(),
    // Admins only: send even though this credential and flow were emailed in the last 24 hours.
    override: z.boolean().optional(),
    // Reminders while the link is unopened, on the company's cadence; false sends none for this link.
    reminders: z.boolean().optional(),
  })
  .strict();

export type SendLinkInput = z.infer<typeof sendLinkSchema>;

/** PATCH /api/credentials/{token}/links/{id}: turn one link's reminders off (or back on). */
export const linkRemindersSchema = z.object({ reminders: z.boolean({ message: 'must be true or false' }) }).strict();
export type LinkRemindersInput = z.infer<typeof linkRemindersSchema>;

/** GET …/links/preview: the email a send would write, as its recipient will see it. */
export const linkPreviewQuerySchema = z.object({
  flow: linkFlowSchema,
  email: z.string().trim().toLowerCase().email('must be an email address').max(200),
});

export interface LinkEmailPreview {
  language: string;
  timeZone: string;
  subject: string;
  text: string;
  html: string;
}

/** Client-chosen, so a retried send is recognised: printable, and short enough to index. */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{8,200}$/, 'must be 8 to 200 printable characters (a UUID will do)');

/** SENDING: claimed and being handed to the mail server, or handed over and not recorded yet. */
export type LinkDeliveryState = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED' | 'CANCELLED';

export interface LinkSummary {
  id: string;
  flow: LinkFlow;
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
  /** What its emails and page are written in. */
  language: string;
  /** Reminders while unopened: whether they are on, how many went out, when the next one is due (null: none will). */
  reminders: { enabled: boolean; sent: number; nextAt: string | null };
  /** The latest email of this link: whether it reached the mail server, and the error when it did not. */
  delivery: { state: LinkDeliveryState; attempts: number; lastError: string | null; sentAt: string | null; nextAttemptAt: string } | null;
}

/** What a send did: a new link, the live one sent again, or the answer to a send already made with this key. */
export type SendOutcome = 'SENT' | 'RESENT' | 'REPLAYED';
export interface SentLink {
  outcome: SendOutcome;
  link: LinkSummary;
}
