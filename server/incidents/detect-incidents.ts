import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { assessFailureRate, INCIDENT_RULE, type DayFailures } from './incident-rule.ts';
import { DAY_MS, utcDay } from '@/lib/domain/time.ts';
import { raiseAlert } from '@/server/alerts/raise-alert.ts';
import { refreshAttention } from '@/server/credentials/refresh-attention.ts';

const institutionName = async (db: Db, id: string) => (await db.institution.findUnique({ where: { id }, select: { name: true } }))?.name ?? id;

const percent = (rate: number) => Math.round(rate * 1000) / 10;

/**
 * Judges `day` for every institution from the daily rollups and opens or closes incidents: an
 * institution far above its own baseline gets one open incident (kept open through a multi-day
 * outage); one back within its baseline has its open incident closed. Days inside earlier incidents
 * are left out of the baseline. Runs after each poll, so a later poll of the same day revises the
 * verdict with the fuller day. Idempotent: the same rollups give the same incidents. Operations are
 * alerted (email, webhooks) when one opens or closes.
 */
export async function detectIncidents(db: Db, day: string, now: Date): Promise<{ opened: string[]; closed: string[] }> {
  const windowStart = utcDay(Date.parse(day) - 2 * INCIDENT_RULE.baselineDays * DAY_MS);
  const [rollups, incidents] = await Promise.all([
    db.dailyInstitutionRollup.findMany({ where: { day: { gte: windowStart, lte: day } }, orderBy: { day: 'asc' } }),
    db.incident.findMany({ where: { day: { lte: day }, OR: [{ closedAt: null }, { closedAt: { gte: new Date(`${windowStart}T00:00:00Z`) } }] } }),
  ]);
  const history = new Map<string, DayFailures[]>();
  for (const r of rollups) {
    const attempts = r.success + r.scaRequired + r.invalidCredentials + r.institutionError;
    history.set(r.institutionId, [...(history.get(r.institutionId) ?? []), { day: r.day, attempts, institutionErrors: r.institutionError }]);
  }
  const opened: string[] = [];
  const closed: string[] = [];
  for (const [institutionId, days] of history) {
    const today = days.at(-1);
    if (!today || today.day !== day) continue;
    const own = incidents.filter((i) => i.institutionId === institutionId);
    const duringIncident = (d: string) => own.some((i) => i.day <= d && (!i.closedAt || d < utcDay(i.closedAt.getTime())));
    const baseline = days.slice(0, -1).filter((d) => !duringIncident(d.day));
    const assessment = assessFailureRate(baseline, today);
    const open = own.find((i) => !i.closedAt);
    if (assessment.verdict === 'INCIDENT' && !open) {
      const figures = { failureRate: percent(assessment.failureRate), baselineRate: percent(assessment.baselineRate) };
      const incident = await db.incident.upsert({
        where: { institutionId_day: { institutionId, day } },
        create: { institutionId, day, ...figures, openedAt: now },
        update: { ...figures, closedAt: null },
      });
      opened.push(institutionId);
      const name = await institutionName(db, institutionId);
      await raiseAlert(db, {
        event: 'incident.opened',
        key: `incident.opened:${incident.id}`,
        text: `Incident at ${name}: ${figures.failureRate}% of refreshes failed with institution errors on ${day} (usually ${figures.baselineRate}%).`,
        data: { institutionId, institution: name, day, ...figures },
      }, now);
      // Its broken credentials rank below the others while it lasts: the client cannot fix an outage.
      await refreshAttention(db, { institutionId });
    } else if (assessment.verdict === 'NORMAL' && open) {
      await db.incident.update({ where: { id: open.id }, data: { closedAt: now } });
      closed.push(institutionId);
      const name = await institutionName(db, institutionId);
      await raiseAlert(db, {
        event: 'incident.closed',
        key: `incident.closed:${open.id}:${now.toISOString()}`,
        text: `Incident at ${name} is over: its refreshes are back within their usual failure rate (opened ${open.day}).`,
        data: { institutionId, institution: name, openedDay: open.day, closedAt: now.toISOString() },
      }, now);
      await refreshAttention(db, { institutionId });
    }
  }
  return { opened, closed };
}
