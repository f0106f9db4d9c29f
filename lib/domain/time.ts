// Days and durations, one definition each. CredOps keeps days in UTC: rollups, incidents, the daily
// run and the analytics ranges all cut the day at UTC midnight.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The UTC day of an instant, as YYYY-MM-DD. */
export const utcDay = (at: Date | number): string => new Date(at).toISOString().slice(0, 10);

/** Whether `day` (YYYY-MM-DD) is a day of the calendar: 2026-02-30 is not, though Date.parse rolls it into March. */
export const isCalendarDay = (day: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day)) && utcDay(Date.parse(day)) === day;
