import 'server-only';
import { randomBytes } from 'node:crypto';
import { MINUTE_MS } from '@/lib/domain/time.ts';
import type { Db, Tx } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { env } from '@/server/env.ts';
import { requiredMfaRoles } from './mfa.ts';

export type SessionEndReason = 'signOut' | 'signOutEverywhere' | 'deactivated' | 'reactivated' | 'roleChanged' | 'passwordChanged' | 'passwordReset' | 'mfaEnrolled' | 'mfaReset' | 'idle' | 'expired';

export interface SessionLimits {
  maxAgeMs: number;
  idleMs: number;
}

export const configuredSessionLimits = (): SessionLimits => ({ maxAgeMs: env.SESSION_MAX_AGE_HOURS * 60 * MINUTE_MS, idleMs: env.SESSION_IDLE_MINUTES * MINUTE_MS });

// Read once: the roles' setting does not change while the process runs, and this is every request's path.
const MFA_ROLES: readonly string[] = requiredMfaRoles();

// lastSeenAt is written at most this often: the idle limit is minutes, a write per request is not needed.
const TOUCH_EVERY_MS = MINUTE_MS;

/** Starts a session for a user who just proved who they are; its id is what the session cookie carries. */
export async function openStaffSession(db: Db | Tx, input: { userId: string; method: 'password' | 'sso'; ip: string | null }, now = new Date(), limits = configuredSessionLimits()): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db.staffSession.create({
    data: { id, userId: input.userId, method: input.method, ip: input.ip, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + limits.maxAgeMs) },
  });
  return id;
}

export interface LiveSession {
  sessionId: string;
  user: { id: string; email: string; name: string; role: string; mustChangePassword: boolean };
  /** Signed in with a password, in a role that must have a second factor, and without one yet. */
  mustEnrolMfa: boolean;
}

/**
 * The session and its user if both are still good: not ended, not past its absolute or idle limit,
 * the user active. One indexed read per request; a session found past a limit is ended on the spot.
 */
export async function readLiveSession(db: Db, sessionId: string, now = new Date(), limits = configuredSessionLimits()): Promise<LiveSession | null> {
  const [row] = await queryRows<{
    id: string; email: string; name: string; role: string; active: boolean; mustChangePassword: boolean; mfaEnabledAt: Date | null;
    method: string; lastSeenAt: Date; expiresAt: Date; endedAt: Date | null;
  }>(
    db,
    Prisma.sql`
      SELECT u.id, u.email, u.name, u.role, u.active, u."mustChangePassword", u."mfaEnabledAt", s.method, s."lastSeenAt", s."expiresAt", s."endedAt"
      FROM "StaffSession" s JOIN "User" u ON u.id = s."userId" WHERE s.id = ${sessionId}`,
    ['active', 'mustChangePassword'],
  );
  if (!row || row.endedAt || !row.active) return null;
  const lastSeenAt = new Date(row.lastSeenAt);
  const ended = new Date(row.expiresAt) <= now ? 'expired' : now.getTime() - lastSeenAt.getTime() > limits.idleMs ? 'idle' : null;
  if (ended) {
    await db.staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: ended } });
    return null;
  }
  if (now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS) await db.staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { lastSeenAt: now } });
  const mustEnrolMfa = row.method === 'password' && !row.mfaEnabledAt && MFA_ROLES.includes(row.role);
  return { sessionId, user: { id: row.id, email: row.email, name: row.name, role: row.role, mustChangePassword: row.mustChangePassword }, mustEnrolMfa };
}

/** Ends one session (signing out of this browser). Ending it again changes nothing. */
export async function endStaffSession(db: Db | Tx, sessionId: string, reason: SessionEndReason, now = new Date()): Promise<boolean> {
  const { count } = await db.staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: reason } });
  return count === 1;
}

/** Ends every session of a user, but `except` (the browser that asked, when it keeps going). */
export async function endUserSessions(db: Db | Tx, userId: string, reason: SessionEndReason, now = new Date(), except?: string): Promise<number> {
  const { count } = await db.staffSession.updateMany({
    where: { userId, endedAt: null, ...(except ? { id: { not: except } } : {}) },
    data: { endedAt: now, endReason: reason },
  });
  return count;
}
