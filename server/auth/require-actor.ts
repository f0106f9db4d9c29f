import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { authOptions, type SessionWithUserId } from './auth-options.ts';
import type { Actor } from '@/lib/domain/permissions.ts';
import { isRole } from '@/lib/domain/roles.ts';

/**
 * The signed-in staff member, read fresh from the database on each request so that a deactivated
 * user or a changed role takes effect at once, not when the session cookie expires.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as SessionWithUserId | null;
  const userId = session?.userId;
  if (!userId) return null;
  // Plain SQL: every request runs this, and Prisma's query compiler would cost more than the lookup.
  const [user] = await queryRows<{ id: string; email: string; name: string; role: string; active: boolean }>(db, Prisma.sql`
    SELECT id, email, name, role, active FROM "User" WHERE id = ${userId}`, ['active']);
  if (!user || !user.active || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For pages: the actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  return actor;
}
