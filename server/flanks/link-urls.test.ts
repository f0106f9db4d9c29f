import { describe, expect, it } from 'vitest';
import { V0LinkUrls } from './link-urls.ts';
import { Random } from './simulator/random.ts';
import { SimulatedFlanks } from './simulator/simulated-flanks.ts';

const template = 'https://platform.flanks.io/link?token={link_token}&{flow}_token={flow_token}';

function blockedAndActive() {
  const sim = new SimulatedFlanks(new Random('links'), [{ id: 'bank', name: 'Bank', country: 'ES', failureRate: 0, scaCadenceDays: 90, passwordChangeRate: 0 }]);
  const at = new Date('2026-11-01T10:00:00Z');
  const blocked = sim.createCredential({ institutionId: 'bank', username: 'a', password: 'p', at });
  const active = sim.createCredential({ institutionId: 'bank', username: 'b', password: 'p', at });
  sim.finishCreationLoads(new Date('2026-11-02T00:00:00Z'));
  blocked.bankPassword = 'changed';
  sim.runDailyRefresh(new Date('2026-11-02T03:00:00Z'));
  return { sim, blocked, active };
}

describe('the end-user URL of a Link flow (v0 Flanks Link)', () => {
  it('uses the reset_token Flanks already issued for a Blocked credential', async () => {
    const { sim, blocked } = blockedAndActive();
    const url = await new V0LinkUrls(sim, 'LINK TOKEN', template).urlFor(blocked.token, 'reset', 'https://credops.example/l/x/done');
    expect(url).toBe(`https://platform.flanks.io/link?token=LINK%20TOKEN&reset_token=${blocked.resetToken}`);
  });

  it('mints the flow token with PUT force when the credential has none', async () => {
    const { sim, active } = blockedAndActive();
    expect(active.scaToken).toBeNull();
    const url = await new V0LinkUrls(sim, 'lt', template).urlFor(active.token, 'sca', 'https://credops.example/l/x/done');
    expect(active.scaToken).toMatch(/^[0-9a-f]{32}$/);
    expect(url).toContain(`sca_token=${active.scaToken}`);
  });

  it('fills in where Flanks should send the end user back, when the template asks for it', async () => {
    const { sim, blocked } = blockedAndActive();
    const url = await new V0LinkUrls(sim, 'lt', `${template}&redirect_uri={redirect_uri}`).urlFor(blocked.token, 'reset', 'https://credops.example/l/a b/done');
    expect(new URL(url).searchParams.get('redirect_uri')).toBe('https://credops.example/l/a b/done');
  });
});
