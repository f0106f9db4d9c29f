import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client.ts';
import type { IncidentMarker } from '@/lib/schemas/analytics.ts';

export const incidentKeys = {
  all: ['incidents'] as const,
  open: () => [...incidentKeys.all, 'open'] as const,
};

export const incidentQueries = {
  open: (initialData: IncidentMarker[]) =>
    queryOptions({
      queryKey: incidentKeys.open(),
      queryFn: () => fetchJson<{ items: IncidentMarker[] }>('/api/incidents').then((r) => r.items),
      initialData,
      // Incidents open and close with the polls: look again now and then while the list is open.
      refetchInterval: 60_000,
    }),
};
