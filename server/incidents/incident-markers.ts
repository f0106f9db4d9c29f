import 'server-only';
import type { IncidentMarker } from '@/lib/schemas/analytics.ts';
import type { Db } from '@/server/db/client.ts';

type IncidentWithInstitution = Awaited<ReturnType<typeof findWithInstitution>>[number];

function findWithInstitution(db: Db, where: NonNullable<Parameters<Db['incident']['findMany']>[0]>['where']) {
  return db.incident.findMany({ where, include: { institution: { select: { name: true } } }, orderBy: [{ day: 'asc' }, { institutionId: 'asc' }] });
}

export function toIncidentMarker(incident: IncidentWithInstitution): IncidentMarker {
  return {
    id: incident.id,
    institutionId: incident.institutionId,
    institutionName: incident.institution.name,
    day: incident.day,
    failureRate: incident.failureRate,
    baselineRate: incident.baselineRate,
    acknowledgedAt: incident.acknowledgedAt?.toISOString() ?? null,
    closedAt: incident.closedAt?.toISOString() ?? null,
  };
}

/**
 * The institutions failing right now among `institutionIds` (all when empty). For anything about to
 * act on many credentials at once (bulk sends) to warn first: a link cannot fix an institution outage.
 */
export async function openIncidentsFor(db: Db, institutionIds: readonly string[] = []): Promise<IncidentMarker[]> {
  const incidents = await findWithInstitution(db, { closedAt: null, ...(institutionIds.length ? { institutionId: { in: [...institutionIds] } } : {}) });
  return incidents.map(toIncidentMarker);
}

/** Incidents that were open at some point of [from, to] (inclusive UTC days), for chart markers. */
export async function incidentsDuring(db: Db, range: { from: string; to: string; institutions: readonly string[] }): Promise<IncidentMarker[]> {
  const incidents = await findWithInstitution(db, {
    day: { lte: range.to },
    OR: [{ closedAt: null }, { closedAt: { gte: new Date(`${range.from}T00:00:00Z`) } }],
    ...(range.institutions.length ? { institutionId: { in: [...range.institutions] } } : {}),
  });
  return incidents.map(toIncidentMarker);
}
