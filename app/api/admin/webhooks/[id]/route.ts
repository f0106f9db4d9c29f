import { route } from '@/server/http/route.ts';
import { deleteWebhook } from '@/server/webhooks/manage-webhooks.ts';

export const DELETE = route({ permission: 'settings.manage' }, ({ actor, params, ip }) => deleteWebhook(actor, String(params.id), { ip }));
