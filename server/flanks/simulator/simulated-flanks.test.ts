import { describe, expect, it } from 'vitest';
import { statusFromFlanks } from '@/server/credentials/lifecycle.ts';
import { FlanksError } from '../flanks-client.ts';
import { Random } from './random.ts';
import { SimulatedFlanks } from './simulated-flanks.ts';

const DAY = 86_400_000;
const start = new Date('2026-08-01T00:00:00Z');
const day = (n: number, hour = 3) => new Date(start.getTime() + n * DAY + hour * 3_600_000);
// A well-behaved institution, so each test sees exactly the rule it is about.
const reliable = { id: 'bank', name: 'Bank', country: 'ES', failureRate: 0, scaCadenceDays: 90, passwordChangeRate: 0 };

function simWithOne() {
  const sim = new SimulatedFlanks(new Random('test'), [reliable]);
  const c = sim.createCredential({ institutionId: 'bank', username: 'ana', password: 'secret', at: start });
  return { sim, c };
}
const statusOf = async (sim: SimulatedFlanks, token: string) => statusFromFlanks(await sim.getStatus(token));

describe('the simulated Flanks', () => {
  it('creates every credential Pending and makes it Active when the first load finishes', async () => {
    const { sim, c } = simWithOne();
    expect(await statusOf(sim, c.token)).toBe('PENDING');
    expect((await sim.getStatus(c.token)).last_update_timestamp).toBeNull();
    sim.finishCreationLoads(day(1));
    expect(await statusOf(sim, c.token)).toBe('ACTIVE');
    expect((await sim.getStatus(c.token)).last_update_timestamp).not.toBeNull();
  });

  it('refuses the same login twice in one company and creates nothing', () => {
    const { sim } = simWithOne();
    expect(() => sim.createCredential({ institutionId: 'bank', username: 'ana', password: 'other', at: day(1) })).toThrow(FlanksError);
    expect(sim.credentials.size).toBe(1);
  });

  it('refreshes Active credentials in the daily run', async () => {
    const { sim, c } = simWithOne();
    sim.finishCreationLoads(day(0, 12));
    sim.runDailyRefresh(day(1));
    expect((await sim.getStatus(c.token)).last_update_timestamp).toBe(day(1).getTime() / 1000);
  });

  it('asks for SCA again when the institution cadence runs out, and stops refreshing until it is resolved', async () => {
    const { sim, c } = simWithOne();
    sim.finishCreationLoads(day(0, 12));
    sim.runDailyRefresh(day(89));
    expect(await statusOf(sim, c.token)).toBe('ACTIVE');
    sim.runDailyRefresh(day(90));
    expect(await statusOf(sim, c.token)).toBe('PENDING_SCA');
    const frozen = (await sim.getStatus(c.token)).last_update_timestamp;
    sim.runDailyRefresh(day(91));
    expect((await sim.getStatus(c.token)).last_update_timestamp).toBe(frozen); // data kept, not updated
  });

  it('blocks a credential whose password changed at the bank, keeps its data, and leaves it out of daily runs', async () => {
    const { sim, c } = simWithOne();
    sim.finishCreationLoads(day(0, 12));
    sim.runDailyRefresh(day(1));
    c.bankPassword = 'changed-at-the-bank';
    sim.runDailyRefresh(day(2));
    const status = await sim.getStatus(c.token);
    expect(statusFromFlanks(status)).toBe('BLOCKED');
    expect(status.reset_token).not.toBeNull();
    expect(status.last_update_timestamp).toBe(day(1).getTime() / 1000);
    sim.runDailyRefresh(day(3));
    expect((await sim.getStatus(c.token)).last_update_timestamp).toBe(day(1).getTime() / 1000);
  });

  it('resolves Pending SCA through the SCA flow with the right one-time code, and refreshes at once', async () => {
    const { sim, c } = simWithOne();
    sim.finishCreationLoads(day(0, 12));
    sim.runDailyRefresh(day(90));
    const scaToken = (await sim.getStatus(c.token)).sca_token!;
    expect(() => sim.completeScaFlow(scaToken, 'wrong', day(91))).toThrow(expect.objectContaining({ code: 'INVALID_SCA' }));
    sim.completeScaFlow(scaToken, sim.scaCodeFor(c.token), day(91, 15));
    const status = await sim.getStatus(c.token);
    expect(statusFromFlanks(status)).toBe('ACTIVE');
    expect(status.last_update_timestamp).toBe(day(91, 15).getTime() / 1000);
  });

  it('resolves Blocked through the Reset flow only with the password the bank accepts', async () => {
    const { sim, c } = simWithOne();
    sim.finishCreationLoads(day(0, 12));
    c.bankPassword = 'new-password';
    sim.runDailyRefresh(day(1));
    const resetToken = (await sim.getStatus(c.token)).reset_token!;
    expect(() => sim.completeResetFlow(resetToken, 'guess', day(2))).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
    sim.completeResetFlow(resetToken, 'new-password', day(2, 10));
    expect(await statusOf(sim, c.token)).toBe('ACTIVE');
  });

  it('leaves status and data alone on a transient institution error', async () => {
    const sim = new SimulatedFlanks(new Random('t'), [{ ...reliable, failureRate: 1 }]);
    const c = sim.createCredential({ institutionId: 'bank', username: 'ana', password: 'secret', at: start });
    sim.finishCreationLoads(day(1));
    expect((await sim.getStatus(c.token)).last_update_timestamp).toBeNull();
    expect(await statusOf(sim, c.token)).toBe('ACTIVE');
  });

  it('mints a token on PUT force so a Link flow can start', async () => {
    const { sim, c } = simWithOne();
    const status = await sim.force(c.token, 'reset');
    expect(status.reset_token).toMatch(/^[0-9a-f]{32}$/);
  });

  // Issue 16: flow tokens came from the seeded generator, and the seed is public (default "credops"):
  // anyone could rebuild a token and finish an SCA or a Reset at /simulator/link without signing in.
  it('issues SCA and Reset tokens nobody can rebuild from the seed, while the seed still decides the company', async () => {
    const run = async () => {
      const sim = new SimulatedFlanks(new Random('a public seed'), [reliable]);
      const blocked = sim.createCredential({ institutionId: 'bank', username: 'ana', password: 'secret', at: start });
      const sca = sim.createCredential({ institutionId: 'bank', username: 'bea', password: 'secret', at: start });
      const forced = sim.createCredential({ institutionId: 'bank', username: 'cai', password: 'secret', at: day(80) });
      sim.finishCreationLoads(day(80, 12));
      blocked.bankPassword = 'changed-at-the-bank';
      sim.runDailyRefresh(day(90));
      await sim.force(forced.token, 'sca');
      return Promise.all([blocked, sca, forced].map(async (c) => ({ token: c.token, ...(await sim.getStatus(c.token)) })));
    };
    const [first, second] = [await run(), await run()];
    const flowTokens = (statuses: typeof first) => statuses.flatMap((s) => [s.reset_token, s.sca_token]).filter((t) => t !== null);
    const company = (statuses: typeof first) => statuses.map(({ reset_token, sca_token, ...rest }) => ({ ...rest, reset: Boolean(reset_token), sca: Boolean(sca_token) }));
    expect(company(second)).toEqual(company(first));
    expect(first.map(statusFromFlanks)).toEqual(['BLOCKED', 'PENDING_SCA', 'PENDING_SCA']);
    expect(flowTokens(first)).toHaveLength(3);
    for (const token of flowTokens(first)) expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(flowTokens(second).filter((token) => flowTokens(first).includes(token))).toEqual([]);
  });

  it('pages the credential list in Flanks shape', async () => {
    const { sim } = simWithOne();
    const page = await sim.listCredentials(1);
    expect(page).toEqual({ page: 1, pages: 1, items: [{ credentials_token: expect.stringMatching(/^[0-9a-f]{32}$/) }] });
  });
});
