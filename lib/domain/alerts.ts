// What Operations are alerted about, and the JSON every webhook receives. The body's shape is a
// public contract (README, "Webhooks"): fields are only ever added. `text` makes a Slack incoming
// webhook work as is.
export const ALERT_EVENTS = ['incident.opened', 'incident.closed', 'sync.failing', 'daily.late', 'blocked.growing'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];
export type WebhookEvent = AlertEvent | 'webhook.test';

export const ALERT_EVENT_LABELS: Record<AlertEvent, string> = {
  'incident.opened': 'An institution incident opens',
  'incident.closed': 'An institution incident closes',
  'sync.failing': 'The sync with Flanks has not completed for too long',
  'daily.late': 'The daily refresh looks late or missing',
  'blocked.growing': 'Credentials become Blocked faster than the threshold',
};

export const isAlertEvent = (value: string): value is AlertEvent => (ALERT_EVENTS as readonly string[]).includes(value);

export interface Alert {
  event: WebhookEvent;
  /** The same alert raised twice (two processes, a retried job) has the same key and goes out once. */
  key: string;
  text: string;
  data: Record<string, string | number | boolean | null>;
}

export interface WebhookBody {
  schema: 'credops.alert.v1';
  id: string;
  event: WebhookEvent;
  createdAt: string;
  text: string;
  data: Alert['data'];
}

export function webhookBody(alert: Alert, id: string, createdAt: Date): WebhookBody {
  return { schema: 'credops.alert.v1', id, event: alert.event, createdAt: createdAt.toISOString(), text: alert.text, data: alert.data };
}

/** What a receiver's answer means for the delivery: done, try again later, or never again. */
export function deliveryVerdict(status: number | null): 'DELIVERED' | 'RETRY' | 'GIVE_UP' {
  if (status === null) return 'RETRY'; // no answer: network error or timeout
  if (status >= 200 && status < 300) return 'DELIVERED';
  // Overloaded, rate-limited or broken for now: it may take it later. Any other refusal (410 Gone above all) is final.
  if (status >= 500 || status === 408 || status === 429) return 'RETRY';
  return 'GIVE_UP';
}
