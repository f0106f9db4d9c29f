import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client.ts';
import type { SavedView } from '@/lib/schemas/views.ts';

export const viewKeys = {
  all: ['views'] as const,
  withCounts: () => [...viewKeys.all, 'with-counts'] as const,
};

export const viewQueries = {
  /** Every view the signed-in user sees, each with its live count. */
  withCounts: (initial?: SavedView[]) =>
    queryOptions({
      queryKey: viewKeys.withCounts(),
      queryFn: () => fetchJson<SavedView[]>('/api/views?counts=true'),
      // The server's first paint has the views without their counts (counting would hold up every
      // page): they are fetched at once, then every minute.
      initialData: initial,
      initialDataUpdatedAt: initial?.some((view) => view.count === undefined) ? 0 : undefined,
      refetchInterval: 60_000,
    }),
};
