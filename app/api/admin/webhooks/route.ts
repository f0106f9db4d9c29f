import { createWebhookSchema } from '@/lib/schemas/webhooks.ts';
import { route } from '@/server/http/route.ts';
import { createWebhook, listWebhooks } from '@/server/webhooks/manage-webhooks.ts';

export const GET = route({ permission: 'settings.manage' }, ({ actor }) => listWebhooks(actor));

export const POST = route({ permission: 'settings.manage', body: createWebhookSchema }, ({ actor, body, ip }) => createWebhook(actor, body, { ip }));
