import { sendLinkSchema } from '@/lib/schemas/links.ts';
import { idempotencyKeyOf } from '@/server/http/idempotency-key.ts';
import { route } from '@/server/http/route.ts';
import { sendLink } from '@/server/links/send-link.ts';

export const POST = route({ permission: 'links.send', body: sendLinkSchema }, ({ actor, params, body, headers, ip }) =>
  sendLink(actor, String(params.token), body, { idempotencyKey: idempotencyKeyOf(headers), ip }),
);
