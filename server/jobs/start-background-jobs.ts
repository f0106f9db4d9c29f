import 'server-only';
import { db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import { openFlanksApi, usesFlanksApi } from '@/server/flanks/flanks-source.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { simulatorTick } from './simulator-tick.ts';

let started = false;

/** The server process runs the poller; in the embedded default it also plays the simulated Flanks' clock. */
export function startBackgroundJobs(): void {
  if (started || env.BACKGROUND_JOBS !== 'true') return;
  started = true;
  let running = false;
  const tick = async () => {
    if (running) return; // a slow run must not overlap the next one
    running = true;
    try {
      const now = new Date();
      // Against the real API, Flanks keeps its own clock; the simulator's is played here, then read.
      const source = usesFlanksApi() ? openFlanksApi(db) : { client: (await simulatorTick(db, now)).sim, poll: {} };
      await pollFlanks(db, source.client, now, source.poll);
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
