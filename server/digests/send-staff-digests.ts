import 'server-only';
import type { CredentialStatus } from '@/lib/domain/credential-status.ts';
import { composeDigest, digestDay, type DigestSection } from '@/lib/domain/digest.ts';
import { overTargetCutoffs } from '@/lib/domain/recovery-targets.ts';
import { DAY_MS, utcDay } from '@/lib/domain/time.ts';
import type { Db } from '@/server/db/client.ts';
import { insertRows } from '@/server/db/insert-rows.ts';
import { env, publicUrl } from '@/server/env.ts';
import { getRecoveryTargets } from '@/server/settings/get-recovery-targets.ts';

const BROKEN: CredentialStatus[] = ['BLOCKED', 'PENDING_SCA'];
const FLEET_ROLES = ['OPERATIONS', 'ADMIN'];
const STATUS_NAMES = { pending: 'Pending', active: 'Active', pendingSca: 'Pending SCA', blocked: 'Blocked' } as const;

/**
 * Writes each staff user's daily digest once it is 08:00 on their clock: for those who own
 * credentials, what is new since yesterday, over target, still unopened after the last reminder and
 * recovered; for Operations and Admins, the fleet (status counts against a week ago, the worst
 * institutions yesterday, open incidents). One email per user and local day (its key), through the
 * outbox; users who turned it off, and those with nothing to read, get none. Only indexed counts
 * per user: no lock the ingestion waits for.
 */
export async function sendStaffDigests(db: Db, now: Date = new Date()): Promise<{ written: number }> {
  const users = await db.user.findMany({ where: { active: true, digestEnabled: true }, select: { id: true, email: true, name: true, role: true, timeZone: true } });
  const targets = await getRecoveryTargets(db);
  let fleet: DigestSection | undefined;
  let written = 0;
  for (const user of users) {
    const day = digestDay(now, user.timeZone ?? env.DEFAULT_TIME_ZONE);
    if (!day) continue;
    const key = `digest:${user.id}:${day}`;
    if (await db.outboxEmail.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) continue;
    const sections: DigestSection[] = [];
    const own = await ownerSection(db, user.id, targets, now);
    if (own) sections.push(own);
    if (FLEET_ROLES.includes(user.role)) sections.push((fleet ??= await fleetSection(db, now)));
    if (sections.length === 0) continue;
    const email = composeDigest(user.name, day, sections);
    await insertRows(db, 'OutboxEmail', ['to', 'subject', 'text', 'html', 'state', 'attempts', 'nextAttemptAt', 'createdAt', 'kind', 'idempotencyKey'],
      [[user.email, email.subject, email.text, email.html, 'PENDING', 0, now, now, 'DIGEST', key]], { key: ['idempotencyKey'] });
    written += 1;
  }
  return { written };
}

async function ownerSection(db: Db, ownerId: string, targets: Awaited<ReturnType<typeof getRecoveryTargets>>, now: Date): Promise<DigestSection | null> {
  if (!(await db.credential.findFirst({ where: { ownerId }, select: { id: true } }))) return null;
  const since = new Date(now.getTime() - DAY_MS);
  const cutoffs = overTargetCutoffs(targets, now);
  const list = (query: string) => `${publicUrl()}/credentials?owner=me${query}`;
  const [fresh, over, unanswered, recovered] = [
    await db.credential.count({ where: { ownerId, status: { in: BROKEN }, statusChangedAt: { gte: since } } }),
    await db.credential.count({ where: { ownerId, OR: [{ status: 'BLOCKED', statusChangedAt: { lt: cutoffs.BLOCKED } }, { status: 'PENDING_SCA', statusChangedAt: { lt: cutoffs.PENDING_SCA } }] } }),
    await db.link.count({ where: { state: 'SENT', expiresAt: { gt: now }, remindersSent: { gt: 0 }, nextReminderAt: null, credential: { ownerId } } }),
    await db.statusChange.count({ where: { observedAt: { gte: since }, fromStatus: { in: BROKEN }, toStatus: 'ACTIVE', credential: { ownerId } } }),
  ];
  return {
    title: 'Your credentials',
    lines: [
      { label: 'Newly Blocked or Pending SCA since yesterday', count: fresh, url: list('&status=BLOCKED,PENDING_SCA&sort=statusChangedAt&order=desc') },
      { label: 'Over their recovery target', count: over, url: list('&overTarget=true&sort=attention') },
      { label: 'Links still unopened after the last reminder (call the client?)', count: unanswered, url: list('&link=unopened') },
      { label: 'Recovered since yesterday', count: recovered, url: list('&status=ACTIVE&sort=statusChangedAt&order=desc') },
    ],
  };
}

async function fleetSection(db: Db, now: Date): Promise<DigestSection> {
  const [counters, weekAgo, yesterday, incidents] = [
    await db.statusCounter.groupBy({ by: ['status'], _sum: { count: true } }),
    await db.dailyInstitutionRollup.aggregate({ where: { day: utcDay(now.getTime() - 7 * DAY_MS) }, _sum: { pending: true, active: true, pendingSca: true, blocked: true } }),
    await db.dailyInstitutionRollup.findMany({ where: { day: utcDay(now.getTime() - DAY_MS) }, include: { institution: { select: { name: true } } } }),
    await db.incident.findMany({ where: { closedAt: null }, include: { institution: { select: { name: true } } }, orderBy: { openedAt: 'asc' } }),
  ];
  const countNow = (status: string) => counters.find((c) => c.status === status)?._sum.count ?? 0;
  const statusOf = { pending: 'PENDING', active: 'ACTIVE', pendingSca: 'PENDING_SCA', blocked: 'BLOCKED' } as const;
  const lines = (Object.keys(STATUS_NAMES) as (keyof typeof STATUS_NAMES)[]).map((k) => {
    const before = weekAgo._sum[k];
    const count = countNow(statusOf[k]);
    const change = before === null ? '' : `, ${count - before >= 0 ? '+' : ''}${count - before} on a week ago`;
    return { label: `${STATUS_NAMES[k]}${change}`, count, url: `${publicUrl()}/credentials?status=${statusOf[k]}` };
  });
  const failing = yesterday
    .map((r) => ({ name: r.institution.name, attempts: r.success + r.scaRequired + r.invalidCredentials + r.institutionError, errors: r.institutionError }))
    .filter((r) => r.attempts > 0 && r.errors > 0)
    .sort((a, b) => b.errors / b.attempts - a.errors / a.attempts)
    .slice(0, 3)
    .map((r) => `Worst yesterday: ${r.name}, ${Math.round((r.errors / r.attempts) * 1000) / 10}% of refreshes failed at the institution`);
  const open = incidents.map((i) => `Open incident at ${i.institution.name} since ${i.day} (${i.failureRate}% failing, usually ${i.baselineRate}%)`);
  return { title: 'The fleet', lines, notes: [...open, ...failing] };
}
