import { describe, expect, it } from 'vitest';
import { dataAgeMs, isStale } from './staleness.ts';

const now = new Date('2026-11-25T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe('staleness', () => {
  it('calls an Active credential stale once its data is older than the threshold', () => {
    expect(isStale({ status: 'ACTIVE', lastUpdatedAt: hoursAgo(37), createdAt: hoursAgo(500) }, now, 36)).toBe(true);
    expect(isStale({ status: 'ACTIVE', lastUpdatedAt: hoursAgo(35), createdAt: hoursAgo(500) }, now, 36)).toBe(false);
  });

  it('never calls Pending SCA or Blocked stale: they are broken, not late', () => {
    expect(isStale({ status: 'BLOCKED', lastUpdatedAt: hoursAgo(500), createdAt: hoursAgo(900) }, now, 36)).toBe(false);
    expect(isStale({ status: 'PENDING_SCA', lastUpdatedAt: hoursAgo(500), createdAt: hoursAgo(900) }, now, 36)).toBe(false);
  });

  it('measures a credential that never received data from its creation', () => {
    expect(dataAgeMs({ status: 'ACTIVE', lastUpdatedAt: null, createdAt: hoursAgo(2) }, now)).toBe(2 * 3_600_000);
    expect(isStale({ status: 'PENDING', lastUpdatedAt: null, createdAt: hoursAgo(40) }, now, 36)).toBe(true);
  });
});
