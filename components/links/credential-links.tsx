'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { useShortcuts } from '@/components/shell/use-shortcuts.ts';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';
import { Time } from '@/components/ui/time.tsx';
import { EmailPreview } from './email-preview.tsx';
import { formatRelative } from '@/lib/domain/time.ts';
import { credentialKeys, credentialQueries } from '@/lib/queries/credentials.ts';
import type { CredentialDetail } from '@/lib/schemas/credentials.ts';
import type { LinkSummary, SentLink } from '@/lib/schemas/links.ts';
import { isLanguage, LANGUAGE_NAMES } from '@/lib/domain/languages.ts';
import { unlockFlowFor } from '@/lib/domain/credential-status.ts';
import { FLOW_LABEL, type LinkFlow } from '@/lib/domain/link-rules.ts';

const STATE_TONE: Record<string, BadgeTone> = { SENT: 'blue', OPENED: 'amber', COMPLETED: 'green', FAILED: 'red', REVOKED: 'gray', EXPIRED: 'gray' };
const OTHER = '__other__';

/** The links of one credential, and for those who may, sending the one its status needs. */
export function CredentialLinks({ credential: c, canSend, canOverride }: { credential: CredentialDetail; canSend: boolean; canOverride: boolean }) {
  const flow = unlockFlowFor(c.status);
  const [composing, setComposing] = useState(false);
  // "s" or "r" opens the send form, only for the flow this credential's status needs.
  const compose = () => setComposing(true);
  useShortcuts(canSend && flow ? (flow === 'SCA' ? { sendSca: compose } : { sendReset: compose }) : {});
  const queryClient = useQueryClient();
  const base = `/api/credentials/${encodeURIComponent(c.token)}/links`;
  const reminders = useToastedMutation({
    mutationFn: ({ link, on }: { link: LinkSummary; on: boolean }) =>
      fetchJson<LinkSummary>(`${base}/${link.id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reminders: on }) }),
    messages: { pending: 'Changing reminders…', success: (l) => (l.reminders.enabled ? `Reminders back on for the link to ${l.recipientEmail}.` : `No more reminders for the link to ${l.recipientEmail}.`) },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });
  const revoke = useToastedMutation({
    mutationFn: (link: LinkSummary) => fetchJson<LinkSummary>(`${base}/${link.id}/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
    messages: { pending: 'Revoking the link…', success: (_, l) => `The ${FLOW_LABEL[l.flow]} link to ${l.recipientEmail} no longer works.` },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
  });

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="links-title">
      <div className="flex items-center justify-between gap-2">
        <h2 id="links-title" className="font-semibold">Links sent</h2>
        {canSend && flow && !composing && <Button size="sm" onClick={() => setComposing(true)}>Send {FLOW_LABEL[flow]} link</Button>}
      </div>
      {composing && flow && <SendLinkForm credential={c} flow={flow} canOverride={canOverride} onClose={() => setComposing(false)} />}
      <ul className="mt-2 space-y-2 text-sm" data-testid="links">
        {c.links.length === 0 && <li className="text-slate-600">No SCA or Reset link sent yet.</li>}
        {c.links.map((l) => (
          <li key={l.id} className="border-l-2 border-slate-200 pl-3" data-testid="link">
            <div className="flex flex-wrap items-center gap-2">
              <span>{FLOW_LABEL[l.flow]} link to {l.recipientEmail}</span>
              <Badge tone={STATE_TONE[l.state] ?? 'gray'}>{l.state.toLowerCase()}</Badge>
              {canSend && l.state === 'SENT' && (
                <ConfirmDialog
                  trigger={<Button variant="secondary" size="xs" disabled={revoke.isPending}>Revoke…<span className="sr-only"> the {FLOW_LABEL[l.flow]} link to {l.recipientEmail}</span></Button>}
                  title={`Revoke the ${FLOW_LABEL[l.flow]} link to ${l.recipientEmail}?`}
                  description="The link stops working at once and cannot be revived; an email not yet sent is cancelled. You can send a new link afterwards."
                  confirmLabel="Revoke link"
                  destructive
                  onConfirm={() => revoke.mutate(l)}
                />
              )}
            </div>
            <p className="text-xs text-slate-500">
              by {l.sender}, <Time iso={l.createdAt} />
              {l.lastSentAt !== l.createdAt && <>, last sent <Time iso={l.lastSentAt} /></>}
              {l.openedAt && <>, opened <Time iso={l.openedAt} /></>}
              {l.completedAt && <>, completed <Time iso={l.completedAt} /></>}
              {l.failureCode && <>, Flanks error {l.failureCode}</>}
              {l.state === 'SENT' && <>, expires <Time iso={l.expiresAt} /></>}
            </p>
            <Reminders link={l} canChange={canSend} pending={reminders.isPending} onChange={(on) => reminders.mutate({ link: l, on })} />
            <Delivery delivery={l.delivery} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Reminders({ link: l, canChange, pending, onChange }: { link: LinkSummary; canChange: boolean; pending: boolean; onChange: (on: boolean) => void }) {
  if (l.state !== 'SENT' && l.reminders.sent === 0) return null;
  const sent = l.reminders.sent === 0 ? 'no reminder sent yet' : `${l.reminders.sent} reminder${l.reminders.sent === 1 ? '' : 's'} sent`;
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs text-slate-500" data-testid="link-reminders">
      {l.language !== 'en' && <span>In {isLanguage(l.language) ? LANGUAGE_NAMES[l.language] : l.language};</span>}
      <span>
        {sent}
        {l.state === 'SENT' && (l.reminders.nextAt ? <>, next <Time iso={l.reminders.nextAt} /></> : l.reminders.enabled ? ', no more due' : ', reminders off')}
      </span>
      {canChange && l.state === 'SENT' && (l.reminders.enabled || l.reminders.nextAt === null) && (
        <Button variant="secondary" size="xs" disabled={pending} onClick={() => onChange(!l.reminders.enabled)}>
          {l.reminders.enabled ? 'Stop reminders' : 'Resume reminders'}
        </Button>
      )}
    </p>
  );
}

function Delivery({ delivery: d }: { delivery: LinkSummary['delivery'] }) {
  if (!d || d.state === 'SENT') return null;
  if (d.state === 'CANCELLED') return <p className="text-xs text-slate-500">Email not sent: the link was revoked first.</p>;
  if (d.state === 'FAILED') return <p className="text-xs text-red-700">Delivery failed after {d.attempts} attempts: {d.lastError}</p>;
  // Not a failure, whatever an earlier attempt's error says: the mail server may already have it.
  if (d.state === 'SENDING') return <p className="text-xs text-slate-500">Handing the email to the mail server.</p>;
  if (d.lastError) return <p className="text-xs text-red-700">Delivery failed ({d.lastError}); retrying {formatRelative(d.nextAttemptAt)}.</p>;
  return <p className="text-xs text-slate-500">Email queued.</p>;
}

function SendLinkForm({ credential: c, flow, canOverride, onClose }: { credential: CredentialDetail; flow: LinkFlow; canOverride: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [recipient, setRecipient] = useState(c.contacts[0]?.email ?? OTHER);
  const [otherEmail, setOtherEmail] = useState('');
  const [replace, setReplace] = useState(false);
  const [override, setOverride] = useState(false);
  const [remind, setRemind] = useState(true);
  const [previewing, setPreviewing] = useState(false);
  // One key per composed email: a retry after a timeout is recognised by the server, never sent twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const form = useRef<HTMLFormElement>(null);
  // Opened by a click or by "s"/"r": either way the keyboard continues in the form, on the recipient.
  useEffect(() => form.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus(), []);
  const live = c.links.find((l) => l.flow === flow && l.state === 'SENT');
  const email = recipient === OTHER ? otherEmail.trim() : recipient;
  const preview = useQuery({ ...credentialQueries.linkPreview(c.token, flow, email), enabled: previewing && /^\S+@\S+$/.test(email) });

  const send = useToastedMutation({
    messages: { pending: `Sending the ${FLOW_LABEL[flow]} link…`, success: (sent) => `${FLOW_LABEL[flow]} link ${sent.outcome === 'RESENT' ? 'sent again' : 'sent'} to ${sent.link.recipientEmail}.` },
    mutationFn: () =>
      fetchJson<SentLink>(`/api/credentials/${encodeURIComponent(c.token)}/links`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify({ flow, email, replace, reminders: remind, ...(override ? { override } : {}) }),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: credentialKeys.all });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };

  return (
    <form ref={form} onSubmit={submit} className="mt-3 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" aria-label={`Send ${FLOW_LABEL[flow]} link`}>
      <fieldset>
        <legend className="font-medium">Send to</legend>
        {c.contacts.map((p) => (
          <label key={p.id} className="mt-1 flex items-center gap-2">
            <input type="radio" name="recipient" value={p.email} checked={recipient === p.email} onChange={() => setRecipient(p.email)} />
            {p.name} <span className="text-slate-500">{p.email}</span>
          </label>
        ))}
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="recipient" value={OTHER} checked={recipient === OTHER} onChange={() => setRecipient(OTHER)} />
          Another email
        </label>
        {recipient === OTHER && (
          <input type="email" required aria-label="Recipient email" value={otherEmail} onChange={(e) => setOtherEmail(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1" />
        )}
      </fieldset>
      {live && (
        <label className="flex items-start gap-2">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          <span>Replace the live link sent {formatRelative(live.createdAt)} (it stops working). Otherwise the same link is sent again.</span>
        </label>
      )}
      <label className="flex items-start gap-2">
        <input type="checkbox" checked={remind} onChange={(e) => setRemind(e.target.checked)} />
        <span>Remind the end user while the link is unopened, on the company’s cadence</span>
      </label>
      {canOverride && (
        <label className="flex items-start gap-2">
          <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
          <span>Admin: send even if this end user was emailed in the last 24 hours</span>
        </label>
      )}
      <details onToggle={(e) => setPreviewing(e.currentTarget.open)}>
        <summary className="cursor-pointer font-medium">Preview the email</summary>
        <div className="mt-2 rounded border border-slate-200 bg-white p-2" data-testid="email-preview">
          {!email && <p className="text-slate-600">Choose a recipient to see the email they will get.</p>}
          {preview.error && <p role="alert" className="text-red-700">{preview.error.message}</p>}
          {preview.data && <EmailPreview preview={preview.data} />}
        </div>
      </details>
      {send.error && <p role="alert" className="text-red-700">{send.error.message}</p>}
      <div className="flex gap-2">
        <Button type="submit" disabled={send.isPending || !email}>{send.isPending ? 'Sending…' : `Send ${FLOW_LABEL[flow]} link`}</Button>
        <Button type="button" variant="secondary" onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
