import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import type { ConfirmMfaInput } from '@/lib/schemas/account.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { acceptedTimeStep, issueRecoveryCodes, openSecret } from '@/server/auth/mfa.ts';
import type { SignedInActor } from '@/server/auth/require-actor.ts';
import { endUserSessions } from '@/server/auth/staff-sessions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

/**
 * The first code from the authenticator proves it holds the pending secret: the second factor is on
 * from now, ten recovery codes are issued (shown once), and the user's other sessions end, since
 * they began with one factor only.
 */
export async function confirmMfaEnrolment(actor: SignedInActor, input: ConfirmMfaInput, options: { db?: Db; ip?: string | null; now?: Date } = {}): Promise<{ recoveryCodes: string[] }> {
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } });
  if (user.mfaEnabledAt) throw new AppError('CONFLICT', 'Two-factor authentication is already set up.');
  if (!user.mfaPendingSecret) throw new AppError('BAD_REQUEST', 'Start setting up two-factor authentication first.');
  const step = await acceptedTimeStep(openSecret(user.mfaPendingSecret), input.code, null, now);
  if (step === null) throw new AppError('BAD_REQUEST', 'code: is not the code your authenticator shows now');
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: actor.id, mfaEnabledAt: null, mfaPendingSecret: user.mfaPendingSecret },
      data: { mfaSecret: user.mfaPendingSecret, mfaPendingSecret: null, mfaEnabledAt: now, mfaLastTimeStep: step },
    });
    if (count === 0) throw new AppError('CONFLICT', 'Two-factor authentication was set up meanwhile, or started again elsewhere.');
    const recoveryCodes = await issueRecoveryCodes(tx, actor.id);
    const endedSessions = await endUserSessions(tx, actor.id, 'mfaEnrolled', now, actor.sessionId);
    await recordAuditEvent(tx, { actor, action: 'auth.enrolMfa', target: { type: 'user', id: actor.id }, details: { endedSessions }, ip: options.ip });
    return { recoveryCodes };
  });
}
