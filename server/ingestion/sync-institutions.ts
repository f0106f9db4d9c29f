import 'server-only';
import type { Db } from '@/server/db/client.ts';
import type { FlanksClient } from '@/server/flanks/flanks-client.ts';

/** Keeps the institutions as Flanks lists them: new ones added, renamed ones updated. */
export async function syncInstitutions(db: Db, flanks: FlanksClient) {
  const known = new Map((await db.institution.findMany()).map((i) => [i.id, i]));
  for (const entity of await flanks.listEntities()) {
    const current = known.get(entity.id);
    if (current && current.name === entity.name && current.country === entity.country) continue;
    await db.institution.upsert({
      where: { id: entity.id },
      create: { id: entity.id, name: entity.name, country: entity.country },
      update: { name: entity.name, country: entity.country },
    });
  }
}
