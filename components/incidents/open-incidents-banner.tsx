'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button.tsx';
import { Time } from '@/components/ui/time.tsx';
import { useToastedMutation } from '@/components/ui/use-toasted-mutation.ts';
import { fetchJson } from '@/lib/api-client.ts';
import { incidentKeys, incidentQueries } from '@/lib/queries/incidents.ts';
import type { IncidentMarker } from '@/lib/schemas/analytics.ts';

export function OpenIncidentsBanner({ initialIncidents, canAcknowledge }: { initialIncidents: IncidentMarker[]; canAcknowledge: boolean }) {
  const queryClient = useQueryClient();
  const incidents = useQuery(incidentQueries.open(initialIncidents)).data;
  const acknowledge = useToastedMutation({
    mutationFn: (incident: IncidentMarker) => fetchJson<IncidentMarker>(`/api/incidents/${incident.id}/acknowledge`, { method: 'POST' }),
    messages: { pending: (i) => `Acknowledging the incident at ${i.institutionName}…`, success: (i) => `Acknowledged the incident at ${i.institutionName}.` },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: incidentKeys.all }),
  });
  if (incidents.length === 0) return null;
  return (
    <section role="alert" aria-labelledby="incidents-title" className="mb-4 rounded-lg border border-red-300 bg-red-50 p-4 text-sm" data-testid="incident-banner">
      <h2 id="incidents-title" className="font-semibold text-red-900">
        Institution incident{incidents.length > 1 ? 's' : ''}: {incidents.map((i) => i.institutionName).join(', ')}
      </h2>
      <p className="text-red-900">These institutions are failing refreshes far above their usual rate: their users cannot fix this, so hold off on sending them links.</p>
      <ul className="mt-2 space-y-1">
        {incidents.map((incident) => (
          <li key={incident.id} className="flex flex-wrap items-center gap-3">
            <span>
              <strong>{incident.institutionName}</strong> since {incident.day}: {incident.failureRate}% of refreshes failed (usually {incident.baselineRate}%).
            </span>
            {incident.acknowledgedAt ? (
              <span className="text-slate-700">Acknowledged <Time iso={incident.acknowledgedAt} /></span>
            ) : (
              canAcknowledge && (
                <Button variant="secondary" size="sm" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate(incident)}>
                  Acknowledge {incident.institutionName}
                </Button>
              )
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
