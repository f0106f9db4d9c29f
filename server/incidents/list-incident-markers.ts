import 'server-only';
import { resolveRange, type AnalyticsRange, type IncidentMarker } from '@/lib/schemas/analytics.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { incidentsDuring } from './incident-markers.ts';

/** The incidents to mark on the charts of a range. */
export async function listIncidentMarkers(actor: Actor, range: AnalyticsRange, options: { db?: Db; now?: Date } = {}): Promise<IncidentMarker[]> {
  assertCan(actor, 'analytics.read');
  return incidentsDuring(options.db ?? db, resolveRange(range, options.now ?? new Date()));
}
