import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client.ts';
import type { StaffUser } from '@/lib/schemas/users.ts';

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

export const userQueries = {
  list: (initialData: StaffUser[]) =>
    queryOptions({
      queryKey: userKeys.list(),
      queryFn: () => fetchJson<{ items: StaffUser[] }>('/api/admin/users').then((r) => r.items),
      initialData,
    }),
};
