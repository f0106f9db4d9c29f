import { z } from 'zod';
import { ALERT_EVENTS, type AlertEvent } from '@/lib/domain/alerts.ts';

export const createWebhookSchema = z
  .object({
    url: z.string().trim().max(2000).url('must be a URL'),
    // Signs every delivery (X-CredOps-Signature); the receiver keeps a copy to verify it.
    secret: z.string().min(16, 'must be at least 16 characters (e.g. openssl rand -hex 32)').max(200),
    events: z.array(z.enum(ALERT_EVENTS, `must be among ${ALERT_EVENTS.join(', ')}`)).min(1, 'choose at least one event').max(ALERT_EVENTS.length),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export interface WebhookDeliveryRow {
  id: number;
  event: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface WebhookSummary {
  id: string;
  url: string;
  events: AlertEvent[];
  createdAt: string;
  /** The latest deliveries, newest first: the Admin's delivery log. */
  deliveries: WebhookDeliveryRow[];
}

export interface WebhookTestResult {
  delivered: boolean;
  /** What the receiver answered: its HTTP status, or null when it did not answer. */
  status: number | null;
  error: string | null;
}
