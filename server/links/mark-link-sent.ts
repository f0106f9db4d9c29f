import 'server-only';
import type { Tx } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';

const BATCH = 1_000;

/**
 * Stamps the credentials a link was just sent, re-sent or reminded for, in the transaction that
 * sent it: their `linkSentAt` is what "no link sent in this status" and its counts read.
 */
export async function markLinkSent(tx: Tx, credentialIds: number[], at: Date): Promise<void> {
  const ids = [...new Set(credentialIds)];
  for (let i = 0; i < ids.length; i += BATCH) {
    await tx.$executeRaw`UPDATE "Credential" SET "linkSentAt" = ${at} WHERE id IN (${Prisma.join(ids.slice(i, i + BATCH))})`;
  }
}
