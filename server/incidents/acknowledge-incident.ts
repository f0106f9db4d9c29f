import 'server-only';
import type { IncidentMarker } from '@/lib/schemas/analytics.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { toIncidentMarker } from './incident-markers.ts';

/**
 * Operations say they know an institution is failing. Acknowledging changes nothing about the
 * incident's life: it still closes itself when the rate returns to baseline. A second acknowledgement
 * keeps the first one's time and person and writes no new audit event.
 */
export async function acknowledgeIncident(actor: Actor, incidentId: number, options: { db?: Db; now?: Date; ip?: string | null } = {}): Promise<IncidentMarker> {
  assertCan(actor, 'incidents.acknowledge');
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId }, include: { institution: { select: { name: true } } } });
    if (!incident) throw new AppError('NOT_FOUND', 'No incident has this id.');
    if (incident.acknowledgedAt) return toIncidentMarker(incident);
    const acknowledged = await tx.incident.update({
      where: { id: incidentId },
      data: { acknowledgedAt: options.now ?? new Date(), acknowledgedById: actor.id },
      include: { institution: { select: { name: true } } },
    });
    await recordAuditEvent(tx, {
      actor,
      action: 'incident.acknowledge',
      target: { type: 'incident', id: String(incidentId) },
      details: { institutionId: incident.institutionId, day: incident.day },
      ip: options.ip,
    });
    return toIncidentMarker(acknowledged);
  });
}
