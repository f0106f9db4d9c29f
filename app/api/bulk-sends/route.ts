import { idempotencyKeySchema, startBulkSendSchema } from '@/lib/schemas/links.ts';
import { AppError } from '@/server/http/errors.ts';
import { route } from '@/server/http/route.ts';
import { startBulkSend } from '@/server/links/bulk-send.ts';
import { runBulkSend } from '@/server/links/run-bulk-send.ts';

export const POST = route({ permission: 'links.bulkSend', body: startBulkSendSchema }, async ({ actor, body, headers, ip }) => {
  const header = headers.get('idempotency-key');
  const key = header === null ? null : idempotencyKeySchema.safeParse(header);
  if (key && !key.success) throw new AppError('BAD_REQUEST', `Invalid Idempotency-Key header: ${key.error.issues[0].message}`);
  const started = await startBulkSend(actor, body, { idempotencyKey: key?.data ?? null, ip });
  // The run goes on after this answer; the progress page follows it, and a restart resumes it.
  void runBulkSend(started.id).catch((error: unknown) => console.error(`Bulk send ${started.id} stopped:`, error instanceof Error ? error.message : error));
  return started;
});
