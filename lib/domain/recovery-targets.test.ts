import { describe, expect, it } from 'vitest';
import { agingBucket, agingFrom, DEFAULT_RECOVERY_TARGETS, isOverTarget, recoveredWithinTarget } from './recovery-targets.ts';
import { DAY_MS, HOUR_MS } from './time.ts';

const now = new Date('2026-12-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('recovery targets', () => {
  it('puts a Blocked credential over target once it has waited longer than the Blocked target', () => {
    expect(isOverTarget('BLOCKED', ago(3 * DAY_MS - HOUR_MS), DEFAULT_RECOVERY_TARGETS, now)).toBe(false);
    expect(isOverTarget('BLOCKED', ago(3 * DAY_MS + HOUR_MS), DEFAULT_RECOVERY_TARGETS, now)).toBe(true);
  });

  it('measures each status against its own target', () => {
    expect(isOverTarget('PENDING_SCA', ago(4 * DAY_MS), DEFAULT_RECOVERY_TARGETS, now)).toBe(false);
    expect(isOverTarget('PENDING_SCA', ago(4 * DAY_MS), { BLOCKED: 3, PENDING_SCA: 2 }, now)).toBe(true);
  });

  it('never puts an Active or Pending credential over target, however long ago it changed', () => {
    expect(isOverTarget('ACTIVE', ago(400 * DAY_MS), DEFAULT_RECOVERY_TARGETS, now)).toBe(false);
    expect(isOverTarget('PENDING', ago(400 * DAY_MS), DEFAULT_RECOVERY_TARGETS, now)).toBe(false);
  });
});

describe('aging buckets', () => {
  it('reads a backlog as under three days, up to a week, and more', () => {
    expect(agingBucket(ago(2 * DAY_MS + 23 * HOUR_MS), now)).toBe('0–2 d');
    expect(agingBucket(ago(3 * DAY_MS), now)).toBe('3–7 d');
    expect(agingBucket(ago(7 * DAY_MS + 23 * HOUR_MS), now)).toBe('3–7 d');
    expect(agingBucket(ago(8 * DAY_MS), now)).toBe('> 7 d');
  });

  it('is the total less the recent ones: 40 Blocked, 5 since 3 days ago, 12 since 8 days ago', () => {
    expect(agingFrom(40, 5, 12)).toEqual({ '0–2 d': 5, '3–7 d': 7, '> 7 d': 28 });
  });
});

describe('a recovery within target', () => {
  it('left its status no later than its target', () => {
    const targets = { BLOCKED: 3, PENDING_SCA: 5 };
    expect(recoveredWithinTarget('BLOCKED', 3 * 86_400, targets)).toBe(true);
    expect(recoveredWithinTarget('BLOCKED', 3 * 86_400 + 1, targets)).toBe(false);
    expect(recoveredWithinTarget('PENDING_SCA', 4 * 86_400, targets)).toBe(true);
  });
});
