import type { Metadata } from 'next';
import Link from 'next/link';
import { EmailPreview } from '@/components/links/email-preview.tsx';
import { BulkSendConfirm } from '@/components/bulk-sends/bulk-send-confirm.tsx';
import { STATUS_LABELS, statusUnlockedBy } from '@/lib/domain/credential-status.ts';
import { bulkSendFlowFor, FLOW_LABEL, otherFlow } from '@/lib/domain/link-rules.ts';
import { credentialFiltersSchema } from '@/lib/schemas/credentials.ts';
import { credentialSearchString } from '@/lib/search-params/credentials.ts';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { previewBulkSend } from '@/server/bulk-sends/preview-bulk-send.ts';
import { BadFilterNotice } from '@/components/shell/bad-filter-notice.tsx';

export const metadata: Metadata = { title: 'Bulk send' };

export default async function NewBulkSendPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission('links.bulkSend');
  const raw = await searchParams;
  const parsed = credentialFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    return <BadFilterNotice title="This link has a filter CredOps does not understand." problems={parsed.error.issues} resetHref="/credentials" resetLabel="Back to the list" />;
  }
  const filter = parsed.data;
  const flow = bulkSendFlowFor(typeof raw.flow === 'string' ? raw.flow : undefined, filter.status);
  const preview = await previewBulkSend(actor, flow, filter);
  const listUrl = `/credentials${credentialSearchString(filter)}`;
  return (
    <div className="space-y-5">
      <div>
        <Link href={listUrl} className="text-sm underline">← Back to the list</Link>
        <h1 className="mt-2 text-2xl font-semibold">Send {FLOW_LABEL[flow]} links in bulk</h1>
        <p className="text-sm text-slate-600">
          To every {STATUS_LABELS[statusUnlockedBy(flow)]} credential of the current filter, at its first contact. The selection is frozen when you confirm.
          {filter.status.length === 0 && (
            <> Sending <Link href={`?${new URLSearchParams({ ...(raw as Record<string, string>), flow: otherFlow(flow) })}`} className="underline">{FLOW_LABEL[otherFlow(flow)]} links</Link> instead?</>
          )}
        </p>
      </div>
      {preview.incidents.length > 0 && (
        <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-semibold">Open incident{preview.incidents.length > 1 ? 's' : ''}: the institution is failing, not its users.</p>
          <ul className="mt-1 list-disc pl-5">
            {preview.incidents.map((i) => <li key={i.id}>{i.institutionName}: {i.failureRate}% of refreshes failed on {i.day} (usually {i.baselineRate}%). A link may not help until it recovers.</li>)}
          </ul>
        </div>
      )}
      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-4" data-testid="bulk-preview">
        <div><dt className="text-xs uppercase text-slate-500">Selected</dt><dd className="text-xl font-semibold">{preview.total.toLocaleString('en')}</dd></div>
        <div><dt className="text-xs uppercase text-slate-500">Without a contact</dt><dd className="text-xl font-semibold">{preview.withoutContact.toLocaleString('en')}</dd></div>
        <div><dt className="text-xs uppercase text-slate-500">Emailed in the last 24 h</dt><dd className="text-xl font-semibold">{preview.emailedRecently.toLocaleString('en')}</dd></div>
        <div>
          <dt className="text-xs uppercase text-slate-500">Will be emailed</dt>
          <dd className="text-xl font-semibold">{(preview.total - preview.withoutContact - preview.emailedRecently).toLocaleString('en')}</dd>
          <dd className="text-xs text-slate-600" data-testid="bulk-people">{preview.people.toLocaleString('en')} {preview.people === 1 ? 'person' : 'people'}: one email each, listing all of theirs</dd>
        </div>
      </dl>
      <table className="w-full rounded-lg bg-white text-sm shadow-sm">
        <caption className="p-2 text-left font-semibold">By institution</caption>
        <thead><tr className="text-left text-xs uppercase text-slate-500"><th className="p-2">Institution</th><th className="p-2">Selected</th><th className="p-2">Without a contact</th><th className="p-2">Emailed in the last 24 h</th></tr></thead>
        <tbody>
          {preview.byInstitution.map((g) => <tr key={g.id} className="border-t border-slate-100"><td className="p-2">{g.name}</td><td className="p-2">{g.count}</td><td className="p-2">{g.withoutContact}</td><td className="p-2">{g.emailedRecently}</td></tr>)}
        </tbody>
      </table>
      {preview.sampleEmail && (
        <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="bulk-sample-email">
          <summary className="cursor-pointer font-medium">
            Preview the email to {preview.sampleEmail.to}, who has {preview.sampleEmail.credentials} of these credential{preview.sampleEmail.credentials === 1 ? '' : 's'}
          </summary>
          <div className="mt-2">
            <EmailPreview preview={preview.sampleEmail} />
          </div>
        </details>
      )}
      {preview.withoutContactListed.length > 0 && (
        <section className="text-sm">
          <h2 className="font-semibold">No contact on file: these get no email</h2>
          <ul className="mt-1 flex flex-wrap gap-2" data-testid="without-contact">
            {preview.withoutContactListed.map((c) => <li key={c.token}><Link href={`/credentials/${c.token}`} className="font-mono text-xs underline">{c.token.slice(0, 12)}…</Link> <span className="text-slate-500">{c.institution}</span></li>)}
          </ul>
          {preview.withoutContact > preview.withoutContactListed.length && <p className="text-slate-600">…and {preview.withoutContact - preview.withoutContactListed.length} more.</p>}
        </section>
      )}
      <BulkSendConfirm preview={preview} filterQuery={credentialSearchString(filter)} />
    </div>
  );
}
