import { describe, expect, it } from 'vitest';
import { explainStaleness, type StalenessFacts } from './explain-staleness.ts';

const may3 = new Date('2026-05-03T09:00:00Z');
const base: StalenessFacts = { status: 'BLOCKED', statusChangedAt: may3, lastUpdatedAt: may3, stale: false, recentOutcomes: [], links: [], contacts: 1, institutionIncident: false };

describe('why is this stale?', () => {
  it('tells a Blocked credential whose Reset link was opened but not completed to contact the client another way', () => {
    expect(explainStaleness({ ...base, links: [{ flow: 'RESET', state: 'OPENED', createdAt: may3 }] })).toBe(
      'Blocked since 3 May 2026; Reset link opened, not completed; institution healthy → contact the client another way',
    );
  });

  it('asks for a contact first when a Blocked credential has nobody to write to', () => {
    expect(explainStaleness({ ...base, contacts: 0 })).toContain('no Reset link sent yet; institution healthy → add a contact, then send a Reset link');
  });

  it('proposes the SCA flow for Pending SCA, and ignores links of the other flow', () => {
    const line = explainStaleness({ ...base, status: 'PENDING_SCA', links: [{ flow: 'RESET', state: 'OPENED', createdAt: may3 }] });
    expect(line).toBe('Pending SCA since 3 May 2026; no SCA link sent yet; institution healthy → send an SCA link');
  });

  it('blames the institution, not the client, for a stale Active credential during an incident', () => {
    const line = explainStaleness({ ...base, status: 'ACTIVE', stale: true, recentOutcomes: ['INSTITUTION_ERROR', 'INSTITUTION_ERROR', 'SUCCESS'], institutionIncident: true });
    expect(line).toBe('Active but stale since 3 May 2026; the last 2 daily refreshes failed at the institution; institution failing right now (open incident) → wait for the institution to recover; no action with the client');
  });

  it('says an Active, fresh credential needs nothing', () => {
    expect(explainStaleness({ ...base, status: 'ACTIVE' })).toBe('Active and up to date: data from 3 May 2026');
  });
});
