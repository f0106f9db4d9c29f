import Link from 'next/link';
import { Badge } from '@/components/ui/badge.tsx';
import { formatAge, formatExactUtc, formatRelative } from '@/lib/domain/time.ts';
import type { CredentialPage } from '@/lib/schemas/credentials.ts';
import { CopyTokenButton } from './copy-token-button.tsx';
import { OutcomeBadge, StatusBadge } from './status-badge.tsx';

/** One page of credentials, or what to do when no credential matches. */
export function CredentialsTable({ page }: { page: CredentialPage }) {
  if (page.items.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="empty-list">
        <p className="font-medium">No credentials match these filters.</p>
        <Link href="/credentials" className="mt-2 inline-block text-sm underline">Clear all filters</Link>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm">
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Token</th>
            <th scope="col" className="px-3 py-2">Institution</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Last update</th>
            <th scope="col" className="px-3 py-2">Last attempt</th>
            <th scope="col" className="px-3 py-2">Data age</th>
            <th scope="col" className="px-3 py-2">Contacts</th>
            <th scope="col" className="px-3 py-2">Owner</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.items.map((c) => (
            <tr key={c.token} data-testid="credential-row">
              <td className="px-3 py-2 font-mono text-xs"><CopyTokenButton token={c.token} /></td>
              <td className="px-3 py-2"><Link href={`/credentials/${c.token}`} className="font-medium underline-offset-2 hover:underline">{c.institution.name}</Link></td>
              <td className="px-3 py-2"><StatusBadge status={c.status} /></td>
              <td className="px-3 py-2 whitespace-nowrap">
                {c.lastUpdatedAt ? <time dateTime={c.lastUpdatedAt} title={formatExactUtc(c.lastUpdatedAt)}>{formatRelative(c.lastUpdatedAt)}</time> : <span className="text-slate-500">Never</span>}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <OutcomeBadge outcome={c.lastAttemptOutcome} />
                {c.lastAttemptAt && <span className="ml-1 text-xs text-slate-500" title={formatExactUtc(c.lastAttemptAt)}>{formatRelative(c.lastAttemptAt)}</span>}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {formatAge(c.dataAsOf)} {c.stale && <Badge tone="amber">Stale</Badge>} {c.partialData && <Badge tone="gray">Partial data</Badge>}
              </td>
              <td className="px-3 py-2">{c.contacts.length ? c.contacts.map((p) => p.name).join(', ') : <span className="text-slate-500">None</span>}</td>
              <td className="px-3 py-2">{c.owner?.name ?? <span className="text-slate-500">Unassigned</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
