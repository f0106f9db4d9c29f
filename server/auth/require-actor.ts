import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Actor } from '@/lib/domain/permissions.ts';
import { isRole } from '@/lib/domain/roles.ts';
import { db } from '@/server/db/client.ts';
import { authOptions, type SessionIds } from './auth-options.ts';
import { readLiveSession } from './staff-sessions.ts';

/** A staff member signed in through a live session. */
export interface SignedInActor extends Actor {
  sessionId: string;
  /** Signed in with a password someone else saw: nothing but choosing a new one until then. */
  mustChangePassword: boolean;
  /** In a role that must have a second factor and without one: nothing but setting it up until then. */
  mustEnrolMfa: boolean;
}

/** Whether the account must be set up (a new password, a second factor) before anything else. */
export const inAccountSetup = (actor: SignedInActor) => actor.mustChangePassword || actor.mustEnrolMfa;

/**
 * The signed-in staff member, read fresh from the database on each request: a session that was
 * ended (sign-out, sign-out everywhere, deactivation, a role or password change) or that passed its
 * absolute or idle limit is refused at its next request, whatever its cookie still says.
 */
export const getActor = cache(async (): Promise<SignedInActor | null> => {
  const session = (await getServerSession(authOptions)) as SessionIds | null;
  if (!session?.sessionId || !session.userId) return null;
  const live = await readLiveSession(db, session.sessionId);
  if (!live || live.user.id !== session.userId || !isRole(live.user.role)) return null;
  const { id, email, name, role, mustChangePassword } = live.user;
  return { id, email, name, role, sessionId: live.sessionId, mustChangePassword, mustEnrolMfa: live.mustEnrolMfa };
});

/** For pages: the actor, or a redirect to the sign-in page (or to the account page, to finish setting it up). */
export async function requireActor(options: { duringAccountSetup?: boolean } = {}): Promise<SignedInActor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (inAccountSetup(actor) && !options.duringAccountSetup) redirect('/account');
  return actor;
}
