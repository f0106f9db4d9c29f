import { describe, expect, it } from 'vitest';
import { DAY_MS, formatExact, formatExactUtc, isCalendarDay, isFilterableDay, utcDay } from './time.ts';

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

describe('a day typed into a date filter', () => {
  it('is applied once its year is whole, never at the years typing passes through', () => {
    for (const partial of ['0002-03-15', '0020-03-15', '0202-03-15']) expect(isFilterableDay(partial), partial).toBe(false);
    expect(isFilterableDay('2026-03-15')).toBe(true);
  });

  it('is not applied while it is not a day of the calendar', () => {
    expect(isFilterableDay('2026-02-30')).toBe(false);
    expect(isFilterableDay('')).toBe(false);
  });
});

describe('exact times', () => {
  const iso = '2026-11-25T14:03:27.000Z';

  it('shows a staff member in Los Angeles their own clock, in the shape the UTC time has', () => {
    expect(formatExact(iso, 'America/Los_Angeles')).toBe('2026-11-25 06:03 PST');
    expect(formatExact('2026-07-01T14:03:00.000Z', 'America/Los_Angeles')).toBe('2026-07-01 07:03 PDT');
  });

  it('moves the day with the zone, not only the hour', () => {
    expect(formatExact('2026-11-25T23:30:00.000Z', 'Asia/Tokyo')).toBe('2026-11-26 08:30 GMT+9');
  });

  it('falls back to UTC for UTC itself and for a zone it does not know', () => {
    expect(formatExact(iso, 'UTC')).toBe(formatExactUtc(iso));
    expect(formatExact(iso, 'Mars/Olympus_Mons')).toBe('2026-11-25 14:03 UTC');
  });
});
