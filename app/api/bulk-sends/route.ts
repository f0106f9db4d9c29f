import { startBulkSendSchema } from '@/lib/schemas/bulk-sends.ts';
import { idempotencyKeyOf } from '@/server/http/idempotency-key.ts';
import { route } from '@/server/http/route.ts';
import { enqueueJob } from '@/server/jobs/job-engine.ts';
import { startBulkSend } from '@/server/bulk-sends/start-bulk-send.ts';

export const POST = route({ permission: 'links.bulkSend', body: startBulkSendSchema }, async ({ actor, body, headers, ip }) => {
  const started = await startBulkSend(actor, body, { idempotencyKey: idempotencyKeyOf(headers), ip });
  // A worker runs it after this answer; the progress page follows it. Were the job lost, the
  // bulk-send-resume schedule would still find the unfinished bulk send.
  await enqueueJob('bulk-send', { id: started.id });
  return started;
});
