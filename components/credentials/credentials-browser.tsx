'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { unlockFlowFor, type CredentialStatus } from '@/lib/domain/credential-status.ts';
import { credentialQueries } from '@/lib/queries/credentials.ts';
import type { CredentialListQuery, CredentialPage, StatusCounts } from '@/lib/schemas/credentials.ts';
import { credentialSearchString } from '@/lib/search-params/credentials.ts';
import { CredentialFilterBar } from './credential-filter-bar.tsx';
import { CredentialSearch } from './credential-search.tsx';
import { CredentialsPager } from './credentials-pager.tsx';
import { CredentialsTable } from './credentials-table.tsx';
import { StatusCards } from './status-cards.tsx';

interface Props {
  query: CredentialListQuery;
  initialPage: CredentialPage;
  initialCounts: StatusCounts;
  institutions: { id: string; name: string }[];
  owners: { id: string; name: string }[];
  canBulkSend: boolean;
}

/** The credentials list: its state is the URL, its data the server's first paint, then react-query's. */
export function CredentialsBrowser({ query, initialPage, initialCounts, institutions, owners, canBulkSend }: Props) {
  const router = useRouter();
  // Server data is the first paint; react-query refetches every 30 s so status changes appear by themselves.
  const list = useQuery({ ...credentialQueries.list(query), initialData: initialPage, placeholderData: keepPreviousData });
  const counts = useQuery({ ...credentialQueries.counts(query), initialData: initialCounts, placeholderData: keepPreviousData });
  const bulkFlow = canBulkSend && query.status.length === 1 ? unlockFlowFor(query.status[0]) : null;

  const go = (change: Partial<CredentialListQuery>) =>
    router.push(`/credentials${credentialSearchString({ ...query, cursor: undefined, before: undefined, ...change })}`);
  const matching = query.status.length ? query.status.reduce((sum, s) => sum + counts.data[s], 0) : counts.data.total;
  const toggleStatus = (status: CredentialStatus) =>
    go({ status: query.status.includes(status) ? query.status.filter((s) => s !== status) : [...query.status, status] });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Credentials</h1>
        <CredentialSearch initial={query.q ?? ''} onSearch={(q) => go({ q })} />
      </div>
      <StatusCards counts={counts.data} selected={query.status} onClear={() => go({ status: [] })} onToggle={toggleStatus} />
      <CredentialFilterBar query={query} institutions={institutions} owners={owners} go={go}>
        {list.isFetching && <span className="text-slate-500" aria-live="polite">Updating…</span>}
        {list.isError && <span className="text-red-700" data-testid="list-error">Could not refresh: {list.error.message}. Showing the last data received.</span>}
      </CredentialFilterBar>
      <CredentialsTable page={list.data} />
      <CredentialsPager query={query} page={list.data} matching={matching} bulkFlow={bulkFlow} />
    </div>
  );
}
