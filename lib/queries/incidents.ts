import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client.ts';
import type { IncidentMarker } from '@/lib/schemas/analytics.ts';

export const incidentKeys = { open: ['incidents', 'open'] as const };

export const openIncidentsQuery = (initialData: IncidentMarker[]) =>
  queryOptions({
    queryKey: incidentKeys.open,
    queryFn: () => fetchJson<{ items: IncidentMarker[] }>('/api/incidents').then((r) => r.items),
    initialData,
    // Incidents open and close with the polls: look again now and then while the list is open.
    refetchInterval: 60_000,
  });
