import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client.ts';
import type { CredentialDetail } from '@/lib/schemas/credentials.ts';

export const credentialDetailQuery = (token: string) =>
  queryOptions({
    queryKey: ['credentials', 'detail', token],
    queryFn: () => fetchJson<CredentialDetail>(`/api/credentials/${encodeURIComponent(token)}`),
    refetchInterval: 30_000,
  });
