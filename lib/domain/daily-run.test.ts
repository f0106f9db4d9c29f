import { describe, expect, it } from 'vitest';
import { DAILY_RUN_GRACE_MINUTES, dailyRunLateFrom, isDailyRunLate, usualDailyRunMinute } from './daily-run.ts';

const at = (iso: string) => new Date(iso);

describe('the daily run’s usual time', () => {
  it('is the median of the recent days’ first sightings, so one odd day does not move it', () => {
    const days = ['2026-11-24T06:05:00Z', '2026-11-25T06:00:00Z', '2026-11-26T13:40:00Z', '2026-11-27T06:10:00Z', '2026-11-28T05:55:00Z'].map(at);
    expect(usualDailyRunMinute(days)).toBe(6 * 60 + 5);
  });

  it('ignores days without a run, and is unknown with fewer than three runs to learn from', () => {
    expect(usualDailyRunMinute([at('2026-11-27T06:00:00Z'), null, at('2026-11-28T06:30:00Z'), null])).toBeNull();
    expect(usualDailyRunMinute([at('2026-11-26T06:00:00Z'), null, at('2026-11-27T06:20:00Z'), at('2026-11-28T06:40:00Z')])).toBe(6 * 60 + 20);
  });
});

describe('a late or missing daily run', () => {
  const usual = 6 * 60; // 06:00 UTC

  it('is late once the usual time plus the margin has passed with no run seen today', () => {
    expect(dailyRunLateFrom(usual, at('2026-12-01T01:00:00Z'))).toEqual(new Date(Date.UTC(2026, 11, 1, 6, DAILY_RUN_GRACE_MINUTES)));
    expect(isDailyRunLate(usual, null, at('2026-12-01T07:59:00Z'))).toBe(false);
    expect(isDailyRunLate(usual, null, at('2026-12-01T08:00:00Z'))).toBe(true);
  });

  it('is not late once today’s run has been seen, however late it came', () => {
    expect(isDailyRunLate(usual, at('2026-12-01T09:30:00Z'), at('2026-12-01T10:00:00Z'))).toBe(false);
  });

  it('is never late while the usual time is unknown (a new install)', () => {
    expect(isDailyRunLate(null, null, at('2026-12-01T23:00:00Z'))).toBe(false);
  });
});
