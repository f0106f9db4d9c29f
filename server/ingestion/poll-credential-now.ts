import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { openFlanksApi, usesFlanksApi, withSimulatedCredential } from '@/server/flanks/flanks-source.ts';
import { pollCredentials } from './poll-credentials.ts';

/** Reads one credential from the configured Flanks now and records what changed (an end user just finished a flow). */
export async function pollCredentialNow(db: Db, credentialsToken: string, now = new Date()): Promise<void> {
  if (usesFlanksApi()) await pollCredentials(db, openFlanksApi(db), [credentialsToken], now);
  else await withSimulatedCredential(db, credentialsToken, now, (sim) => pollCredentials(db, sim, [credentialsToken], now));
}
