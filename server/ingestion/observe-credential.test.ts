import { describe, expect, it } from 'vitest';
import type { FlanksCredentialStatus } from '@/server/flanks/flanks-client.ts';
import { observeCredential, type KnownCredential } from './observe-credential.ts';

const created = new Date('2026-11-01T10:00:00Z');
const at = (iso: string) => new Date(iso);
const secs = (iso: string) => Date.parse(iso) / 1000;

const flanks = (over: Partial<FlanksCredentialStatus> = {}): FlanksCredentialStatus => ({
  pending: false,
  blocked: false,
  reset_token: null,
  sca_token: null,
  name: 'bbva_es',
  last_update_timestamp: secs('2026-11-20T03:00:00Z'),
  created_at_timestamp: created.getTime() / 1000,
  errored: null,
  ...over,
});

const active: KnownCredential = { status: 'ACTIVE', statusChangedAt: created, createdAt: created, lastUpdatedAt: at('2026-11-20T03:00:00Z'), lastAttemptAt: at('2026-11-20T03:00:00Z') };

describe('observing a credential', () => {
  it('gives a change without new data the same key whichever poller sees it, whenever', () => {
    const blocked = flanks({ blocked: true, reset_token: 'r' });
    const first = observeCredential(active, blocked, at('2026-11-22T06:00:00.000Z'));
    const second = observeCredential(active, blocked, at('2026-11-22T06:00:00.007Z'));
    expect(first.refresh?.outcome).toBe('INVALID_CREDENTIALS');
    expect(second.refresh?.attemptKey).toBe(first.refresh?.attemptKey);
    const later = observeCredential({ ...active, statusChangedAt: at('2026-11-21T09:00:00Z') }, blocked, at('2026-11-22T06:00:00Z'));
    expect(later.refresh?.attemptKey).not.toBe(first.refresh?.attemptKey);
  });

  it('records a successful daily extraction when the update time moves forward', () => {
    const o = observeCredential(active, flanks({ last_update_timestamp: secs('2026-11-21T03:00:00Z') }), at('2026-11-21T06:00:00Z'));
    expect(o.statusChange).toBeNull();
    expect(o.refresh).toMatchObject({ outcome: 'SUCCESS', trigger: 'DAILY', attemptAt: at('2026-11-21T03:00:00Z') });
    expect(o.lastUpdatedAt).toEqual(at('2026-11-21T03:00:00Z'));
  });

  it('records nothing when polled again in the same state (idempotent ingestion)', () => {
    const o = observeCredential(active, flanks(), at('2026-11-20T09:00:00Z'));
    expect(o.statusChange).toBeNull();
    expect(o.refresh).toBeNull();
  });

  it('records an SCA challenge as a failed attempt and a status change to Pending SCA', () => {
    const o = observeCredential(active, flanks({ sca_token: 'sca' }), at('2026-11-21T06:00:00Z'));
    expect(o.statusChange).toEqual({ from: 'ACTIVE', to: 'PENDING_SCA' });
    expect(o.refresh).toMatchObject({ outcome: 'SCA_REQUIRED', trigger: 'DAILY' });
    expect(o.lastUpdatedAt).toEqual(active.lastUpdatedAt); // the old data stays available
  });

  it('records a rejected login right after an SCA was resolved as invalid credentials', () => {
    const o = observeCredential({ ...active, status: 'PENDING_SCA' }, flanks({ blocked: true, reset_token: 'r' }), at('2026-11-22T06:00:00Z'));
    expect(o.statusChange).toEqual({ from: 'PENDING_SCA', to: 'BLOCKED' });
    expect(o.refresh).toMatchObject({ outcome: 'INVALID_CREDENTIALS', trigger: 'SCA_RESOLVED' });
  });

  it('records a resolved Blocked credential as a Reset-triggered successful refresh', () => {
    const o = observeCredential({ ...active, status: 'BLOCKED' }, flanks({ last_update_timestamp: secs('2026-11-22T15:00:00Z') }), at('2026-11-22T16:00:00Z'));
    expect(o.statusChange).toEqual({ from: 'BLOCKED', to: 'ACTIVE' });
    expect(o.refresh).toMatchObject({ outcome: 'SUCCESS', trigger: 'RESET_RESOLVED' });
  });

  it('infers one transient institution error per day when an Active credential missed its daily refresh', () => {
    const now = at('2026-11-21T06:00:00Z');
    const o = observeCredential(active, flanks(), now);
    expect(o.refresh).toMatchObject({ outcome: 'INSTITUTION_ERROR', attemptKey: 'missed:2026-11-21' });
    const again = observeCredential({ ...active, lastAttemptAt: now }, flanks(), at('2026-11-21T09:00:00Z'));
    expect(again.refresh).toBeNull();
  });

  it('does not call a Blocked credential late: it is not refreshed daily', () => {
    const o = observeCredential({ ...active, status: 'BLOCKED' }, flanks({ blocked: true }), at('2026-11-24T06:00:00Z'));
    expect(o.refresh).toBeNull();
  });

  it('flags partial data on an Active credential with an errored flag, under either nesting key', () => {
    const errored = { product: { card: false }, transaction: { account: true } } as unknown as FlanksCredentialStatus['errored'];
    const o = observeCredential(active, flanks({ last_update_timestamp: secs('2026-11-21T03:00:00Z'), errored }), at('2026-11-21T06:00:00Z'));
    expect(o.partialData).toBe(true);
    expect(o.refresh?.errored).not.toBeNull();
  });

  it('records the creation load of a credential first seen shortly after it was created', () => {
    const o = observeCredential(null, flanks({ last_update_timestamp: secs('2026-11-01T10:30:00Z') }), at('2026-11-01T12:00:00Z'));
    expect(o.statusChange).toEqual({ from: null, to: 'ACTIVE' });
    expect(o.refresh).toMatchObject({ outcome: 'SUCCESS', trigger: 'CREATION' });
  });
});
