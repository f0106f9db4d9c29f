import { describe, expect, it } from 'vitest';
import {
  failureOutcomeFor,
  mayRefresh,
  refreshesDaily,
  statusAfterRefresh,
  statusFromFlanks,
  triggerOfExtraction,
} from './lifecycle.ts';
import { unlockFlowFor } from '@/lib/domain/credential-status.ts';

const flags = (over: Partial<{ pending: boolean; blocked: boolean; sca_token: string | null }>) => ({ pending: false, blocked: false, sca_token: null, ...over });

describe('the credential lifecycle (Flanks, "Credentials")', () => {
  it('shows a credential whose first data load has not finished as Pending', () => {
    expect(statusFromFlanks(flags({ pending: true }))).toBe('PENDING');
  });

  it('shows the normal state, which Flanks leaves unnamed, as Active', () => {
    expect(statusFromFlanks(flags({}))).toBe('ACTIVE');
  });

  it('maps an sca_token to Pending SCA and blocked to Blocked, Blocked winning over everything', () => {
    expect(statusFromFlanks(flags({ sca_token: 'tok' }))).toBe('PENDING_SCA');
    expect(statusFromFlanks(flags({ sca_token: 'tok', pending: true }))).toBe('PENDING_SCA');
    expect(statusFromFlanks(flags({ blocked: true, sca_token: 'tok', pending: true }))).toBe('BLOCKED');
  });

  it('keeps Pending SCA and Blocked credentials out of the daily refresh, so users are not locked out', () => {
    expect(refreshesDaily('PENDING_SCA')).toBe(false);
    expect(refreshesDaily('BLOCKED')).toBe(false);
    expect(refreshesDaily('ACTIVE')).toBe(true);
    expect(refreshesDaily('PENDING')).toBe(true);
    expect(mayRefresh('BLOCKED', 'DAILY')).toBe(false);
    expect(mayRefresh('PENDING_SCA', 'DAILY')).toBe(false);
    expect(mayRefresh('ACTIVE', 'DAILY')).toBe(true);
  });

  it('refreshes on creation, on SCA resolved and on Blocked resolved, each only from its own state', () => {
    expect(mayRefresh(null, 'CREATION')).toBe(true);
    expect(mayRefresh('ACTIVE', 'CREATION')).toBe(false);
    expect(mayRefresh('PENDING_SCA', 'SCA_RESOLVED')).toBe(true);
    expect(mayRefresh('BLOCKED', 'SCA_RESOLVED')).toBe(false);
    expect(mayRefresh('BLOCKED', 'RESET_RESOLVED')).toBe(true);
    expect(mayRefresh('ACTIVE', 'RESET_RESOLVED')).toBe(false);
  });

  it('offers no on-demand refresh', () => {
    for (const status of ['PENDING', 'ACTIVE', 'PENDING_SCA', 'BLOCKED'] as const) {
      expect(mayRefresh(status, 'ON_DEMAND')).toBe(false);
      expect(mayRefresh(status, 'MANUAL')).toBe(false);
    }
  });

  it('moves to Pending SCA on an SCA challenge, to Blocked on a rejected login, and nowhere on a transient error', () => {
    expect(statusAfterRefresh('ACTIVE', 'SCA_REQUIRED')).toBe('PENDING_SCA');
    expect(statusAfterRefresh('ACTIVE', 'INVALID_CREDENTIALS')).toBe('BLOCKED');
    expect(statusAfterRefresh('ACTIVE', 'INSTITUTION_ERROR')).toBe('ACTIVE');
    expect(statusAfterRefresh('PENDING', 'INSTITUTION_ERROR')).toBe('PENDING');
    expect(statusAfterRefresh('BLOCKED', 'SUCCESS')).toBe('ACTIVE');
  });

  it('unlocks Pending SCA with the SCA flow and Blocked with the Reset flow, and nothing else with either', () => {
    expect(unlockFlowFor('PENDING_SCA')).toBe('SCA');
    expect(unlockFlowFor('BLOCKED')).toBe('RESET');
    expect(unlockFlowFor('ACTIVE')).toBeNull();
    expect(unlockFlowFor('PENDING')).toBeNull();
  });

  it('names the trigger of an observed extraction from the status it left', () => {
    expect(triggerOfExtraction(null)).toBe('CREATION');
    expect(triggerOfExtraction('PENDING')).toBe('CREATION');
    expect(triggerOfExtraction('PENDING_SCA')).toBe('SCA_RESOLVED');
    expect(triggerOfExtraction('BLOCKED')).toBe('RESET_RESOLVED');
    expect(triggerOfExtraction('ACTIVE')).toBe('DAILY');
  });

  it('reads a failed attempt from the status it left behind', () => {
    expect(failureOutcomeFor('PENDING_SCA')).toBe('SCA_REQUIRED');
    expect(failureOutcomeFor('BLOCKED')).toBe('INVALID_CREDENTIALS');
    expect(failureOutcomeFor('ACTIVE')).toBeNull();
  });
});
