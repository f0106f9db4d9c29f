import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { sealedBox } from '@/server/crypto/sealed-box.ts';
import { generateSecret, generateURI, verify } from 'otplib';
import { normaliseMfaCode } from '@/lib/domain/mfa.ts';
import { isRole, type Role } from '@/lib/domain/roles.ts';
import type { Db, Tx } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';

// TOTP secrets are stored encrypted: a copy of the database alone does not give anyone a second factor.
const totpSecrets = sealedBox('CredOps TOTP secret encryption');
const ISSUER = 'CredOps';
// One step either side: a phone clock a little off still works.
const TOLERANCE_SECONDS = 30;
const RECOVERY_CODES = 10;

export function requiredMfaRoles(setting = env.MFA_REQUIRED_ROLES): Role[] {
  return setting.split(',').map((r) => r.trim()).filter(isRole);
}

export const sealSecret = (secret: string): string => totpSecrets.seal(secret);
export const openSecret = (stored: string): string => totpSecrets.open(stored);

export function newTotpSecret(email: string): { secret: string; uri: string } {
  const secret = generateSecret();
  return { secret, uri: generateURI({ issuer: ISSUER, label: email, secret }) };
}

/** The time step a code is good for, or null: wrong, or already used (at or before `afterTimeStep`). */
export async function acceptedTimeStep(secret: string, code: string, afterTimeStep: number | null, now = new Date()): Promise<number | null> {
  const token = normaliseMfaCode(code);
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: TOLERANCE_SECONDS, ...(afterTimeStep !== null ? { afterTimeStep } : {}) });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

const hashRecoveryCode = (code: string) => createHash('sha256').update(normaliseMfaCode(code)).digest('hex');

/** Ten fresh recovery codes replace any earlier ones; the plain codes are returned to be shown once. */
export async function issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const chars = Array.from(randomBytes(10), (b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
  await tx.mfaRecoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}

/** Uses up a recovery code of this user's if `code` is one: true once, false ever after. */
export async function spendRecoveryCode(db: Db | Tx, userId: string, code: string, now = new Date()): Promise<boolean> {
  const { count } = await db.mfaRecoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

/** A second factor for this user: a TOTP code not used before, or an unused recovery code. Records the use. */
export async function checkSecondFactor(db: Db, user: { id: string; mfaSecret: string | null; mfaLastTimeStep: number | null }, code: string, now = new Date()): Promise<boolean> {
  if (!user.mfaSecret) return false;
  const step = await acceptedTimeStep(openSecret(user.mfaSecret), code, user.mfaLastTimeStep, now);
  if (step !== null) {
    // Conditional, so two sign-ins racing with one code cannot both pass.
    const { count } = await db.user.updateMany({ where: { id: user.id, OR: [{ mfaLastTimeStep: null }, { mfaLastTimeStep: { lt: step } }] }, data: { mfaLastTimeStep: step } });
    return count === 1;
  }
  return spendRecoveryCode(db, user.id, code, now);
}
