import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { FlanksError } from '../flanks-client.ts';
import { createSandboxServer, type SandboxFaults, type SandboxStats } from '../sandbox/create-sandbox-server.ts';
import { loadSimulator } from '../simulator/simulator-store.ts';
import type { SimulatedFlanks } from '../simulator/simulated-flanks.ts';
import { FlanksAuthError, FlanksHttpClient } from './flanks-http-client.ts';

const now = new Date('2026-11-20T14:00:00Z');
const CLIENT = { clientId: 'contract-id', clientSecret: 'contract-secret' };

let company: TestDatabase;
let sim: SimulatedFlanks;
let baseUrl: string;
let stats: SandboxStats;
const faults: SandboxFaults = {};
let close: () => Promise<void>;

beforeAll(async () => {
  company = await createTestDatabase('sqlite');
  await seedDemoCompany(company.db, { credentials: 450, days: 20, seed: 'contract', now });
  sim = await loadSimulator(company.db, 'contract');
  const sandbox = createSandboxServer({ sim, ...CLIENT, faults });
  stats = sandbox.stats;
  await new Promise<void>((resolve) => sandbox.server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(sandbox.server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => sandbox.server.close(() => resolve()));
});
afterAll(async () => {
  await close?.();
  await company?.drop();
});

function resetFaults() {
  for (const key of Object.keys(faults)) delete faults[key as keyof SandboxFaults];
}

function client(t: TestDatabase, overrides: Partial<ConstructorParameters<typeof FlanksHttpClient>[0]> = {}) {
  const sleeps: number[] = [];
  const http = new FlanksHttpClient({
    db: t.db,
    baseUrl,
    ...CLIENT,
    maxRequestsPerSecond: 10_000,
    timeoutMs: 2_000,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 1,
    ...overrides,
  });
  return { http, sleeps };
}

describe.each(DATABASE_KINDS)('the Flanks HTTP client against the sandbox, storing into %s', (kind) => {
  let viaHttp: TestDatabase;
  let inProcess: TestDatabase;
  beforeAll(async () => {
    [viaHttp, inProcess] = await Promise.all([createTestDatabase(kind), createTestDatabase(kind)]);
  });
  afterAll(async () => {
    await viaHttp?.drop();
    await inProcess?.drop();
  });

  it('syncs a seeded company to exactly what the in-process path records', async () => {
    resetFaults();
    const overHttp = await pollFlanks(viaHttp.db, client(viaHttp).http, now, { log: () => {} });
    const direct = await pollFlanks(inProcess.db, sim, now);
    expect(overHttp).toEqual(direct);
    const credentials = (t: TestDatabase) =>
      t.db.credential.findMany({ select: { token: true, institutionId: true, status: true, createdAt: true, lastUpdatedAt: true, partialData: true }, orderBy: { token: 'asc' } });
    const refreshes = (t: TestDatabase) =>
      t.db.refreshRecord.findMany({ select: { credential: { select: { token: true } }, attemptKey: true, outcome: true, trigger: true }, orderBy: [{ credential: { token: 'asc' } }, { attemptKey: 'asc' }] });
    expect(await credentials(viaHttp)).toEqual(await credentials(inProcess));
    expect(await refreshes(viaHttp)).toEqual(await refreshes(inProcess));
    expect((await credentials(viaHttp)).length).toBe(sim.credentials.size);
  });

  it('shares one token between workers: two clients, one mint', async () => {
    resetFaults();
    const t = await createTestDatabase(kind);
    try {
      const before = stats.tokensMinted;
      await Promise.all([client(t).http.listEntities(), client(t).http.listEntities(), client(t).http.listCredentials(1)]);
      expect(stats.tokensMinted - before).toBe(1);
    } finally {
      await t.drop();
    }
  });
});

describe('the Flanks HTTP client when things go wrong', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(() => t?.drop());

  it('renews an expired token mid-sync and completes the sync', async () => {
    resetFaults();
    faults.expireTokensAfterRequests = 100;
    const before = stats.tokensMinted;
    const summary = await pollFlanks(t.db, client(t).http, now);
    expect(summary.credentials).toBe(sim.credentials.size);
    expect(stats.tokensMinted - before).toBe(2); // the first token, and one renewal when it expired
  });

  it('answers a 401 with one renewal, then fails loudly', async () => {
    resetFaults();
    faults.rejectAllTokens = true;
    const before = stats.tokensMinted;
    await expect(client(t).http.listEntities()).rejects.toThrow(FlanksAuthError);
    expect(stats.tokensMinted - before).toBeLessThanOrEqual(2);
    resetFaults();
  });

  it('says which setting is wrong when Flanks refuses the client credentials', async () => {
    resetFaults();
    const fresh = await createTestDatabase('sqlite');
    try {
      await expect(client(fresh, { clientSecret: 'wrong' }).http.listEntities()).rejects.toThrow(/FLANKS_CLIENT_SECRET/);
    } finally {
      await fresh.drop();
    }
  });

  it('retries 500s with growing, jittered backoff, then succeeds', async () => {
    resetFaults();
    faults.failNext = 3;
    const { http, sleeps } = client(t, { random: () => 0.5 });
    expect((await http.listEntities()).length).toBeGreaterThan(20);
    const backoffs = sleeps.filter((ms) => ms >= 100);
    expect(backoffs).toEqual([375, 750, 1500]); // 500·2^n·(0.5 + 0.5/2)
  });

  it('retries a request that timed out', async () => {
    resetFaults();
    faults.delayNext = { count: 1, ms: 400 };
    const { http, sleeps } = client(t, { timeoutMs: 150 });
    expect((await http.listCredentials(1)).items.length).toBeGreaterThan(0);
    expect(sleeps.filter((ms) => ms >= 100)).toHaveLength(1);
  });

  it('never retries a 4xx', async () => {
    resetFaults();
    const { http, sleeps } = client(t);
    const before = stats.requests;
    await expect(http.getStatus('no-such-credential')).rejects.toMatchObject({ code: 'NOT_FOUND' } satisfies Partial<FlanksError>);
    expect(stats.requests - before).toBe(1);
    expect(sleeps.filter((ms) => ms >= 100)).toHaveLength(0);
  });

  it('gives up after its retries and records the failure for the sync banner', async () => {
    resetFaults();
    faults.failNext = 100;
    const fresh = await createTestDatabase('sqlite');
    try {
      await expect(pollFlanks(fresh.db, client(fresh, { maxRetries: 2 }).http, now)).rejects.toThrow(/500/);
      const state = await fresh.db.syncState.findUniqueOrThrow({ where: { id: 'flanks' } });
      expect(state.consecutiveFailures).toBe(1);
      expect(state.lastError).toContain('500');
    } finally {
      resetFaults();
      await fresh.drop();
    }
  });

  it('logs and skips a malformed status object, and syncs all the others', async () => {
    resetFaults();
    const victim = [...sim.credentials.keys()][7];
    faults.malformStatus = { token: victim, dropFields: ['blocked'] };
    const fresh = await createTestDatabase('sqlite');
    const logged: string[] = [];
    try {
      const summary = await pollFlanks(fresh.db, client(fresh).http, now, { log: (m) => logged.push(m) });
      expect(summary.skipped).toBe(1);
      expect(summary.credentials).toBe(sim.credentials.size - 1);
      expect(logged.join('\n')).toContain(victim);
      expect(logged.join('\n')).toContain('blocked');
      expect(await fresh.db.credential.count({ where: { token: victim } })).toBe(0);
    } finally {
      resetFaults();
      await fresh.drop();
    }
  });

  it('resumes a sync that crashed half-way at the page it reached', async () => {
    resetFaults();
    const fresh = await createTestDatabase('sqlite');
    try {
      const { http } = client(fresh, { maxRetries: 0 });
      const onePagePerBatch = { batchSize: 1 };
      // Page 1 goes through (its list and its statuses), then Flanks starts failing.
      const page1 = await sim.listCredentials(1);
      faults.expireTokensAfterRequests = undefined;
      let served = 0;
      const realGetStatus = http.getStatus.bind(http);
      http.getStatus = async (token) => {
        if (++served > page1.items.length) faults.failNext = 1_000;
        return realGetStatus(token);
      };
      await expect(pollFlanks(fresh.db, http, now, onePagePerBatch)).rejects.toThrow();
      expect((await fresh.db.syncState.findUniqueOrThrow({ where: { id: 'flanks' } })).resumeFromPage).toBe(2);
      resetFaults();
      stats.listPagesServed.length = 0;
      const summary = await pollFlanks(fresh.db, client(fresh).http, now, onePagePerBatch);
      expect(stats.listPagesServed[0]).toBe(2);
      expect(await fresh.db.credential.count()).toBe(sim.credentials.size);
      expect(summary.credentials).toBe(sim.credentials.size - page1.items.length);
      expect((await fresh.db.syncState.findUniqueOrThrow({ where: { id: 'flanks' } })).resumeFromPage).toBeNull();
    } finally {
      resetFaults();
      await fresh.drop();
    }
  });
});

describe('the sandbox speaks Flanks v0', () => {
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

  it('answers with the field names and types of PRODUCT.md and Flanks docs, and their error bodies', async () => {
    resetFaults();
    const denied = await post('/v0/token', { client_id: 'x', client_secret: 'y', grant_type: 'client_credentials' });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: 'access_denied' });

    const tokenResponse = await post('/v0/token', { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, grant_type: 'client_credentials' });
    const token = await tokenResponse.json();
    expect(token).toMatchObject({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer' });

    const badBearer = await post('/v0/bank/credentials/list', { page: 1 }, 'not-a-token');
    expect(badBearer.status).toBe(401);
    expect(await badBearer.json()).toEqual({ error: 'Invalid credentials' });

    const list = await (await post('/v0/bank/credentials/list', { page: 1 }, token.access_token)).json();
    expect(list).toMatchObject({ page: 1, pages: expect.any(Number), items: expect.any(Array) });
    expect(list.items[0]).toEqual({ credentials_token: expect.any(String) });

    const status = await (await post('/v0/bank/credentials/status', { credentials_token: list.items[0].credentials_token }, token.access_token)).json();
    expect(Object.keys(status).sort()).toEqual(['blocked', 'created_at_timestamp', 'errored', 'last_update_timestamp', 'name', 'pending', 'reset_token', 'sca_token'].sort());
    expect(typeof status.pending).toBe('boolean');
    expect(typeof status.blocked).toBe('boolean');
    expect(typeof status.created_at_timestamp).toBe('number');
    expect(['number', 'object']).toContain(typeof status.last_update_timestamp);

    const missing = await post('/v0/bank/credentials/status', {}, token.access_token);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'Missing fields: credentials_token' });

    const forced = await fetch(`${baseUrl}/v0/bank/credentials/status`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({ credentials_token: list.items[0].credentials_token, force: 'reset' }),
    });
    expect((await forced.json()).reset_token).toEqual(expect.any(String));

    const entities = await (await fetch(`${baseUrl}/v0/bank/available`, { headers: { Authorization: `Bearer ${token.access_token}` } })).json();
    expect(entities[0]).toEqual({ id: expect.any(String), name: expect.any(String), country: expect.any(String) });
  });
});
