import { describe, expect, it } from 'vitest';
import { firstSendableAt, isQuietAt, quietHoursProblem } from './quiet-hours.ts';

const NIGHT = { start: '21:00', end: '08:00' };

describe('quiet hours', () => {
  it('are read on the recipient’s clock: 21:30 UTC is quiet in London, not yet in New York', () => {
    const at = new Date('2026-03-02T21:30:00Z');
    expect(isQuietAt(at, 'Europe/London', NIGHT)).toBe(true);
    expect(isQuietAt(at, 'America/New_York', NIGHT)).toBe(false);
  });

  it('defer an email sent at 23:00 in Madrid to 08:00 the next morning there', () => {
    expect(firstSendableAt(new Date('2026-01-14T22:00:00Z'), 'Europe/Madrid', NIGHT).toISOString()).toBe('2026-01-15T07:00:00.000Z');
  });

  it('defer an email due at 03:00 to 08:00 the same local day', () => {
    expect(firstSendableAt(new Date('2026-01-15T02:00:00Z'), 'Europe/Madrid', NIGHT).toISOString()).toBe('2026-01-15T07:00:00.000Z');
  });

  it('leave an email outside the window where it is', () => {
    const at = new Date('2026-01-15T11:00:00Z');
    expect(firstSendableAt(at, 'Europe/Madrid', NIGHT)).toEqual(at);
  });

  it('follow daylight saving: the night clocks go forward in Madrid, 08:00 is 06:00 UTC, not 07:00', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST.
    expect(firstSendableAt(new Date('2026-03-28T22:30:00Z'), 'Europe/Madrid', NIGHT).toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });

  it('follow daylight saving back: the night clocks go back in New York, 08:00 is 13:00 UTC', () => {
    // 1 November 2026: 02:00 EDT becomes 01:00 EST.
    expect(firstSendableAt(new Date('2026-11-01T03:00:00Z'), 'America/New_York', NIGHT).toISOString()).toBe('2026-11-01T13:00:00.000Z');
  });

  it('roll over the end of a month', () => {
    expect(firstSendableAt(new Date('2026-01-31T22:00:00Z'), 'Europe/Madrid', NIGHT).toISOString()).toBe('2026-02-01T07:00:00.000Z');
  });

  it('work within one day too (12:00–14:00)', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(firstSendableAt(new Date('2026-01-15T12:30:00Z'), 'UTC', lunch).toISOString()).toBe('2026-01-15T14:00:00.000Z');
    expect(isQuietAt(new Date('2026-01-15T14:00:00Z'), 'UTC', lunch)).toBe(false);
  });

  it('that leave no time to send, or are not times, are refused with a reason', () => {
    expect(quietHoursProblem({ start: '08:00', end: '08:00' })).toMatch(/no hour to send/);
    expect(quietHoursProblem({ start: '25:00', end: '08:00' })).toMatch(/HH:MM/);
    expect(quietHoursProblem(NIGHT)).toBeNull();
  });
});
