import 'server-only';
import type { Actor } from '@/lib/domain/permissions.ts';
import type { Tx } from '@/server/db/client.ts';

export const AUDIT_ACTIONS = [
  'auth.signIn',
  'auth.signInFailed',
  'auth.signInRateLimited',
  'auth.signOut',
  'auth.signOutEverywhere',
  'auth.changePassword',
  'auth.startMfaEnrolment',
  'auth.enrolMfa',
  'user.create',
  'user.resetPassword',
  'user.resetMfa',
  'user.signOutEverywhere',
  'user.changeRole',
  'user.deactivate',
  'user.reactivate',
  'credential.changeOwner',
  'credential.editNotes',
  'credential.addContact',
  'credential.removeContact',
  'link.send',
  'link.resend',
  'link.revoke',
  'link.open',
  'link.complete',
  'link.fail',
  'link.remind',
  'link.changeReminders',
  'bulkSend.start',
  'assignment.start',
  'view.create',
  'view.update',
  'view.delete',
  'incident.acknowledge',
  'settings.changeRecoveryTargets',
  'settings.changeNotifications',
  'emailTemplate.update',
  'emailTemplate.reset',
  'webhook.create',
  'webhook.delete',
  'webhook.test',
  'account.changeDigest',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEventInput {
  actor: Pick<Actor, 'id' | 'email'> | { id: null; email: string };
  action: AuditAction;
  target: { type: string; id?: string | null };
  details?: Record<string, unknown>;
  ip?: string | null;
}

const auditRow = (event: AuditEventInput) => ({
  actorId: event.actor.id,
  actorEmail: event.actor.email,
  action: event.action,
  targetType: event.target.type,
  targetId: event.target.id ?? null,
  details: event.details ? JSON.stringify(event.details) : null,
  ip: event.ip ?? null,
});

/** Appends one audit event. Call it inside the transaction of the change it records. */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(event) });
}

/** Appends many audit events in one statement (a job's batch), inside the transaction of the changes they record. */
export async function recordAuditEvents(tx: Tx, events: AuditEventInput[]): Promise<void> {
  if (events.length > 0) await tx.auditEvent.createMany({ data: events.map(auditRow) });
}
