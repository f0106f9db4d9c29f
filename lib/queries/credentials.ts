import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client.ts';
import type { CredentialDetail, CredentialListQuery, CredentialPage, StatusCounts } from '@/lib/schemas/credentials.ts';
import type { LinkFlow } from '@/lib/domain/link-rules.ts';
import type { LinkEmailPreview } from '@/lib/schemas/links.ts';
import { credentialSearchString } from '@/lib/search-params/credentials.ts';

// Every feature's queries follow one shape: `<feature>Keys` builds the keys (so a mutation can
// invalidate a whole family), `<feature>Queries` the options a component passes to useQuery.
// The parsed URL state is the list's key, so URL, server and client cannot drift.
const REFRESH_MS = 30_000;

export const credentialKeys = {
  all: ['credentials'] as const,
  list: (query: CredentialListQuery) => [...credentialKeys.all, 'list', query] as const,
  counts: (filters: object) => [...credentialKeys.all, 'counts', filters] as const,
  detail: (token: string) => [...credentialKeys.all, 'detail', token] as const,
  linkPreview: (token: string, flow: LinkFlow, email: string) => [...credentialKeys.all, 'link-preview', token, flow, email] as const,
};

export const credentialQueries = {
  list: (query: CredentialListQuery) =>
    queryOptions({
      queryKey: credentialKeys.list(query),
      queryFn: () => fetchJson<CredentialPage>(`/api/credentials${credentialSearchString(query)}`),
      refetchInterval: REFRESH_MS,
    }),
  counts: (query: CredentialListQuery) => {
    const filters = { ...query, status: [], sort: undefined, order: undefined, limit: undefined, cursor: undefined, before: undefined };
    return queryOptions({
      queryKey: credentialKeys.counts(filters),
      queryFn: () => fetchJson<StatusCounts>(`/api/credentials/counts${credentialSearchString(filters)}`),
      refetchInterval: REFRESH_MS,
    });
  },
  detail: (token: string) =>
    queryOptions({
      queryKey: credentialKeys.detail(token),
      queryFn: () => fetchJson<CredentialDetail>(`/api/credentials/${encodeURIComponent(token)}`),
      refetchInterval: REFRESH_MS,
    }),
  linkPreview: (token: string, flow: LinkFlow, email: string) =>
    queryOptions({
      queryKey: credentialKeys.linkPreview(token, flow, email),
      queryFn: () => fetchJson<LinkEmailPreview>(`/api/credentials/${encodeURIComponent(token)}/links/preview?${new URLSearchParams({ flow, email })}`),
    }),
};
