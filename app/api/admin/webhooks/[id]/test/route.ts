import { route } from '@/server/http/route.ts';
import { testWebhook } from '@/server/webhooks/manage-webhooks.ts';

export const POST = route({ permission: 'settings.manage' }, ({ actor, params, ip }) => testWebhook(actor, String(params.id), { ip }));
