'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { CREDENTIAL_STATUSES, STATUS_LABELS, unlockFlowFor, type CredentialStatus } from '@/lib/domain/credential-status.ts';
import { FLOW_LABEL } from '@/lib/domain/link-rules.ts';
import { formatAge, formatExactUtc, formatRelative } from '@/lib/domain/time.ts';
import { credentialQueries } from '@/lib/queries/credentials.ts';
import type { CredentialListQuery, CredentialPage, StatusCounts } from '@/lib/schemas/credentials.ts';
import { credentialSearchString } from '@/lib/search-params/credentials.ts';
import { FacetedFilter } from '@/components/data-table/faceted-filter.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { OutcomeBadge, StatusBadge } from './status-badge.tsx';
import { CopyTokenButton } from './copy-token-button.tsx';

interface Props {
  query: CredentialListQuery;
  initialPage: CredentialPage;
  initialCounts: StatusCounts;
  institutions: { id: string; name: string }[];
  owners: { id: string; name: string }[];
  canBulkSend: boolean;
}


export function CredentialsBrowser({ query, initialPage, initialCounts, institutions, owners, canBulkSend }: Props) {
  const router = useRouter();
  // Server data is the first paint; react-query refetches every 30 s so status changes appear by themselves.
  const list = useQuery({ ...credentialQueries.list(query), initialData: initialPage, placeholderData: keepPreviousData });
  const counts = useQuery({ ...credentialQueries.counts(query), initialData: initialCounts, placeholderData: keepPreviousData });
  const [search, setSearch] = useState(query.q ?? '');
  const bulkFlow = query.status.length === 1 ? unlockFlowFor(query.status[0]) : null;

  const go = (change: Partial<CredentialListQuery>) =>
    router.push(`/credentials${credentialSearchString({ ...query, cursor: undefined, before: undefined, ...change })}`);
  const matching = query.status.length ? query.status.reduce((sum, s) => sum + counts.data[s], 0) : counts.data.total;
  const toggleStatus = (status: CredentialStatus) =>
    go({ status: query.status.includes(status) ? query.status.filter((s) => s !== status) : [...query.status, status] });
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    go({ q: search.trim() || undefined });
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Credentials</h1>
        <form onSubmit={onSearch} role="search" className="flex gap-2">
          <label htmlFor="credential-search" className="sr-only">Search token, reference or contact</label>
          <input
            id="credential-search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Token, reference, contact…"
            className="w-72 rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <Button type="submit" variant="secondary">Search</Button>
        </form>
      </div>

      <nav aria-label="Status" className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <StatusCard label="All" count={counts.data.total} active={!query.status.length} onSelect={() => go({ status: [] })} />
        {CREDENTIAL_STATUSES.map((status) => (
          <StatusCard key={status} label={STATUS_LABELS[status]} count={counts.data[status]} active={query.status.includes(status)} onSelect={() => toggleStatus(status)} />
        ))}
      </nav>

      <div className="flex flex-wrap items-center gap-3 text-sm">
        <FacetedFilter
          label="Institution"
          options={institutions.map((i) => ({ value: i.id, label: i.name }))}
          selected={query.institution}
          onChange={(institution) => go({ institution })}
        />
        <label className="flex items-center gap-2">
          Owner
          <select value={query.owner ?? ''} onChange={(e) => go({ owner: e.target.value || undefined })} className="rounded-md border border-slate-300 bg-white px-2 py-1">
            <option value="">Anyone</option>
            <option value="none">Unassigned</option>
            {owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-2">
          Created from
          <input type="date" value={query.createdFrom ?? ''} onChange={(e) => go({ createdFrom: e.target.value || undefined })} className="rounded-md border border-slate-300 px-2 py-0.5" />
        </label>
        <label className="flex items-center gap-2">
          to
          <input type="date" value={query.createdTo ?? ''} onChange={(e) => go({ createdTo: e.target.value || undefined })} className="rounded-md border border-slate-300 px-2 py-0.5" />
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={query.stale} onChange={(e) => go({ stale: e.target.checked })} />
          Stale only
        </label>
        <label className="flex items-center gap-2">
          Sort by
          <select value={`${query.sort}:${query.order}`} onChange={(e) => { const [sort, order] = e.target.value.split(':') as [CredentialListQuery['sort'], CredentialListQuery['order']]; go({ sort, order }); }} className="rounded-md border border-slate-300 bg-white px-2 py-1">
            <option value="lastUpdatedAt:asc">Oldest data first</option>
            <option value="lastUpdatedAt:desc">Newest data first</option>
            <option value="statusChangedAt:desc">Latest status change</option>
            <option value="statusChangedAt:asc">Longest in its status</option>
            <option value="createdAt:desc">Newest credentials</option>
            <option value="createdAt:asc">Oldest credentials</option>
          </select>
        </label>
        {list.isFetching && <span className="text-slate-500" aria-live="polite">Updating…</span>}
        {list.isError && <span className="text-red-700" data-testid="list-error">Could not refresh: {list.error.message}. Showing the last data received.</span>}
      </div>

      <CredentialsTable page={list.data} />

      <div className="flex items-center justify-between gap-4 text-sm">
        <div className="flex gap-4">
          {list.data.prevCursor && (
            <>
              <Link href={`/credentials${credentialSearchString({ ...query, cursor: undefined, before: undefined })}`} className="underline">First page</Link>
              <Link href={`/credentials${credentialSearchString({ ...query, cursor: undefined, before: list.data.prevCursor })}`} className="font-medium underline">← Previous page</Link>
            </>
          )}
        </div>
        <span className="flex gap-4">
          <a href={`/api/credentials/export${credentialSearchString({ ...query, cursor: undefined, before: undefined, limit: undefined })}`} className="underline">
            Export these {matching.toLocaleString('en')} as CSV
          </a>
          {/* A status a link unlocks, selected alone: the list can then be sent links in bulk. */}
          {canBulkSend && bulkFlow && matching > 0 && (
            <Link href={`/bulk-sends/new${credentialSearchString({ ...query, cursor: undefined, before: undefined, limit: undefined, sort: undefined, order: undefined })}`} className="font-medium underline">
              Send {FLOW_LABEL[bulkFlow]} links to these {matching.toLocaleString('en')}…
            </Link>
          )}
        </span>
        {list.data.nextCursor ? (
          <Link href={`/credentials${credentialSearchString({ ...query, before: undefined, cursor: list.data.nextCursor })}`} className="font-medium underline">Next page →</Link>
        ) : <span />}
      </div>
    </div>
  );
}

function StatusCard({ label, count, active, onSelect }: { label: string; count: number; active: boolean; onSelect: () => void }) {
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-pressed={active}
      className={clsx('rounded-lg border bg-white p-3 text-left shadow-sm hover:border-slate-400', active ? 'border-slate-900 ring-1 ring-slate-900' : 'border-slate-200')}
    >
      <span className="block text-sm text-slate-600">{label}</span>
      <span className="block text-2xl font-semibold tabular-nums" data-testid={`count-${label}`}>{count.toLocaleString('en')}</span>
    </button>
  );
}

function CredentialsTable({ page }: { page: CredentialPage }) {
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
