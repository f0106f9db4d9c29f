import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db, type Db } from '@/server/db/client.ts';

export async function listInstitutions(actor: Actor, options: { db?: Db } = {}): Promise<{ id: string; name: string }[]> {
  assertCan(actor, 'credentials.read');
  return (options.db ?? db).institution.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
}
