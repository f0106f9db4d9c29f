import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import type { Db, Tx } from '@/server/db/client.ts';

/** The staff member credentials may be given to: one who exists and is active. Null (unassign) passes. */
export async function findActiveOwner(client: Db | Tx, ownerId: string | null): Promise<{ id: string; name: string } | null> {
  if (ownerId === null) return null;
  const user = await client.user.findUnique({ where: { id: ownerId }, select: { id: true, name: true, active: true } });
  if (!user) throw new AppError('BAD_REQUEST', 'ownerId: no staff member has this id');
  if (!user.active) throw new AppError('BAD_REQUEST', `ownerId: ${user.name} is deactivated; credentials go to active staff only`);
  return { id: user.id, name: user.name };
}
