import { startBulkSendSchema } from '@/lib/schemas/links.ts';
import { idempotencyKeyOf } from '@/server/http/idempotency-key.ts';
import { route } from '@/server/http/route.ts';
import { startBulkSend } from '@/server/links/bulk-send.ts';
import { runBulkSend } from '@/server/links/run-bulk-send.ts';

export const POST = route({ permission: 'links.bulkSend', body: startBulkSendSchema }, async ({ actor, body, headers, ip }) => {
  const started = await startBulkSend(actor, body, { idempotencyKey: idempotencyKeyOf(headers), ip });
  // The run goes on after this answer; the progress page follows it, and a restart resumes it.
  void runBulkSend(started.id).catch((error: unknown) => console.error(`Bulk send ${started.id} stopped:`, error instanceof Error ? error.message : error));
  return started;
});
