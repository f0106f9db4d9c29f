import 'server-only';
import { MINUTE_MS } from '@/lib/domain/time.ts';
import type { Db, Tx } from '@/server/db/client.ts';

/**
 * Failed sign-ins slow down the one who fails, never the account everywhere: they are counted per
 * (account, address) and per address. Past the free attempts, each further one waits a delay that
 * doubles, up to 15 minutes, so guessing one account from one address, or many accounts from one
 * address, crawls, while the account's owner signs in from their own address as usual. A success
 * clears that (account, address)'s count. Attempts older than the window are pruned daily.
 */
export const SIGN_IN_THROTTLE = {
  windowMinutes: 15,
  freePerAccountAndAddress: 5,
  freePerAddress: 20,
  firstDelaySeconds: 30,
  longestDelayMinutes: 15,
};

export interface ThrottleKeys {
  pair: string;
  address: string | null;
}

export function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  return { pair: `pair:${email}|${ip ?? 'unknown'}`, address: ip ? `ip:${ip}` : null };
}

function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  const { firstDelaySeconds, longestDelayMinutes } = SIGN_IN_THROTTLE;
  return Math.min(longestDelayMinutes * MINUTE_MS, firstDelaySeconds * 1000 * 2 ** (failures - free));
}

/** How long this attempt must still wait (0: go ahead). */
export async function signInWait(db: Db, keys: ThrottleKeys, now: Date): Promise<number> {
  const since = new Date(now.getTime() - SIGN_IN_THROTTLE.windowMinutes * MINUTE_MS);
  const groups = await db.signInAttempt.groupBy({
    by: ['key'],
    where: { key: { in: [keys.pair, ...(keys.address ? [keys.address] : [])] }, succeeded: false, createdAt: { gte: since } },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  let wait = 0;
  for (const g of groups) {
    const free = g.key === keys.pair ? SIGN_IN_THROTTLE.freePerAccountAndAddress : SIGN_IN_THROTTLE.freePerAddress;
    const until = (g._max.createdAt?.getTime() ?? 0) + delayAfter(g._count._all, free);
    wait = Math.max(wait, until - now.getTime());
  }
  return wait;
}

export async function recordSignInFailure(tx: Tx, keys: ThrottleKeys, now: Date): Promise<void> {
  await tx.signInAttempt.createMany({ data: [keys.pair, ...(keys.address ? [keys.address] : [])].map((key) => ({ key, succeeded: false, createdAt: now })) });
}

/** The right password from here: this account's failures from this address no longer count. */
export async function clearSignInFailures(tx: Tx, keys: ThrottleKeys): Promise<void> {
  await tx.signInAttempt.deleteMany({ where: { key: keys.pair } });
}

export function waitInWords(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
