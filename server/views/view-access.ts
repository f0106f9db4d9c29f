import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { can, type Actor } from '@/lib/domain/permissions.ts';
import type { CredentialListQuery } from '@/lib/schemas/credentials.ts';
import type { SavedView } from '@/lib/schemas/views.ts';
import { credentialSearchString } from '@/lib/search-params/credentials.ts';
import type { Db, Tx } from '@/server/db/client.ts';

interface ViewRow {
  id: string;
  name: string;
  query: string;
  shared: boolean;
  createdById: string;
  createdBy: { name: string };
}

/** A view's query as the list writes it (defaults left out), so its link is the list's own. */
export const canonicalQuery = (query: CredentialListQuery) => credentialSearchString(query).replace(/^\?/, '');

/** Its creator may change a view; an Admin may change a shared one too. */
export const mayEdit = (actor: Actor, view: Pick<ViewRow, 'createdById' | 'shared'>) => view.createdById === actor.id || (view.shared && can(actor, 'views.manageShared'));

export function toSavedView(actor: Actor, view: ViewRow): SavedView {
  return { id: view.id, name: view.name, query: view.query, href: `/credentials${view.query ? `?${view.query}` : ''}`, shared: view.shared, createdBy: view.createdBy.name, editable: mayEdit(actor, view) };
}

/** A view this actor may change; another's personal view does not exist for them (404, not 403). */
export async function findEditableView(client: Db | Tx, actor: Actor, id: string): Promise<ViewRow> {
  const view = await client.savedView.findUnique({ where: { id }, include: { createdBy: { select: { name: true } } } });
  if (!view || (!view.shared && view.createdById !== actor.id)) throw new AppError('NOT_FOUND', 'No view has this id.');
  if (!mayEdit(actor, view)) throw new AppError('FORBIDDEN', `"${view.name}" is ${view.createdBy.name}'s shared view: only they or an Admin may change it.`);
  return view;
}

/** One person's two views may not share a name: the navigation would not tell them apart. */
export async function assertNameFree(client: Db | Tx, actor: Actor, name: string, exceptId?: string) {
  const clash = await client.savedView.findFirst({ where: { createdById: actor.id, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (clash) throw new AppError('CONFLICT', `You already have a view named "${name}": choose another name, or change that one.`);
}
