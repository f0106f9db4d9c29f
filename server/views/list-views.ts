import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { credentialListQuerySchema } from '@/lib/schemas/credentials.ts';
import type { SavedView } from '@/lib/schemas/views.ts';
import { searchParamsObject } from '@/lib/schemas/search-params-object.ts';
import { countCredentialsByStatus } from '@/server/credentials/count-credentials-by-status.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { toSavedView } from './view-access.ts';

/** Shared views, then the actor's personal ones, by name; with `counts`, what each matches now. */
export async function listViews(actor: Actor, options: { db?: Db; counts?: boolean; now?: Date } = {}): Promise<SavedView[]> {
  assertCan(actor, 'credentials.read');
  const db = options.db ?? defaultDb;
  const rows = await db.savedView.findMany({
    where: { OR: [{ shared: true }, { createdById: actor.id }] },
    orderBy: [{ shared: 'desc' }, { name: 'asc' }],
    include: { createdBy: { select: { name: true } } },
  });
  const views = rows.map((row) => toSavedView(actor, row));
  if (!options.counts) return views;
  return Promise.all(views.map(async (view) => ({ ...view, count: await countView(db, actor, view.query, options.now) })));
}

/** The number the list would show for this query: the selected statuses' sum, or every credential. */
async function countView(db: Db, actor: Actor, query: string, now?: Date): Promise<number> {
  // Saved queries were validated when saved; a later change of the schema must not break the navigation.
  const parsed = credentialListQuerySchema.safeParse(searchParamsObject(new URLSearchParams(query)));
  if (!parsed.success) return 0;
  const counts = await countCredentialsByStatus(actor, parsed.data, { db, now, aging: false, withinStatus: true });
  return parsed.data.status.length ? parsed.data.status.reduce((sum, s) => sum + counts[s], 0) : counts.total;
}
