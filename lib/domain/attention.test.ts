import { describe, expect, it } from 'vitest';
import { attentionOf, explainAttention, WORKING_RANK, type AttentionFactors } from './attention.ts';

const since = new Date('2026-11-10T00:00:00Z');
const now = new Date('2026-11-15T00:00:00Z');
const blocked: AttentionFactors = { status: 'BLOCKED', statusChangedAt: since, unopenedLinks: 0, failedAttempts: 0, recurring: false, institutionIncident: false };
const rank = (f: Partial<AttentionFactors>) => attentionOf({ ...blocked, ...f }).rankAt.getTime();

describe('needs attention first', () => {
  it('ranks a broken credential by how long it has waited', () => {
    expect(rank({ statusChangedAt: new Date('2026-11-01T00:00:00Z') })).toBeLessThan(rank({}));
  });

  it('moves up an unopened link, failed attempts (two at most) and a recurring credential', () => {
    expect(rank({ unopenedLinks: 1 })).toBeLessThan(rank({}));
    expect(rank({ failedAttempts: 1 })).toBeLessThan(rank({ unopenedLinks: 1 }));
    expect(rank({ failedAttempts: 5 })).toBe(rank({ failedAttempts: 2 }));
    expect(rank({ recurring: true })).toBeLessThan(rank({}));
  });

  it('pushes down a credential whose institution has an open incident, below every other broken one', () => {
    expect(rank({ institutionIncident: true, failedAttempts: 2, recurring: true })).toBeGreaterThan(rank({ statusChangedAt: now }));
    expect(rank({ institutionIncident: true })).toBeLessThan(WORKING_RANK.getTime());
  });

  it('ranks working credentials after every broken one', () => {
    expect(attentionOf({ ...blocked, status: 'ACTIVE' }).rankAt).toEqual(WORKING_RANK);
  });

  it('explains a rank with the wait and each reason', () => {
    expect(explainAttention({ ...blocked, unopenedLinks: 1, failedAttempts: 1 }, now)).toBe('Waited 5 d in this status; a link went out and was not opened (+2 d); a recovery attempt failed (+3 d).');
    expect(explainAttention({ ...blocked, institutionIncident: true }, now)).toBe('Waited 5 d in this status; its institution has an open incident (the client cannot fix that) (ranked below the rest).');
  });
});
