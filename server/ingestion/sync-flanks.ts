import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import { openFlanksApi, usesFlanksApi } from '@/server/flanks/flanks-source.ts';
import { simulatorTick } from '@/server/flanks/simulator/simulator-tick.ts';
import { pollFlanks, type PollSummary } from './poll-flanks.ts';

/**
 * One slice of the background sync with the configured Flanks source. A slice stops after `sliceMs`
 * (at a batch boundary) so a job never runs longer than its engine waits before taking it for lost;
 * an incomplete slice is continued by the next one from the page it reached.
 */
export async function syncFlanks(db: Db, options: { now?: Date; sliceMs: number }): Promise<PollSummary> {
  const now = options.now ?? new Date();
  const deadline = new Date(now.getTime() + options.sliceMs);
  if (usesFlanksApi()) {
    return pollFlanks(db, openFlanksApi(db), now, {
      budget: { activeEveryMinutes: env.POLL_ACTIVE_EVERY_MINUTES, othersEveryMinutes: env.POLL_OTHERS_EVERY_MINUTES },
      // About ten seconds of status reads per transaction at the rate limit, so a sync slice ends on time.
      batchSize: Math.max(50, env.FLANKS_MAX_REQUESTS_PER_SECOND * 10),
      deadline,
    });
  }
  // The simulator's clock is played here, once per slice, then read like Flanks.
  const { sim } = await simulatorTick(db, now);
  return pollFlanks(db, sim, now, { deadline });
}
