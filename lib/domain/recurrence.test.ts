import { describe, expect, it } from 'vitest';
import { isBreakage, isRecurringBreakage } from './recurrence.ts';

const at = new Date('2026-11-20T12:00:00Z');
const daysBefore = (days: number) => new Date(at.getTime() - days * 86_400_000);
const hoursBefore = (hours: number) => new Date(at.getTime() - hours * 3_600_000);

describe('a breakage', () => {
  it('is a working or new credential entering Pending SCA or Blocked, not a move between the two', () => {
    expect(isBreakage('ACTIVE', 'PENDING_SCA')).toBe(true);
    expect(isBreakage(null, 'BLOCKED')).toBe(true);
    expect(isBreakage('PENDING', 'BLOCKED')).toBe(true);
    expect(isBreakage('PENDING_SCA', 'BLOCKED')).toBe(false);
    expect(isBreakage('BLOCKED', 'ACTIVE')).toBe(false);
  });
});

describe('the recurring rule', () => {
  it('flags the third breakage within 90 days', () => {
    expect(isRecurringBreakage(at, { breakages: [daysBefore(80), daysBefore(30), at], completedLinks: [] })).toBe(true);
    expect(isRecurringBreakage(at, { breakages: [daysBefore(30), at], completedLinks: [] })).toBe(false);
  });

  it('does not count breakages older than 90 days', () => {
    expect(isRecurringBreakage(at, { breakages: [daysBefore(91), daysBefore(30), at], completedLinks: [] })).toBe(false);
  });

  it('flags a breakage within 48 hours of a completed link, however rare', () => {
    expect(isRecurringBreakage(at, { breakages: [at], completedLinks: [hoursBefore(47)] })).toBe(true);
    expect(isRecurringBreakage(at, { breakages: [at], completedLinks: [hoursBefore(49)] })).toBe(false);
  });
});
