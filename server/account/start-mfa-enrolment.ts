import 'server-only';
import QRCode from 'qrcode';
import { AppError } from '@/lib/domain/app-error.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import type { SignedInActor } from '@/server/auth/require-actor.ts';
import { newTotpSecret, sealSecret } from '@/server/auth/mfa.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

/**
 * A new TOTP secret for the signed-in user, kept pending until a code from it is confirmed: starting
 * again replaces it, and a second factor already set up stays in force meanwhile.
 */
export async function startMfaEnrolment(actor: SignedInActor, options: { db?: Db; ip?: string | null } = {}): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const db = options.db ?? defaultDb;
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { mfaEnabledAt: true } });
  if (user.mfaEnabledAt) throw new AppError('CONFLICT', 'Two-factor authentication is already set up. An Admin can reset it if you lost your authenticator.');
  const enrolment = newTotpSecret(actor.email);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { mfaPendingSecret: sealSecret(enrolment.secret) } });
    await recordAuditEvent(tx, { actor, action: 'auth.startMfaEnrolment', target: { type: 'user', id: actor.id }, ip: options.ip });
  });
  // Drawn here, so the browser bundle carries no QR encoder.
  return { ...enrolment, qrSvg: await QRCode.toString(enrolment.uri, { type: 'svg', margin: 1, width: 192 }) };
}
