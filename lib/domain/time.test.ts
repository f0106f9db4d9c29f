import { describe, expect, it } from 'vitest';
import { DAY_MS, isCalendarDay, utcDay } from './time.ts';

describe('days', () => {
  it('names the UTC day of an instant, from a date or a timestamp', () => {
    expect(utcDay(new Date('2026-11-30T23:59:59.999Z'))).toBe('2026-11-30');
    expect(utcDay(Date.parse('2026-11-30T23:59:59.999Z') + 1)).toBe('2026-12-01');
    expect(utcDay(Date.parse('2026-12-01T00:00:00Z') - DAY_MS)).toBe('2026-11-30');
  });

  it('takes only days of the calendar, never one that Date.parse would roll over', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-1-01', '20260101', 'tomorrow']) expect(isCalendarDay(bad), bad).toBe(false);
  });
});
