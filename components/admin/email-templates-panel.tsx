'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmailPreview } from '@/components/links/email-preview.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { useHydrated } from '@/components/ui/use-hydrated.ts';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';
import { TEMPLATE_PLACEHOLDERS } from '@/lib/domain/email-template.ts';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@/lib/domain/languages.ts';
import { FLOW_LABEL, LINK_FLOWS, type LinkFlow } from '@/lib/domain/link-rules.ts';
import type { EmailTemplateView } from '@/lib/schemas/email-templates.ts';
import type { LinkEmailPreview } from '@/lib/schemas/links.ts';

const TEMPLATES_KEY = ['admin', 'email-templates'] as const;
const FIELD = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm';

/** The link email's wording per flow and language: edit, preview before saving, save, or go back to CredOps' own. */
export function EmailTemplatesPanel() {
  const [slot, setSlot] = useState<{ flow: LinkFlow; language: Language }>({ flow: 'SCA', language: 'es' });
  const hydrated = useHydrated();
  const templates = useQuery({ queryKey: TEMPLATES_KEY, queryFn: () => fetchJson<EmailTemplateView[]>('/api/admin/email-templates') });
  const current = templates.data?.find((t) => t.flow === slot.flow && t.language === slot.language);
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="templates-title">
      <div>
        <h2 id="templates-title" className="font-semibold">Link email wording</h2>
        <p className="text-sm text-slate-600">
          The subject and text of the SCA and Reset emails, per language. Plain text: blank lines separate paragraphs, and nothing you type becomes HTML. The button, its link and the expiry line are always added.
          Someone with several credentials gets one email listing them in CredOps’ own wording.
        </p>
      </div>
      <div className="flex flex-wrap gap-4 text-sm">
        <label>
          Flow
          <select value={slot.flow} disabled={!hydrated} onChange={(e) => setSlot({ ...slot, flow: e.target.value as LinkFlow })} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1">
            {LINK_FLOWS.map((f) => <option key={f} value={f}>{FLOW_LABEL[f]}</option>)}
          </select>
        </label>
        <label>
          Language
          <select value={slot.language} disabled={!hydrated} onChange={(e) => setSlot({ ...slot, language: e.target.value as Language })} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1">
            {LANGUAGES.map((l) => <option key={l} value={l}>{LANGUAGE_NAMES[l]}</option>)}
          </select>
        </label>
      </div>
      {templates.error && <p role="alert" className="text-sm text-red-700">{templates.error.message}</p>}
      {/* Keyed by the slot, so switching flow or language starts from that template's saved text. */}
      {current && <TemplateEditor key={`${current.flow}|${current.language}|${current.updatedAt}`} template={current} />}
    </section>
  );
}

function TemplateEditor({ template }: { template: EmailTemplateView }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ subject: template.subject, body: template.body });
  const [previewed, setPreviewed] = useState<typeof draft | null>(null);
  const path = `/api/admin/email-templates/${template.flow}/${template.language}`;
  const preview = useQuery({
    queryKey: ['admin', 'email-template-preview', template.flow, template.language, previewed],
    queryFn: () => fetchJson<LinkEmailPreview>(`/api/admin/email-templates/preview?${new URLSearchParams({ flow: template.flow, language: template.language, ...previewed! })}`),
    enabled: previewed !== null,
    retry: false,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY });
  const save = useToastedMutation({
    mutationFn: () => fetchJson<EmailTemplateView>(path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(draft) }),
    messages: { pending: 'Saving the wording…', success: () => `${FLOW_LABEL[template.flow]} emails in ${LANGUAGE_NAMES[template.language]} now use this wording.` },
    onSuccess: refresh,
  });
  const reset = useToastedMutation({
    mutationFn: () => fetchJson<EmailTemplateView>(path, { method: 'DELETE' }),
    messages: { pending: 'Going back to CredOps’ wording…', success: () => `${FLOW_LABEL[template.flow]} emails in ${LANGUAGE_NAMES[template.language]} use CredOps’ wording again.` },
    onSuccess: refresh,
  });
  const changed = draft.subject !== template.subject || draft.body !== template.body;
  return (
    <div className="space-y-3 text-sm">
      <p className="text-xs text-slate-500">{template.edited ? `Edited ${template.updatedAt?.slice(0, 10)}` : 'CredOps’ wording'}</p>
      <label className="block">
        Subject
        <input value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} maxLength={200} className={FIELD} />
      </label>
      <label className="block">
        Text
        <textarea value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} rows={7} maxLength={5000} className={FIELD} />
      </label>
      <p className="text-xs text-slate-600">
        Placeholders: {Object.entries(TEMPLATE_PLACEHOLDERS).map(([name, meaning], i) => <span key={name}>{i > 0 && '; '}<code>{`{${name}}`}</code> {meaning}</span>)}.
      </p>
      {save.error && <p role="alert" className="text-red-700">{save.error.message}</p>}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => setPreviewed({ ...draft })}>Preview</Button>
        <Button type="button" onClick={() => save.mutate()} disabled={!changed || save.isPending}>{save.isPending ? 'Saving…' : 'Save wording'}</Button>
        {template.edited && (
          <ConfirmDialog
            title="Go back to CredOps’ wording?"
            description={`${FLOW_LABEL[template.flow]} emails in ${LANGUAGE_NAMES[template.language]} will use CredOps’ own subject and text again; your wording is not kept.`}
            confirmLabel="Use CredOps’ wording"
            destructive
            onConfirm={() => reset.mutate()}
            trigger={<Button type="button" variant="secondary" disabled={reset.isPending}>Reset to CredOps’ wording…</Button>}
          />
        )}
      </div>
      {previewed && (
        <div className="rounded border border-slate-200 p-2" data-testid="template-preview">
          <p className="text-xs text-slate-500">For a sample institution and contact, before saving.</p>
          {preview.error && <p role="alert" className="text-red-700">{preview.error.message}</p>}
          {preview.data && <EmailPreview preview={preview.data} />}
        </div>
      )}
    </div>
  );
}
