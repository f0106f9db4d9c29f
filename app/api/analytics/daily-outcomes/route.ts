import { analyticsRangeSchema } from '@/lib/schemas/analytics.ts';
import { getDailyOutcomes } from '@/server/analytics/get-daily-outcomes.ts';
import { route } from '@/server/http/route.ts';
import { listIncidentMarkers } from '@/server/incidents/list-incident-markers.ts';

export const GET = route({ permission: 'analytics.read', query: analyticsRangeSchema }, async ({ actor, query }) => {
  const [items, incidents] = await Promise.all([getDailyOutcomes(actor, query), listIncidentMarkers(actor, query)]);
  return { items, incidents };
});
