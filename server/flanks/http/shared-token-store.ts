import 'server-only';
import type { Db } from '@/server/db/client.ts';

const LEASE_MS = 30_000;
const WAIT_MS = 200;
const MAX_WAITS = 200; // 40 s: longer than one lease

export interface MintedToken {
  accessToken: string;
  expiresInSeconds: number;
}

/**
 * Flanks' bearer token, shared by every worker and process through the database. Flanks may
 * invalidate the previous token when a new one is minted, so minting is guarded by a lease: one
 * holder mints, the others wait and read its result. Tokens are renewed ahead of their expiry.
 */
export class SharedTokenStore {
  private cached: { accessToken: string; expiresAt: Date } | null = null;

  constructor(
    private readonly db: Db,
    private readonly clientId: string,
    private readonly mint: () => Promise<MintedToken>,
    private readonly options: { renewAheadMs?: number; now?: () => Date } = {},
  ) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private usable(token: { accessToken: string | null; expiresAt: Date | null } | null, rejected?: string): token is { accessToken: string; expiresAt: Date } {
    const ahead = this.options.renewAheadMs ?? 5 * 60_000;
    return Boolean(token?.accessToken && token.expiresAt && token.expiresAt.getTime() - ahead > this.now().getTime() && token.accessToken !== rejected);
  }

  /** A valid token; `rejected` is one Flanks just answered 401 to, which must not be handed out again. */
  async get(rejected?: string): Promise<string> {
    if (this.usable(this.cached, rejected)) return this.cached.accessToken;
    for (let wait = 0; wait < MAX_WAITS; wait++) {
      const row = await this.db.flanksAccessToken.findUnique({ where: { id: this.clientId } });
      if (this.usable(row, rejected)) {
        this.cached = row;
        return row.accessToken;
      }
      if (await this.takeLease(row !== null)) return this.mintAndStore();
      await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
    throw new Error('Timed out waiting for another CredOps process to obtain a Flanks token.');
  }

  private async takeLease(rowExists: boolean): Promise<boolean> {
    const now = this.now();
    const mintingUntil = new Date(now.getTime() + LEASE_MS);
    if (!rowExists) {
      try {
        await this.db.flanksAccessToken.create({ data: { id: this.clientId, mintingUntil } });
        return true;
      } catch {
        return false; // another process created it first
      }
    }
    const taken = await this.db.flanksAccessToken.updateMany({
      where: { id: this.clientId, OR: [{ mintingUntil: null }, { mintingUntil: { lt: now } }] },
      data: { mintingUntil },
    });
    return taken.count === 1;
  }

  private async mintAndStore(): Promise<string> {
    try {
      const minted = await this.mint();
      const expiresAt = new Date(this.now().getTime() + minted.expiresInSeconds * 1000);
      await this.db.flanksAccessToken.update({ where: { id: this.clientId }, data: { accessToken: minted.accessToken, expiresAt, mintingUntil: null } });
      this.cached = { accessToken: minted.accessToken, expiresAt };
      return minted.accessToken;
    } catch (error) {
      await this.db.flanksAccessToken.update({ where: { id: this.clientId }, data: { mintingUntil: null } });
      throw error;
    }
  }
}
