import 'server-only';
import type { Db } from '@/server/db/client.ts';
import {
  FlanksError,
  type FlanksClient,
  type FlanksCredentialListItem,
  type FlanksCredentialStatus,
  type FlanksEntity,
  type FlanksForce,
  type FlanksPage,
} from '../flanks-client.ts';
import { parseEntities, parseList, parseStatus, parseToken } from './parse-flanks.ts';
import { SharedTokenStore } from './shared-token-store.ts';

export interface FlanksHttpOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  db: Db;
  timeoutMs?: number;
  maxRetries?: number;
  baseDelayMs?: number;
  maxRequestsPerSecond?: number;
  // Seams for tests: no real waiting, no real randomness.
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Flanks answered in a way retrying cannot fix: wrong client credentials, a token refused twice. */
export class FlanksAuthError extends Error {
  name = 'FlanksAuthError';
}

/** A 4xx other than 401: a bug or a wrong input on our side; never retried. */
export class FlanksHttpError extends Error {
  name = 'FlanksHttpError';
  constructor(
    readonly status: number,
    readonly path: string,
    body: string,
  ) {
    super(`Flanks answered ${status} to ${path}: ${body.slice(0, 200)}`);
  }
}

class Retryable extends Error {}

const TOKEN_LIFETIME_WHEN_UNSAID_S = 3600; // Flanks documents 1 h tokens

/**
 * The Flanks v0 API over HTTP. Every call has a timeout; 5xx answers, network errors and timeouts
 * are retried with exponential backoff and jitter; 4xx are not. A 401 renews the shared token once,
 * then fails loudly. Requests are spaced to a requests-per-second ceiling for the whole client.
 */
export class FlanksHttpClient implements FlanksClient {
  readonly name = 'flanks';
  private readonly tokens: SharedTokenStore;
  private nextSlot = 0;

  constructor(private readonly options: FlanksHttpOptions) {
    this.tokens = new SharedTokenStore(options.db, options.clientId, () => this.mintToken());
  }

  async listEntities(): Promise<FlanksEntity[]> {
    return parseEntities(await this.call('GET', '/v0/bank/available'));
  }

  async listCredentials(page: number): Promise<FlanksPage<FlanksCredentialListItem>> {
    return parseList(await this.call('POST', '/v0/bank/credentials/list', { page }));
  }

  async getStatus(credentialsToken: string): Promise<FlanksCredentialStatus> {
    return parseStatus(await this.call('POST', '/v0/bank/credentials/status', { credentials_token: credentialsToken }), credentialsToken);
  }

  async force(credentialsToken: string, force: FlanksForce): Promise<FlanksCredentialStatus> {
    return parseStatus(await this.call('PUT', '/v0/bank/credentials/status', { credentials_token: credentialsToken, force }), credentialsToken);
  }

  private async mintToken() {
    const response = await this.send('POST', '/v0/token', { client_id: this.options.clientId, client_secret: this.options.clientSecret, grant_type: 'client_credentials' }, null);
    if (response.status === 401 || response.status === 403) {
      throw new FlanksAuthError('Flanks refused the client credentials (check FLANKS_CLIENT_ID and FLANKS_CLIENT_SECRET).');
    }
    const token = parseToken(await this.read(response, '/v0/token'));
    return { accessToken: token.access_token, expiresInSeconds: token.expires_in ?? TOKEN_LIFETIME_WHEN_UNSAID_S };
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    let token = await this.tokens.get();
    let renewed = false;
    for (;;) {
      const response = await this.send(method, path, body, token);
      if (response.status !== 401) return this.read(response, path);
      if (renewed) throw new FlanksAuthError(`Flanks refused a freshly minted token for ${path}.`);
      token = await this.tokens.get(token);
      renewed = true;
    }
  }

  private async read(response: Response, path: string): Promise<unknown> {
    const text = await response.text();
    if (response.status === 404) throw new FlanksError(`Flanks does not know this resource (${path})`, 'NOT_FOUND');
    if (!response.ok) throw new FlanksHttpError(response.status, path, text);
    try {
      return JSON.parse(text);
    } catch {
      throw new FlanksHttpError(response.status, path, `not JSON: ${text}`);
    }
  }

  /** One request with retries for what retrying can fix; returns the response of the last try. */
  private async send(method: string, path: string, body: unknown, token: string | null): Promise<Response> {
    const { timeoutMs = 10_000, maxRetries = 4, baseDelayMs = 500 } = this.options;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    const random = this.options.random ?? Math.random;
    for (let attempt = 0; ; attempt++) {
      await this.awaitSlot(sleep);
      try {
        const response = await fetch(new URL(path, this.options.baseUrl), {
          method,
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.status >= 500) throw new Retryable(`Flanks answered ${response.status} to ${path}`);
        return response;
      } catch (error) {
        const retryable = error instanceof Retryable || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'TypeError'));
        if (!retryable || attempt >= maxRetries) {
          throw error instanceof Retryable ? new Error(`${error.message} after ${attempt + 1} tries`) : error;
        }
        // Exponential backoff with jitter: retries from many workers do not arrive together.
        await sleep(baseDelayMs * 2 ** attempt * (0.5 + random() / 2));
      }
    }
  }

  private async awaitSlot(sleep: (ms: number) => Promise<void>) {
    const spacing = 1000 / (this.options.maxRequestsPerSecond ?? 10);
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + spacing;
    if (slot > now) await sleep(slot - now);
  }
}
