import { updateViewSchema } from '@/lib/schemas/views.ts';
import { route } from '@/server/http/route.ts';
import { deleteView } from '@/server/views/delete-view.ts';
import { updateView } from '@/server/views/update-view.ts';

export const PATCH = route({ permission: 'views.save', body: updateViewSchema }, ({ actor, params, body, ip }) => updateView(actor, String(params.id), body, { ip }));

export const DELETE = route({ permission: 'views.save' }, ({ actor, params, ip }) => deleteView(actor, String(params.id), { ip }));
