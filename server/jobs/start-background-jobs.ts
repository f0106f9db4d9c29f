import 'server-only';
import { db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import { openFlanksSource } from '@/server/flanks/flanks-source.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { simulatorTick } from './simulator-tick.ts';

let started = false;

/** In the embedded default, the server process also plays Flanks' clock and runs the poller. */
export function startBackgroundJobs(): void {
  if (started || env.BACKGROUND_JOBS !== 'true') return;
  started = true;
  let running = false;
  const tick = async () => {
    if (running) return; // a slow run must not overlap the next one
    running = true;
    try {
      const now = new Date();
      await simulatorTick(db, now);
      await pollFlanks(db, await openFlanksSource(db, now), now);
    } catch (error) {
      // The failure is recorded in the sync state (shown by /api/health); the next tick retries.
      console.error('Background sync failed:', error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  setInterval(tick, env.POLL_INTERVAL_SECONDS * 1000).unref();
  void tick();
}
