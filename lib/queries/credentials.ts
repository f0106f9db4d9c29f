import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client.ts';
import type { CredentialListQuery, CredentialPage, StatusCounts } from '@/lib/schemas/credentials.ts';
import { credentialSearchString } from '@/lib/search-params/credentials.ts';

// The parsed URL state is the query key, so URL, server and client cannot drift.
const REFRESH_MS = 30_000;

export const credentialQueries = {
  list: (query: CredentialListQuery) =>
    queryOptions({
      queryKey: ['credentials', 'list', query],
      queryFn: () => fetchJson<CredentialPage>(`/api/credentials${credentialSearchString(query)}`),
      refetchInterval: REFRESH_MS,
    }),
  counts: (query: CredentialListQuery) => {
    const filters = { ...query, status: [], sort: undefined, order: undefined, limit: undefined, cursor: undefined, before: undefined };
    return queryOptions({
      queryKey: ['credentials', 'counts', filters],
      queryFn: () => fetchJson<StatusCounts>(`/api/credentials/counts${credentialSearchString(filters)}`),
      refetchInterval: REFRESH_MS,
    });
  },
};
