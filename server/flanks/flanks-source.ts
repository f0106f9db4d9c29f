import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import type { PollOptions } from '@/server/ingestion/poll-flanks.ts';
import type { FlanksClient } from './flanks-client.ts';
import { FlanksHttpClient } from './http/flanks-http-client.ts';

/** The real Flanks API when its client credentials are set; the simulator otherwise. */
export const usesFlanksApi = () => Boolean(env.FLANKS_CLIENT_ID && env.FLANKS_CLIENT_SECRET);

/** The name the sync state is kept under (the FlanksClient's own name). */
export function activeFlanksSourceName(): string {
  return usesFlanksApi() ? 'flanks' : 'simulator';
}

/** The real Flanks API as configured, with its polling budget (the simulator is read in full each poll). */
export function openFlanksApi(db: Db): { client: FlanksClient; poll: PollOptions } {
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
