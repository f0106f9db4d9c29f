'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { MouseEvent } from 'react';
import { SortableHeader } from '@/components/data-table/sortable-header.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Time } from '@/components/ui/time.tsx';
import type { CredentialListQuery, CredentialPage } from '@/lib/schemas/credentials.ts';
import { RECURRING_ADVICE } from '@/lib/domain/recurrence.ts';
import { CopyTokenButton } from './copy-token-button.tsx';
import { OutcomeBadge, StatusBadge } from './status-badge.tsx';

type Sort = Pick<CredentialListQuery, 'sort' | 'order'>;

/** Rows picked for a bulk action; absent for roles that have none. */
export interface RowSelection {
  picked: ReadonlySet<string>;
  toggle: (token: string) => void;
  togglePage: () => void;
}

export const credentialHref = (token: string) => `/credentials/${encodeURIComponent(token)}`;

/**
 * One page of credentials, or what to do when no credential matches. A click anywhere on a row opens
 * the credential (its institution link is what Tab and Enter reach); the three time columns sort it.
 */
export function CredentialsTable({ page, sort, onSort, selection }: { page: CredentialPage; sort: Sort; onSort: (sort: Sort) => void; selection?: RowSelection }) {
  const router = useRouter();
  if (page.items.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="empty-list">
        <p className="font-medium">No credentials match these filters.</p>
        <Link href="/credentials" className="mt-2 inline-block text-sm underline">Clear all filters</Link>
      </div>
    );
  }
  const header = (column: Sort['sort'], label: string, firstOrder: Sort['order']) => (
    <SortableHeader active={sort.sort === column} order={sort.order} firstOrder={firstOrder} onSort={(order) => onSort({ sort: column, order })}>{label}</SortableHeader>
  );
  const openRow = (token: string) => (event: MouseEvent) => {
    const target = event.target as HTMLElement;
    // Controls in the row keep their own click, and selecting text to copy it is not a request to leave.
    if (target.closest('a, button, input, label') || window.getSelection()?.toString()) return;
    if (event.metaKey || event.ctrlKey) window.open(credentialHref(token), '_blank', 'noopener');
    else router.push(credentialHref(token));
  };
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-label="Credentials" tabIndex={0}>
      <table className="min-w-full text-sm">
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {selection && (
              <th scope="col" className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select every row on this page"
                  checked={page.items.every((c) => selection.picked.has(c.token))}
                  ref={(box) => { if (box) box.indeterminate = selection.picked.size > 0 && !page.items.every((c) => selection.picked.has(c.token)); }}
                  onChange={selection.togglePage}
                  className="size-4"
                />
              </th>
            )}
            <th scope="col" className="px-3 py-2">Token</th>
            <th scope="col" className="px-3 py-2">Institution</th>
            <th scope="col" className="px-3 py-2">Status</th>
            {header('statusChangedAt', 'In status for', 'asc')}
            {header('lastUpdatedAt', 'Last update', 'asc')}
            <th scope="col" className="px-3 py-2">Last attempt</th>
            {header('createdAt', 'Created', 'desc')}
            <th scope="col" className="px-3 py-2">Contacts</th>
            <th scope="col" className="px-3 py-2">Owner</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.items.map((c) => (
            <tr key={c.token} data-testid="credential-row" onClick={openRow(c.token)} className="cursor-pointer hover:bg-slate-50 focus-within:bg-slate-50">
              {selection && (
                <td className="px-3 py-2">
                  <input type="checkbox" aria-label={`Select ${c.institution.name} ${c.token.slice(0, 8)}`} checked={selection.picked.has(c.token)} onChange={() => selection.toggle(c.token)} className="size-4" data-testid="row-select" />
                </td>
              )}
              <td className="px-3 py-2 font-mono text-xs"><CopyTokenButton token={c.token} /></td>
              <td className="px-3 py-2"><Link href={credentialHref(c.token)} data-row-link className="font-medium underline-offset-2 hover:underline">{c.institution.name}</Link></td>
              <td className="px-3 py-2">
                <StatusBadge status={c.status} />
                {c.attention && <p className="mt-1 max-w-56 text-xs text-slate-600" data-testid="attention-reason"><span className="sr-only">Ranked here: </span>{c.attention}</p>}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <Time iso={c.statusChangedAt} display="age" />
                {c.overTarget && <> <Badge tone="red">Over target</Badge></>}
                {c.recurring && <> <Badge tone="red" title={RECURRING_ADVICE}>Recurring</Badge></>}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {c.lastUpdatedAt ? <Time iso={c.lastUpdatedAt} /> : <span className="text-slate-500">Never</span>}
                {c.stale && <> <Badge tone="amber">Stale</Badge></>}
                {c.partialData && <> <Badge tone="gray">Partial data</Badge></>}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <OutcomeBadge outcome={c.lastAttemptOutcome} />
                {c.lastAttemptAt && <Time iso={c.lastAttemptAt} className="ml-1 text-xs text-slate-500" />}
              </td>
              <td className="px-3 py-2 whitespace-nowrap"><Time iso={c.createdAt} /></td>
              <td className="px-3 py-2">{c.contacts.length ? c.contacts.map((p) => p.name).join(', ') : <span className="text-slate-500">None</span>}</td>
              <td className="px-3 py-2">{c.owner?.name ?? <span className="text-slate-500">Unassigned</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
