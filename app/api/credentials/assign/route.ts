import { startAssignmentSchema } from '@/lib/schemas/assignments.ts';
import { getAssignment } from '@/server/assignments/get-assignment.ts';
import { runAssignment } from '@/server/assignments/run-assignment.ts';
import { startAssignment } from '@/server/assignments/start-assignment.ts';
import { idempotencyKeyOf } from '@/server/http/idempotency-key.ts';
import { route } from '@/server/http/route.ts';
import { enqueueJob } from '@/server/jobs/job-engine.ts';

export const POST = route({ permission: 'credentials.assign', body: startAssignmentSchema }, async ({ actor, body, headers, ip }) => {
  const started = await startAssignment(actor, body, { idempotencyKey: idempotencyKeyOf(headers), ip });
  // Picked rows (at most a thousand) are assigned before the answer, which carries each one's result;
  // a whole filter runs as a job the caller follows at /api/credentials/assign/{id}.
  if (body.tokens) await runAssignment(started.id);
  else await enqueueJob('assignment', { id: started.id });
  return getAssignment(actor, started.id);
});
