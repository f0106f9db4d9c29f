import 'server-only';
import { db } from '@/server/db/client.ts';
import { deliverOutbox } from '@/server/email/deliver-outbox.ts';
import { env } from '@/server/env.ts';
import { openFlanksApi, usesFlanksApi } from '@/server/flanks/flanks-source.ts';
import { resumeBulkSends } from '@/server/links/run-bulk-send.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { simulatorTick } from './simulator-tick.ts';

let started = false;

/** The server process runs the poller; in the embedded default it also plays the simulated Flanks' clock. */
export function startBackgroundJobs(): void {
  if (started || env.BACKGROUND_JOBS !== 'true') return;
  started = true;
  // A failed sync is recorded in the sync state (shown by /api/health); the next run retries.
  every(env.POLL_INTERVAL_SECONDS * 1000, 'Background sync', async () => {
    const now = new Date();
    // Against the real API, Flanks keeps its own clock; the simulator's is played here, then read.
    const source = usesFlanksApi() ? openFlanksApi(db) : { client: (await simulatorTick(db, now)).sim, poll: {} };
    await pollFlanks(db, source.client, now, source.poll);
  });
  every(OUTBOX_EVERY_MS, 'Email delivery', () => deliverOutbox(db));
  every(OUTBOX_EVERY_MS, 'Bulk send', () => resumeBulkSends());
}

// Emails are handed over as they are sent and bulk sends run as they start: these only retry what
// failed or was cut short by a restart, so they can be lazy.
const OUTBOX_EVERY_MS = 15_000;

/** Runs `job` every `ms`, never two at once, logging (not throwing) a failed run: the next one retries. */
function every(ms: number, name: string, job: () => Promise<unknown>): void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await job();
    } catch (error) {
      console.error(`${name} failed:`, error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  setInterval(run, ms).unref();
  void run();
}
