import 'server-only';
import type { Db } from '@/server/db/client.ts';
import type { FlanksClient } from '@/server/flanks/flanks-client.ts';
import { ingestStatuses } from './ingest-statuses.ts';
import { knownCredentials } from './known-credentials.ts';

/**
 * Reads these credentials now, outside the sync's paging and budget (an end user just finished a
 * Link flow, say), and records what changed exactly as a sync would.
 */
export async function pollCredentials(db: Db, flanks: FlanksClient, tokens: string[], now: Date = new Date()) {
  const known = await knownCredentials(db, tokens);
  const statuses = await Promise.all(tokens.map(async (token) => ({ token, flanks: await flanks.getStatus(token) })));
  return ingestStatuses(db, statuses, known, now);
}
