import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client.ts';
import type { BulkSendProgress } from '@/lib/schemas/bulk-sends.ts';

export const bulkSendKeys = {
  all: ['bulk-sends'] as const,
  progress: (id: string) => [...bulkSendKeys.all, 'progress', id] as const,
};

export const bulkSendQueries = {
  progress: (initial: BulkSendProgress) =>
    queryOptions({
      queryKey: bulkSendKeys.progress(initial.id),
      queryFn: () => fetchJson<BulkSendProgress>(`/api/bulk-sends/${encodeURIComponent(initial.id)}`),
      initialData: initial,
      // After the run, queued emails still reach the mail server on the outbox's retries, minutes apart.
      refetchInterval: (query) => (!query.state.data?.finishedAt ? 1000 : query.state.data.results.QUEUED ? 15_000 : false),
    }),
};
