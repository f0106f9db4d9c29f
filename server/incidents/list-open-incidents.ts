import 'server-only';
import type { IncidentMarker } from '@/lib/schemas/analytics.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';
import { openIncidentsFor } from './incident-markers.ts';

/** What the credentials list's banner names: every institution with an open incident. */
export async function listOpenIncidents(actor: Actor, options: { db?: Db } = {}): Promise<IncidentMarker[]> {
  assertCan(actor, 'credentials.read');
  return openIncidentsFor(options.db ?? db);
}
