import 'server-only';
import type { SignedInActor } from '@/server/auth/require-actor.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

/** What the account page shows of the signed-in user besides their session. */
export async function getAccount(actor: SignedInActor, options: { db?: Db } = {}): Promise<{ mfaEnabledAt: string | null; digestEnabled: boolean; timeZone: string | null }> {
  const user = await (options.db ?? defaultDb).user.findUniqueOrThrow({ where: { id: actor.id }, select: { mfaEnabledAt: true, digestEnabled: true, timeZone: true } });
  return { mfaEnabledAt: user.mfaEnabledAt?.toISOString() ?? null, digestEnabled: user.digestEnabled, timeZone: user.timeZone };
}
