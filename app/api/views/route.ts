import { createViewSchema, listViewsQuerySchema } from '@/lib/schemas/views.ts';
import { route } from '@/server/http/route.ts';
import { createView } from '@/server/views/create-view.ts';
import { listViews } from '@/server/views/list-views.ts';

export const GET = route({ permission: 'credentials.read', query: listViewsQuerySchema }, ({ actor, query }) => listViews(actor, { counts: query.counts }));

export const POST = route({ permission: 'views.save', body: createViewSchema }, ({ actor, body, ip }) => createView(actor, body, { ip }));
