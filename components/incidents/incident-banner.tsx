import { can, type Actor } from '@/lib/domain/permissions.ts';
import { listOpenIncidents } from '@/server/incidents/list-open-incidents.ts';
import { OpenIncidentsBanner } from './open-incidents-banner.tsx';

/** Names the institutions with an open incident above the credentials list (nothing when there are none). */
export async function IncidentBanner({ actor }: { actor: Actor }) {
  return <OpenIncidentsBanner initialIncidents={await listOpenIncidents(actor)} canAcknowledge={can(actor, 'incidents.acknowledge')} />;
}
