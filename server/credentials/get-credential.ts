import 'server-only';
import type { CredentialStatus } from '@/lib/domain/credential-status.ts';
import type { CredentialDetail, TimelineEvent } from '@/lib/schemas/credentials.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { explainStaleness } from './explain-staleness.ts';
import { Prisma } from '@/server/db/sql.ts';
import { readCredentialRows, toListItem } from './credential-rows.ts';
import { LINK_SUMMARY_INCLUDE, toLinkSummary } from './link-summary.ts';
import { readStaffActivity } from './read-staff-activity.ts';
import { getRecoveryTargets } from '@/server/settings/get-recovery-targets.ts';

const TIMELINE_LIMIT = 200;

/** One credential with its timeline (newest first), links, contacts and the "why is this stale?" line. */
export async function getCredential(actor: Actor, token: string, options: { db?: Db; now?: Date } = {}): Promise<CredentialDetail> {
  assertCan(actor, 'credentials.read');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const [base] = await readCredentialRows(db, Prisma.sql`WHERE c.token = ${token}`, Prisma.empty, 1);
  if (!base) throw new AppError('NOT_FOUND', 'No credential has this token.');
  const [row, openIncident, staffActivity, targets, reminders] = await Promise.all([
    db.credential.findUniqueOrThrow({
      where: { id: base.id },
      select: {
        notes: true,
        statusChanges: { orderBy: { observedAt: 'desc' }, take: TIMELINE_LIMIT },
        refreshes: { orderBy: { observedAt: 'desc' }, take: TIMELINE_LIMIT },
        links: { orderBy: { createdAt: 'desc' }, include: LINK_SUMMARY_INCLUDE },
      },
    }),
    db.incident.count({ where: { institutionId: base.institution.id, closedAt: null } }),
    readStaffActivity(db, actor, token, TIMELINE_LIMIT),
    getRecoveryTargets(db),
    db.outboxEmailLink.findMany({
      where: { reminder: { not: null }, link: { credentialId: base.id } },
      orderBy: { emailId: 'desc' },
      take: TIMELINE_LIMIT,
      select: { reminder: true, email: { select: { createdAt: true } }, link: { select: { flow: true } } },
    }),
  ]);
  const item = toListItem(base, actor, now, targets);

  const links = row.links.map((l) => toLinkSummary(l, actor, now));
  const timeline: TimelineEvent[] = [
    ...row.statusChanges.map((c) => ({
      kind: 'status' as const,
      observedAt: c.observedAt.toISOString(),
      flanksUpdatedAt: c.flanksUpdatedAt?.toISOString() ?? null,
      from: c.fromStatus as CredentialStatus | null,
      to: c.toStatus as CredentialStatus,
    })),
    ...row.refreshes.map((r) => ({
      kind: 'refresh' as const,
      observedAt: r.observedAt.toISOString(),
      flanksUpdatedAt: r.flanksUpdatedAt?.toISOString() ?? null,
      trigger: r.trigger,
      outcome: r.outcome,
      errored: r.errored,
    })),
    ...row.links.flatMap((l, i) => linkEvents(l, links[i].recipientEmail)),
    ...reminders.map((r) => ({
      kind: 'link' as const,
      observedAt: r.email.createdAt.toISOString(),
      flanksUpdatedAt: null,
      link: { flow: r.link.flow as 'SCA' | 'RESET', event: 'reminded' as const, detail: `reminder ${r.reminder} emailed to the end user` },
    })),
    ...staffActivity,
  ]
    // Newest first; at the same instant the refresh explains the status change, so it reads first.
    .sort((a, b) => b.observedAt.localeCompare(a.observedAt) || (a.kind === b.kind ? 0 : a.kind === 'status' ? -1 : 1))
    .slice(0, TIMELINE_LIMIT);


  const verdict = explainStaleness({
    status: item.status,
    statusChangedAt: base.statusChangedAt,
    lastUpdatedAt: base.lastUpdatedAt,
    stale: item.stale,
    recentOutcomes: row.refreshes.slice(0, 10).map((r) => r.outcome),
    // As staff see them: a sent link past its expiry reads EXPIRED.
    links: links.map((l) => ({ flow: l.flow, state: l.state, createdAt: new Date(l.createdAt) })),
    contacts: base.contacts.length,
    institutionIncident: openIncident > 0,
  });
  return { ...item, notes: row.notes, timeline, links, verdict };
}

/** A link's life as timeline events: sent (by whom, to whom), opened, then completed, failed or revoked. */
function linkEvents(
  l: { flow: string; createdAt: Date; openedAt: Date | null; completedAt: Date | null; failedAt: Date | null; revokedAt: Date | null; failureCode: string | null; sender: { name: string } },
  recipient: string,
): TimelineEvent[] {
  const flow = l.flow as 'SCA' | 'RESET';
  const event = (at: Date, kind: NonNullable<TimelineEvent['link']>['event'], detail: string): TimelineEvent => ({
    kind: 'link',
    observedAt: at.toISOString(),
    flanksUpdatedAt: null,
    link: { flow, event: kind, detail },
  });
  const events = [event(l.createdAt, 'sent', `by ${l.sender.name} to ${recipient}`)];
  if (l.openedAt) events.push(event(l.openedAt, 'opened', 'the end user continued to Flanks'));
  if (l.completedAt) events.push(event(l.completedAt, 'completed', 'Flanks sent the end user back'));
  if (l.failedAt) events.push(event(l.failedAt, 'failed', `Flanks error ${l.failureCode ?? 'unknown'}`));
  if (l.revokedAt) events.push(event(l.revokedAt, 'revoked', 'no longer usable'));
  return events;
}
