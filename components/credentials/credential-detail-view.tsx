'use client';

import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '@/lib/domain/languages.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge.tsx';
import { useHydrated } from '@/components/ui/use-hydrated.ts';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';
import { STATUS_LABELS } from '@/lib/domain/credential-status.ts';
import { FLOW_LABEL } from '@/lib/domain/link-rules.ts';
import { Time } from '@/components/ui/time.tsx';
import { credentialKeys, credentialQueries } from '@/lib/queries/credentials.ts';
import type { CredentialDetail, TimelineEvent } from '@/lib/schemas/credentials.ts';
import { CredentialLinks } from '@/components/links/credential-links.tsx';
import { CopyTokenButton } from './copy-token-button.tsx';
import { OutcomeBadge, StatusBadge } from './status-badge.tsx';
import { RECURRING_ADVICE } from '@/lib/domain/recurrence.ts';

const TRIGGER_LABEL: Record<string, string> = { CREATION: 'creation load', SCA_RESOLVED: 'SCA resolved', RESET_RESOLVED: 'Reset resolved', DAILY: 'daily run' };
const json = (method: string, body?: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

export function CredentialDetailView({ initial, owners, canEdit, canSendLinks, canOverrideLimits }: { initial: CredentialDetail; owners: { id: string; name: string }[]; canEdit: boolean; canSendLinks: boolean; canOverrideLimits: boolean }) {
  const queryClient = useQueryClient();
  const query = credentialQueries.detail(initial.token);
  const { data: c } = useQuery({ ...query, initialData: initial });
  const url = `/api/credentials/${encodeURIComponent(c.token)}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: credentialKeys.all });
  const ownerName = (id: string | null) => owners.find((o) => o.id === id)?.name ?? 'Unassigned';

  const setOwner = useToastedMutation({
    mutationFn: ({ ownerId }: { ownerId: string | null; previous: string | null }) => fetchJson(url, json('PATCH', { ownerId })),
    messages: {
      pending: 'Changing the owner…',
      success: (_, { ownerId }) => (ownerId ? `${ownerName(ownerId)} now owns this credential.` : 'This credential has no owner now.'),
      undo: (_, { ownerId, previous }) => setOwner.mutate({ ownerId: previous, previous: ownerId }),
    },
    onSuccess: refresh,
  });
  const addContact = useToastedMutation({
    mutationFn: (contact: { name: string; email: string; language?: string; timeZone?: string }) => fetchJson(`${url}/contacts`, json('POST', contact)),
    messages: { pending: (p) => `Adding ${p.name}…`, success: (_, p) => `${p.name} was added as a contact.` },
    onSuccess: refresh,
  });
  const removeContact = useToastedMutation({
    mutationFn: (contact: { id: number; name: string; email: string }) => fetchJson(`${url}/contacts/${contact.id}`, json('DELETE')),
    messages: {
      pending: (p) => `Removing ${p.name}…`,
      success: (_, p) => `${p.name} is no longer a contact.`,
      undo: (_, p) => addContact.mutate({ name: p.name, email: p.email }),
    },
    onSuccess: refresh,
  });
  const saveNotes = useToastedMutation({
    mutationFn: (notes: string) => fetchJson(url, json('PATCH', { notes })),
    messages: { pending: 'Saving notes…', success: 'Notes saved.' },
    onSuccess: refresh,
  });

  const onAddContact = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const language = String(data.get('language') ?? '');
    const timeZone = String(data.get('timeZone') ?? '').trim();
    addContact.mutate({ name: String(data.get('name')), email: String(data.get('email')), ...(language && { language }), ...(timeZone && { timeZone }) }, { onSuccess: () => form.reset() });
  };

  return (
    <div className="space-y-6">
      <div>
        <Link href="/credentials" className="text-sm underline">← Credentials</Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{c.institution.name}</h1>
          <StatusBadge status={c.status} />
          {c.stale && <Badge tone="amber">Stale</Badge>}
          {c.overTarget && <Badge tone="red">Over target</Badge>}
          {c.recurring && <Badge tone="red">Recurring</Badge>}
          {c.partialData && <Badge tone="gray">Partial data</Badge>}
        </div>
        <p className="mt-1 flex flex-wrap items-center gap-2 font-mono text-xs text-slate-600"><span className="break-all">{c.token}</span> <CopyTokenButton token={c.token} label="Copy token" /></p>
      </div>

      <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="verdict">
        <span className="font-semibold">Why is this {c.status === 'ACTIVE' && !c.stale ? 'fine' : 'stale'}? </span>{c.verdict}
        {c.recurring && <span className="mt-2 block font-medium text-red-800" data-testid="recurring-advice">Recurring. {RECURRING_ADVICE}</span>}
      </p>

      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-4">
        <Fact label="Last successful update">{c.lastUpdatedAt ? <Time iso={c.lastUpdatedAt} /> : <>Never <span className="text-slate-500">(data as of creation, <Time iso={c.dataAsOf} />)</span></>}</Fact>
        <Fact label="Last attempt"><OutcomeBadge outcome={c.lastAttemptOutcome} /> {c.lastAttemptAt && <Time iso={c.lastAttemptAt} />}</Fact>
        <Fact label={`${STATUS_LABELS[c.status]} since`}><Time iso={c.statusChangedAt} /></Fact>
        <Fact label="Created"><Time iso={c.createdAt} display="exact" /></Fact>
        <Fact label="External reference">{c.externalReference ?? '—'}</Fact>
        <Fact label="Owner">
          {canEdit ? (
            <OwnerPicker key={c.owner?.id ?? ''} current={c.owner?.id ?? null} owners={owners} pending={setOwner.isPending} onSave={(ownerId) => setOwner.mutate({ ownerId, previous: c.owner?.id ?? null })} />
          ) : (c.owner?.name ?? 'Unassigned')}
        </Fact>
      </dl>

      <div className="grid gap-6 lg:grid-cols-3">
        <section className="lg:col-span-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="timeline-title">
          <h2 id="timeline-title" className="font-semibold">Timeline</h2>
          <ol className="mt-3 space-y-2 text-sm" data-testid="timeline">
            {c.timeline.length === 0 && <li className="text-slate-600">Nothing observed yet.</li>}
            {c.timeline.map((e, i) => <TimelineRow key={i} event={e} />)}
          </ol>
        </section>

        <div className="space-y-6">
          <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="contacts-title">
            <h2 id="contacts-title" className="font-semibold">Contacts</h2>
            <ul className="mt-2 space-y-1 text-sm">
              {c.contacts.length === 0 && <li className="text-slate-600">No contact on file.</li>}
              {c.contacts.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-2">
                  <span>
                    {p.name} <span className="text-slate-500">{p.email}</span>
                    {(p.language || p.timeZone) && (
                      <span className="text-xs text-slate-500"> · {[p.language && isLanguage(p.language) ? LANGUAGE_NAMES[p.language] : p.language, p.timeZone].filter(Boolean).join(', ')}</span>
                    )}
                  </span>
                  {canEdit && (
                    <ConfirmDialog
                      trigger={<Button variant="secondary" size="xs" disabled={removeContact.isPending}>Remove…<span className="sr-only"> {p.name}</span></Button>}
                      title={`Remove ${p.name} as a contact?`}
                      description={`${p.email} stops being offered when a link is sent for this credential. Links already sent keep working.`}
                      confirmLabel="Remove contact"
                      destructive
                      onConfirm={() => removeContact.mutate(p)}
                    />
                  )}
                </li>
              ))}
            </ul>
            {canEdit && (
              <form onSubmit={onAddContact} className="mt-3 space-y-2 text-sm" aria-label="Add a contact">
                <input name="name" required placeholder="Name" aria-label="Contact name" className="w-full rounded-md border border-slate-300 px-2 py-1" />
                <input name="email" type="email" required placeholder="Email" aria-label="Contact email" className="w-full rounded-md border border-slate-300 px-2 py-1" />
                <div className="flex flex-wrap gap-2">
                  <select name="language" aria-label="Contact language" defaultValue="" className="rounded-md border border-slate-300 px-2 py-1">
                    <option value="">Company language</option>
                    {LANGUAGES.map((l) => <option key={l} value={l}>{LANGUAGE_NAMES[l]}</option>)}
                  </select>
                  <input name="timeZone" placeholder="Time zone, e.g. Europe/Madrid" aria-label="Contact time zone" className="w-40 flex-1 rounded-md border border-slate-300 px-2 py-1" />
                </div>
                <Button type="submit" variant="secondary" size="sm" disabled={addContact.isPending}>{addContact.isPending ? 'Adding…' : 'Add contact'}</Button>
              </form>
            )}
          </section>

          <CredentialLinks credential={c} canSend={canSendLinks} canOverride={canOverrideLimits} />

          <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="notes-title">
            <h2 id="notes-title" className="font-semibold">Notes</h2>
            {canEdit ? (
              <form className="mt-2 space-y-2" onSubmit={(e) => { e.preventDefault(); saveNotes.mutate(String(new FormData(e.currentTarget).get('notes') ?? '')); }}>
                <textarea name="notes" aria-label="Notes" defaultValue={c.notes ?? ''} rows={4} className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm" />
                <Button type="submit" variant="secondary" size="sm" disabled={saveNotes.isPending}>{saveNotes.isPending ? 'Saving…' : 'Save notes'}</Button>
              </form>
            ) : (
              <p className="mt-2 whitespace-pre-wrap text-sm">{c.notes || 'No notes.'}</p>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

/** The owner is chosen, then saved: a native select changes its value on an arrow key. */
function OwnerPicker({ current, owners, pending, onSave }: { current: string | null; owners: { id: string; name: string }[]; pending: boolean; onSave: (ownerId: string | null) => void }) {
  const [choice, setChoice] = useState(current ?? '');
  const hydrated = useHydrated();
  const changed = choice !== (current ?? '');
  return (
    <span className="flex flex-wrap items-center gap-2">
      <select aria-label="Owner" value={choice} disabled={!hydrated} onChange={(e) => setChoice(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1">
        <option value="">Unassigned</option>
        {owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </select>
      {changed && (
        <>
          <Button size="xs" disabled={pending} onClick={() => onSave(choice || null)}>Save owner</Button>
          <Button variant="ghost" size="xs" onClick={() => setChoice(current ?? '')}>Cancel</Button>
        </>
      )}
    </span>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}

function TimelineRow({ event: e }: { event: TimelineEvent }) {
  return (
    <li className="flex flex-wrap items-baseline gap-2 border-l-2 border-slate-200 pl-3" data-testid="timeline-event">
      <Time iso={e.observedAt} display="exact" className="w-40 shrink-0 text-xs text-slate-500" />
      {e.kind === 'staff' && e.staff ? (
        <span><strong>{e.staff.who}</strong> {e.staff.did}</span>
      ) : e.kind === 'link' && e.link ? (
        <span>{FLOW_LABEL[e.link.flow]} link <strong>{e.link.event}</strong> <span className="text-slate-600">{e.link.detail}</span></span>
      ) : e.kind === 'status' ? (
        <span>Status {e.from ? <>{STATUS_LABELS[e.from]} → </> : 'first seen as '}<strong>{STATUS_LABELS[e.to!]}</strong></span>
      ) : (
        <span>Refresh{e.trigger ? ` (${TRIGGER_LABEL[e.trigger] ?? e.trigger})` : ''}: <OutcomeBadge outcome={e.outcome ?? null} />{e.errored && <Badge tone="gray">errored flags</Badge>}</span>
      )}
      {e.flanksUpdatedAt && <span className="text-xs text-slate-500">Flanks update time <Time iso={e.flanksUpdatedAt} display="exact" /></span>}
    </li>
  );
}
