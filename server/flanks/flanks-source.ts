import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import type { FlanksClient } from './flanks-client.ts';
import { loadSimulator } from './simulator/simulator-store.ts';

/** The name the sync state is kept under. Only the simulator exists so far; the HTTP client is issue 8. */
export function activeFlanksSourceName(): string {
  return 'simulator';
}

/** The FlanksClient this deployment reads, fresh for one job run. */
export async function openFlanksSource(db: Db, now: Date): Promise<FlanksClient> {
  return loadSimulator(db, `${env.SIMULATOR_SEED}:${now.toISOString()}`);
}
