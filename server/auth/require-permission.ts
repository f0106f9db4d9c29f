import 'server-only';
import { forbidden } from 'next/navigation';
import { can, type Actor, type Permission } from '@/lib/domain/permissions.ts';
import { requireActor } from './require-actor.ts';

/** For pages: the actor if their role has the permission; otherwise the 403 page. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, permission)) forbidden();
  return actor;
}
