import { z } from 'zod';
import { AppError } from '@/lib/domain/app-error.ts';
import { route } from '@/server/http/route.ts';
import { acknowledgeIncident } from '@/server/incidents/acknowledge-incident.ts';

const incidentId = z.coerce.number().int().positive();

export const POST = route({ permission: 'incidents.acknowledge' }, async ({ actor, params, ip }) => {
  const id = incidentId.safeParse(params.id);
  if (!id.success) throw new AppError('BAD_REQUEST', 'The incident id must be a positive whole number.');
  return acknowledgeIncident(actor, id.data, { ip });
});
