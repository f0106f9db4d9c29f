import { idempotencyKeySchema, sendLinkSchema } from '@/lib/schemas/links.ts';
import { AppError } from '@/server/http/errors.ts';
import { route } from '@/server/http/route.ts';
import { sendLink } from '@/server/links/send-link.ts';

export const POST = route({ permission: 'links.send', body: sendLinkSchema }, ({ actor, params, body, headers, ip }) => {
  const header = headers.get('idempotency-key');
  const key = header === null ? null : idempotencyKeySchema.safeParse(header);
  if (key && !key.success) throw new AppError('BAD_REQUEST', `Invalid Idempotency-Key header: ${key.error.issues[0].message}`);
  return sendLink(actor, String(params.token), body, { idempotencyKey: key?.data ?? null, ip });
});
