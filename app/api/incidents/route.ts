import { route } from '@/server/http/route.ts';
import { listOpenIncidents } from '@/server/incidents/list-open-incidents.ts';

export const GET = route({ permission: 'credentials.read' }, async ({ actor }) => ({ items: await listOpenIncidents(actor) }));
