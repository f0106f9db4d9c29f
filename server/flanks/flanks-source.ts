import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import type { PollOptions } from '@/server/ingestion/poll-flanks.ts';
import type { FlanksClient } from './flanks-client.ts';
import { FlanksHttpClient } from './http/flanks-http-client.ts';
import { loadSimulator } from './simulator/simulator-store.ts';

/** The real Flanks API when its client credentials are set; the simulator otherwise. */
export const usesFlanksApi = () => Boolean(env.FLANKS_CLIENT_ID && env.FLANKS_CLIENT_SECRET);

/** The name the sync state is kept under (the FlanksClient's own name). */
export function activeFlanksSourceName(): string {
  return usesFlanksApi() ? 'flanks' : 'simulator';
}

/** The FlanksClient this deployment reads, fresh for one job run, with how to poll it. */
export async function openFlanksSource(db: Db, now: Date): Promise<{ client: FlanksClient; poll: PollOptions }> {
  if (usesFlanksApi()) {
    return {
      client: new FlanksHttpClient({
        db,
        baseUrl: env.FLANKS_API_URL,
        clientId: env.FLANKS_CLIENT_ID!,
        clientSecret: env.FLANKS_CLIENT_SECRET!,
        maxRequestsPerSecond: env.FLANKS_MAX_REQUESTS_PER_SECOND,
        timeoutMs: env.FLANKS_TIMEOUT_SECONDS * 1000,
      }),
      poll: { budget: { activeEveryMinutes: env.POLL_ACTIVE_EVERY_MINUTES, othersEveryMinutes: env.POLL_OTHERS_EVERY_MINUTES } },
    };
  }
  // In-process, reading everything costs nothing: every poll reads every credential.
  return { client: await loadSimulator(db, `${env.SIMULATOR_SEED}:${now.toISOString()}`), poll: {} };
}
