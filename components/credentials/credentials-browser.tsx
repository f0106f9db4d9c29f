'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useShortcuts } from '@/components/shell/use-shortcuts.ts';
import { unlockFlowFor, type CredentialStatus } from '@/lib/domain/credential-status.ts';
import { credentialQueries } from '@/lib/queries/credentials.ts';
import type { CredentialListQuery, CredentialPage, StatusCounts } from '@/lib/schemas/credentials.ts';
import { credentialSearchString } from '@/lib/search-params/credentials.ts';
import { CredentialFilterBar } from './credential-filter-bar.tsx';
import { CredentialSearch, SEARCH_INPUT_ID } from './credential-search.tsx';
import { CredentialsBulkActions, CredentialsPager } from './credentials-pager.tsx';
import { CredentialsTable, type RowSelection } from './credentials-table.tsx';
import { SelectionBar } from './selection-bar.tsx';
import { StatusCards } from './status-cards.tsx';
import { SaveViewButton } from '@/components/views/save-view-button.tsx';

interface Props {
  query: CredentialListQuery;
  initialPage: CredentialPage;
  initialCounts: StatusCounts;
  institutions: { id: string; name: string }[];
  owners: { id: string; name: string }[];
  canBulkSend: boolean;
  canAssign: boolean;
  canSaveViews: boolean;
}

/** Moves focus to the row `step` rows away from the focused one (j/k), or to the first row. */
function moveRowFocus(step: 1 | -1) {
  const links = [...document.querySelectorAll<HTMLElement>('[data-testid="credential-row"] [data-row-link]')];
  if (!links.length) return;
  const current = links.findIndex((link) => link.closest('tr')?.contains(document.activeElement));
  const next = current === -1 ? (step === 1 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, current + step));
  links[next].focus();
  links[next].scrollIntoView({ block: 'nearest' });
}

/** The credentials list: its state is the URL, its data the server's first paint, then react-query's. */
export function CredentialsBrowser({ query, initialPage, initialCounts, institutions, owners, canBulkSend, canAssign, canSaveViews }: Props) {
  const router = useRouter();
  const [navigating, startNavigation] = useTransition();
  // Server data is the first paint; react-query refetches every 30 s so status changes appear by themselves.
  const list = useQuery({ ...credentialQueries.list(query), initialData: initialPage, placeholderData: keepPreviousData });
  const counts = useQuery({ ...credentialQueries.counts(query), initialData: initialCounts, placeholderData: keepPreviousData });
  const bulkFlow = canBulkSend && query.status.length === 1 ? unlockFlowFor(query.status[0]) : null;

  // A filter replaces the history entry: Back leaves the list, it does not replay every filter tried.
  const go = (change: Partial<CredentialListQuery>) =>
    startNavigation(() => router.replace(`/credentials${credentialSearchString({ ...query, cursor: undefined, before: undefined, start: undefined, ...change })}`, { scroll: false }));
  const matching = query.status.length ? query.status.reduce((sum, s) => sum + counts.data[s], 0) : counts.data.total;
  const toggleStatus = (status: CredentialStatus) =>
    go({ status: query.status.includes(status) ? query.status.filter((s) => s !== status) : [...query.status, status] });
  const updating = navigating || list.isFetching;

  // A selection belongs to the page it was made on: another filter, sort or page starts afresh.
  const here = credentialSearchString(query);
  const [chosen, setChosen] = useState<{ at: string; tokens: ReadonlySet<string>; allMatching: boolean }>({ at: here, tokens: new Set(), allMatching: false });
  const current = chosen.at === here ? chosen : { at: here, tokens: new Set<string>(), allMatching: false };
  const pick = (tokens: ReadonlySet<string>) => setChosen({ at: here, tokens, allMatching: false });
  const selection: RowSelection | undefined = canAssign
    ? {
        picked: current.tokens,
        toggle: (token) => pick(new Set(current.tokens.has(token) ? [...current.tokens].filter((t) => t !== token) : [...current.tokens, token])),
        togglePage: () => pick(new Set(list.data.items.every((c) => current.tokens.has(c.token)) ? [] : list.data.items.map((c) => c.token))),
      }
    : undefined;
  const viewQuery = credentialSearchString({ ...query, cursor: undefined, before: undefined, start: undefined }).slice(1);
  const filterQuery = credentialSearchString({ ...query, sort: undefined, order: undefined, limit: undefined, cursor: undefined, before: undefined, start: undefined }).slice(1);

  useShortcuts({
    search: () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
    nextRow: () => moveRowFocus(1),
    previousRow: () => moveRowFocus(-1),
  });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Credentials</h1>
        <div className="flex flex-wrap items-end gap-2">
          <CredentialSearch initial={query.q ?? ''} onSearch={(q) => go({ q })} />
          {canSaveViews && <SaveViewButton query={viewQuery} />}
        </div>
      </div>
      <StatusCards counts={counts.data} selected={query.status} onClear={() => go({ status: [] })} onToggle={toggleStatus} />
      <CredentialFilterBar query={query} institutions={institutions} owners={owners} go={go}>
        <span className="text-slate-500" aria-live="polite" data-testid="list-updating">{updating ? 'Updating…' : ''}</span>
        {list.isError && <span className="text-red-700" data-testid="list-error">Could not refresh: {list.error.message} Showing the last data received.</span>}
      </CredentialFilterBar>
      <CredentialsPager query={query} page={list.data} matching={matching} label="Pages (top)" />
      {canAssign && (
        <SelectionBar
          picked={list.data.items.filter((c) => current.tokens.has(c.token))}
          allMatching={current.allMatching}
          matching={matching}
          pageSize={list.data.items.length}
          filterQuery={filterQuery}
          owners={owners}
          onSelectAllMatching={() => setChosen({ ...current, allMatching: true })}
          onClear={() => pick(new Set())}
        />
      )}
      <div aria-busy={updating} className={updating ? 'opacity-60 transition-opacity' : undefined}>
        <CredentialsTable page={list.data} sort={query} onSort={go} selection={selection} />
      </div>
      <CredentialsPager query={query} page={list.data} matching={matching} label="Pages" />
      <CredentialsBulkActions query={query} matching={matching} bulkFlow={bulkFlow} />
    </div>
  );
}
