import type { Metadata } from 'next';
import Link from 'next/link';
import { AUDIT_ACTIONS } from '@/server/audit/record-audit-event.ts';
import { listAuditEvents } from '@/server/audit/list-audit-events.ts';
import { requirePermission } from '@/server/auth/require-permission.ts';
import { auditQuerySchema } from '@/lib/schemas/audit.ts';
import { Time } from '@/components/ui/time.tsx';
import { BadFilterNotice } from '@/components/shell/bad-filter-notice.tsx';
import { AuditDetails } from '@/components/audit/audit-details.tsx';
import { Button } from '@/components/ui/button.tsx';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission('audit.read');
  const raw = await searchParams;
  const parsed = auditQuerySchema.safeParse(raw);
  if (!parsed.success) {
    return <BadFilterNotice title="This link has a filter CredOps does not understand." problems={parsed.error.issues} resetHref="/audit" resetLabel="Clear the filters" />;
  }
  const page = await listAuditEvents(actor, parsed.data);
  const filters = Object.fromEntries(Object.entries(raw).filter(([k, v]) => typeof v === 'string' && v && k !== 'cursor')) as Record<string, string>;
  const search = (extra: Record<string, string> = {}) => `?${new URLSearchParams({ ...filters, ...extra })}`;
  return (
    <div className="space-y-4">
      <div className="flex items-end justify-between">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <a href={`/api/audit/export${search()}`} className="text-sm font-medium underline">Download CSV</a>
      </div>
      <form className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the audit log">
        <label>Actor email<input name="actor" defaultValue={filters.actor} className="mt-1 block rounded-md border border-slate-300 px-2 py-1" /></label>
        <label>Action
          <select name="action" defaultValue={filters.action ?? ''} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1">
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label>Target id<input name="target" defaultValue={filters.target} className="mt-1 block rounded-md border border-slate-300 px-2 py-1" /></label>
        <label>From<input name="from" type="date" defaultValue={filters.from} className="mt-1 block rounded-md border border-slate-300 px-2 py-1" /></label>
        <label>To<input name="to" type="date" defaultValue={filters.to} className="mt-1 block rounded-md border border-slate-300 px-2 py-1" /></label>
        <Button type="submit" variant="secondary" size="sm">Filter</Button>
      </form>
      {page.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm">No events match these filters.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" tabIndex={0} role="region" aria-label="Audit events">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
            <tr><th scope="col" className="px-3 py-2">Time</th><th scope="col" className="px-3 py-2">Actor</th><th scope="col" className="px-3 py-2">Action</th><th scope="col" className="px-3 py-2">Target</th><th scope="col" className="px-3 py-2">Details</th><th scope="col" className="px-3 py-2">IP</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.items.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td className="px-3 py-2 whitespace-nowrap"><Time iso={e.createdAt} display="exact" /></td>
                <td className="px-3 py-2">{e.actorEmail}</td>
                <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                <td className="px-3 py-2 break-all">{e.targetType === 'credential' && e.targetId ? <Link href={`/credentials/${encodeURIComponent(e.targetId)}`} className="underline">credential {e.targetId.slice(0, 8)}…</Link> : <>{e.targetType}{e.targetId ? ` ${e.targetId}` : ''}</>}</td>
                <td className="px-3 py-2 text-xs"><AuditDetails details={e.details} /></td>
                <td className="px-3 py-2">{e.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {page.nextCursor && <Link href={`/audit${search({ cursor: page.nextCursor })}`} className="text-sm font-medium underline">Older events →</Link>}
    </div>
  );
}
