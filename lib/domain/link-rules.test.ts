import { describe, expect, it } from 'vitest';
import { unlockFlowFor } from './credential-status.ts';
import { expiryFrom, finishState, flowMismatch, isLive, linkViewAt, mayRevoke, nextEmailAllowedAt, refuseOpening } from './link-rules.ts';

const now = new Date('2026-05-10T12:00:00Z');
const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const link = (state: string, expiresInHours = 24) => ({ state, expiresAt: later(expiresInHours) });

describe('which flow a status needs', () => {
  it('is SCA for Pending SCA and Reset for Blocked, none otherwise', () => {
    expect(unlockFlowFor('PENDING_SCA')).toBe('SCA');
    expect(unlockFlowFor('BLOCKED')).toBe('RESET');
    expect(unlockFlowFor('ACTIVE')).toBeNull();
    expect(unlockFlowFor('PENDING')).toBeNull();
  });

  it('refuses every other pair with a message naming the status and the right flow', () => {
    expect(flowMismatch('SCA', 'PENDING_SCA')).toBeNull();
    expect(flowMismatch('RESET', 'BLOCKED')).toBeNull();
    expect(flowMismatch('SCA', 'BLOCKED')).toBe('This credential is Blocked: it needs a Reset link, not a SCA link.');
    expect(flowMismatch('RESET', 'PENDING_SCA')).toContain('needs a SCA link');
    expect(flowMismatch('RESET', 'ACTIVE')).toBe('This credential is Active: it needs no Reset link.');
    expect(flowMismatch('SCA', 'PENDING')).toBe('This credential is Pending: it needs no SCA link.');
  });
});

describe('the state machine of a link', () => {
  it('expires by the clock: a sent link past its expiry reads EXPIRED and is no longer live', () => {
    expect(linkViewAt(link('SENT', 1), now)).toBe('SENT');
    expect(isLive(link('SENT', 1), now)).toBe(true);
    expect(linkViewAt(link('SENT', 0), now)).toBe('EXPIRED');
    expect(isLive(link('SENT', -1), now)).toBe(false);
    expect(expiryFrom(now, 7)).toEqual(new Date('2026-05-17T12:00:00Z'));
  });

  it('opens only a live link, and says why any other cannot be used', () => {
    expect(refuseOpening(link('SENT'), now)).toBeNull();
    expect(refuseOpening(null, now)).toBe('UNKNOWN');
    expect(refuseOpening(link('SENT', -1), now)).toBe('EXPIRED');
    expect(refuseOpening(link('REVOKED'), now)).toBe('REVOKED');
    for (const used of ['OPENED', 'COMPLETED', 'FAILED']) expect(refuseOpening(link(used), now)).toBe('USED');
  });

  it('finishes an opened link once: completed, or failed when Flanks returns an error', () => {
    expect(finishState(link('OPENED'), null)).toBe('COMPLETED');
    expect(finishState(link('OPENED'), 'INVALID_CREDENTIALS')).toBe('FAILED');
    for (const state of ['SENT', 'COMPLETED', 'FAILED', 'REVOKED']) expect(finishState(link(state), null)).toBeNull();
  });

  it('revokes only a link nobody used; revoking again changes nothing', () => {
    expect(mayRevoke(link('SENT'))).toBe(true);
    expect(mayRevoke(link('REVOKED'))).toBe(true);
    for (const state of ['OPENED', 'COMPLETED', 'FAILED']) expect(mayRevoke(link(state))).toBe(false);
  });
});

describe('email rate limit', () => {
  it('allows the next email to the same credential and flow a day after the last', () => {
    expect(nextEmailAllowedAt(null)).toBeNull();
    expect(nextEmailAllowedAt(now)).toEqual(later(24));
  });
});
