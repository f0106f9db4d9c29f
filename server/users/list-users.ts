import 'server-only';
import type { StaffUser } from '@/lib/schemas/users.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

export async function listUsers(actor: Actor, options: { db?: Db } = {}): Promise<StaffUser[]> {
  assertCan(actor, 'users.manage');
  const users = await (options.db ?? defaultDb).user.findMany({ orderBy: [{ active: 'desc' }, { email: 'asc' }] });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as StaffUser['role'],
    active: u.active,
    createdAt: u.createdAt.toISOString(),
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    mfaEnabled: Boolean(u.mfaEnabledAt),
    mustChangePassword: u.mustChangePassword,
  }));
}
