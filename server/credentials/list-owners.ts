import 'server-only';
import { assertCan, rolesWith, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

/** Staff who can own credentials (anyone who may edit them), for the owner filter and picker. */
export async function listOwners(actor: Actor, options: { db?: Db } = {}): Promise<{ id: string; name: string }[]> {
  assertCan(actor, 'credentials.read');
  return (options.db ?? defaultDb).user.findMany({
    where: { active: true, role: { in: [...rolesWith('credentials.edit')] } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
}
