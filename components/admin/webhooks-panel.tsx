'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { Time } from '@/components/ui/time.tsx';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';
import { ALERT_EVENT_LABELS, ALERT_EVENTS, type AlertEvent } from '@/lib/domain/alerts.ts';
import type { CreateWebhookInput, WebhookSummary, WebhookTestResult } from '@/lib/schemas/webhooks.ts';

const KEY = ['admin', 'webhooks'] as const;
const STATE_TONE = { DELIVERED: 'green', PENDING: 'amber', SENDING: 'blue', FAILED: 'red' } as const;
const json = (method: string, body?: unknown) => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) });

/** Outgoing webhooks for alerts: add one (URL, secret, events), send it a test event, read its delivery log, delete it. */
export function WebhooksPanel() {
  const queryClient = useQueryClient();
  const webhooks = useQuery({ queryKey: KEY, queryFn: () => fetchJson<WebhookSummary[]>('/api/admin/webhooks'), refetchInterval: 15_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const [events, setEvents] = useState<AlertEvent[]>([...ALERT_EVENTS]);
  const add = useToastedMutation({
    mutationFn: (input: CreateWebhookInput) => fetchJson<WebhookSummary>('/api/admin/webhooks', json('POST', input)),
    messages: { pending: 'Adding the webhook…', success: (w) => `Webhook added: ${w.url}` },
    onSuccess: refresh,
  });
  const test = useToastedMutation({
    mutationFn: (w: WebhookSummary) => fetchJson<WebhookTestResult>(`/api/admin/webhooks/${w.id}/test`, json('POST')),
    messages: { pending: 'Sending a test event…', success: (r) => (r.delivered ? `The receiver took it (HTTP ${r.status}).` : `Not delivered: ${r.error}`) },
    onSuccess: refresh,
  });
  const remove = useToastedMutation({
    mutationFn: (w: WebhookSummary) => fetchJson(`/api/admin/webhooks/${w.id}`, json('DELETE')),
    messages: { pending: 'Deleting the webhook…', success: (_, w) => `No more alerts to ${w.url}.` },
    onSuccess: refresh,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    add.mutate({ url: String(data.get('url')), secret: String(data.get('secret')), events }, { onSuccess: () => form.reset() });
  };

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="webhooks-title">
      <div>
        <h2 id="webhooks-title" className="font-semibold">Alert webhooks</h2>
        <p className="text-sm text-slate-600">
          Alerts are POSTed as JSON with a <code>text</code> field (a Slack incoming webhook works as is) and an <code>X-CredOps-Signature</code> header: HMAC-SHA256 of the timestamp and body with the secret. Failed deliveries are retried with backoff.
        </p>
      </div>
      <ul className="space-y-3 text-sm" data-testid="webhooks">
        {webhooks.data?.length === 0 && <li className="text-slate-600">No webhook yet: alerts go by email to Operations and Admins only.</li>}
        {webhooks.data?.map((w) => (
          <li key={w.id} className="rounded-md border border-slate-200 p-3" data-testid="webhook">
            <div className="flex flex-wrap items-center gap-2">
              <span className="break-all font-medium">{w.url}</span>
              <span className="text-xs text-slate-500">{w.events.join(', ')}</span>
              <Button size="xs" variant="secondary" disabled={test.isPending} onClick={() => test.mutate(w)}>Send test<span className="sr-only"> to {w.url}</span></Button>
              <ConfirmDialog
                trigger={<Button size="xs" variant="secondary" disabled={remove.isPending}>Delete…<span className="sr-only"> {w.url}</span></Button>}
                title={`Delete the webhook to ${w.url}?`}
                description="It receives no more alerts; deliveries still waiting are dropped. Its delivery log stays in the audit trail."
                confirmLabel="Delete webhook"
                destructive
                onConfirm={() => remove.mutate(w)}
              />
            </div>
            <table className="mt-2 w-full text-left text-xs" aria-label={`Deliveries to ${w.url}`}>
              <thead className="text-slate-500"><tr><th>When</th><th>Event</th><th>State</th><th>Answer</th></tr></thead>
              <tbody>
                {w.deliveries.length === 0 && <tr><td colSpan={4} className="text-slate-500">Nothing sent yet.</td></tr>}
                {w.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td><Time iso={d.createdAt} /></td>
                    <td>{d.event}</td>
                    <td><Badge tone={STATE_TONE[d.state as keyof typeof STATE_TONE] ?? 'gray'}>{d.state.toLowerCase()}</Badge>{d.attempts > 1 && ` after ${d.attempts} attempts`}</td>
                    <td>{d.lastStatus ?? '—'}{d.lastError && <span className="text-slate-500"> {d.lastError}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ul>
      <form onSubmit={onSubmit} className="space-y-2 text-sm" aria-label="Add a webhook">
        <input name="url" type="url" required placeholder="https://hooks.slack.com/services/…" aria-label="Webhook URL" className="w-full rounded-md border border-slate-300 px-2 py-1" />
        <input name="secret" required minLength={16} placeholder="Secret, 16+ characters" aria-label="Webhook secret" autoComplete="off" className="w-full rounded-md border border-slate-300 px-2 py-1" />
        <fieldset className="flex flex-wrap gap-4">
          <legend className="sr-only">Events</legend>
          {ALERT_EVENTS.map((e) => (
            <label key={e} className="flex items-center gap-1">
              <input type="checkbox" checked={events.includes(e)} onChange={(ev) => setEvents(ev.target.checked ? [...events, e] : events.filter((x) => x !== e))} />
              {ALERT_EVENT_LABELS[e]}
            </label>
          ))}
        </fieldset>
        {add.error && <p role="alert" className="text-red-700">{add.error.message}</p>}
        <Button type="submit" size="sm" disabled={add.isPending || events.length === 0}>{add.isPending ? 'Adding…' : 'Add webhook'}</Button>
      </form>
    </section>
  );
}
