import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { env, publicUrl } from '@/server/env.ts';
import type { FlanksClient, FlanksForce } from './flanks-client.ts';
import { FlanksHttpClient } from './http/flanks-http-client.ts';
import { V0LinkUrls } from './link-urls.ts';
import { loadSimulator, saveSimulator } from './simulator/simulator-store.ts';

/** The simulated Flanks' Link, served by CredOps itself in the embedded default (app/(public)/simulator/link). */
export const SIMULATOR_LINK_PATH = '/simulator/link';

/** The real Flanks API when its client credentials are set; the simulator otherwise. */
export const usesFlanksApi = () => Boolean(env.FLANKS_CLIENT_ID && env.FLANKS_CLIENT_SECRET);

/** The name the sync state is kept under (the FlanksClient's own name). */
export function activeFlanksSourceName(): string {
  return usesFlanksApi() ? 'flanks' : 'simulator';
}

/** The real Flanks API as configured. */
export function openFlanksApi(db: Db): FlanksClient {
  return new FlanksHttpClient({
    db,
    baseUrl: env.FLANKS_API_URL,
    clientId: env.FLANKS_CLIENT_ID!,
    clientSecret: env.FLANKS_CLIENT_SECRET!,
    maxRequestsPerSecond: env.FLANKS_MAX_REQUESTS_PER_SECOND,
    timeoutMs: env.FLANKS_TIMEOUT_SECONDS * 1000,
  });
}

/** Runs `act` against the simulator holding only this credential, and keeps what it changed. */
export async function withSimulatedCredential<T>(db: Db, token: string, now: Date, act: (flanks: FlanksClient) => Promise<T>): Promise<T> {
  const sim = await loadSimulator(db, `${env.SIMULATOR_SEED}:${now.toISOString()}`, { token });
  const result = await act(sim);
  await saveSimulator(db, sim);
  return result;
}

/** Where the end user completes the flow at Flanks; Flanks sends them back to `returnUrl`. */
export async function flanksLinkUrl(db: Db, credentialsToken: string, flow: FlanksForce, returnUrl: string, now = new Date()): Promise<string> {
  if (usesFlanksApi()) {
    if (!env.FLANKS_LINK_TOKEN) throw new Error('FLANKS_LINK_TOKEN is not set: CredOps cannot send end users to the Flanks Link.');
    return new V0LinkUrls(openFlanksApi(db), env.FLANKS_LINK_TOKEN, env.FLANKS_LINK_URL_TEMPLATE).urlFor(credentialsToken, flow, returnUrl);
  }
  const template = `${publicUrl()}${SIMULATOR_LINK_PATH}?flow={flow}&token={flow_token}&redirect_uri={redirect_uri}`;
  return withSimulatedCredential(db, credentialsToken, now, (sim) => new V0LinkUrls(sim, 'simulator', template).urlFor(credentialsToken, flow, returnUrl));
}
