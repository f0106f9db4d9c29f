import { z } from 'zod';
import type { LinkFlow } from '@/lib/domain/credential-status.ts';
import type { IncidentMarker } from './analytics.ts';
import { credentialFiltersSchema } from './credentials.ts';
import { linkFlowSchema, type LinkEmailPreview } from './links.ts';

// Bulk sends as the API takes and returns them: links to every credential of a list filter. Safe on both sides.

export const startBulkSendSchema = z
  .object({
    flow: linkFlowSchema,
    // The credentials list's filters, as its URL query carries them: { "status": "BLOCKED", "stale": "true" }.
    filter: credentialFiltersSchema.prefault({}),
  })
  .strict();
export type StartBulkSendInput = z.infer<typeof startBulkSendSchema>;

export const bulkSendPreviewQuerySchema = credentialFiltersSchema.extend({ flow: linkFlowSchema });

export interface BulkSendPreview {
  flow: LinkFlow;
  total: number;
  withoutContact: number;
  /** Emailed for this flow in the last 24 hours: they will be reported as rate-limited, not emailed. */
  emailedRecently: number;
  /** The people the credentials to be emailed (a contact, not emailed recently) go to: each gets one email listing theirs. */
  people: number;
  /** The email the person with the most of them would get (links are made at sending); null when nobody is emailed. */
  sampleEmail: (LinkEmailPreview & { to: string; credentials: number }) | null;
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
  flow: LinkFlow;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
  total: number;
  processed: number;
  results: Partial<Record<BulkSendResult, number>>;
  items: { token: string; institution: string; result: string | null; detail: string | null }[];
  nextAfter: number | null;
}
