'use client';

import type { ReactNode } from 'react';
import { FacetedFilter } from '@/components/data-table/faceted-filter.tsx';
import type { CredentialListQuery } from '@/lib/schemas/credentials.ts';

interface Props {
  query: CredentialListQuery;
  institutions: { id: string; name: string }[];
  owners: { id: string; name: string }[];
  /** Applies a change of filters or sort (a navigation: the URL holds the list's state). */
  go: (change: Partial<CredentialListQuery>) => void;
  /** What the list says of itself beside the filters (updating, could not refresh). */
  children?: ReactNode;
}

/** Institution, owner, creation dates, stale only and sort: every filter of the list but status and search. */
export function CredentialFilterBar({ query, institutions, owners, go, children }: Props) {
  return (
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
      {children}
    </div>
  );
}
