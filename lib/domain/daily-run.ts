// Whether Flanks' daily refresh looks late or missing today, inferred from when credentials' data
// normally moves: the time of day the first daily refresh was seen on each recent day. Flanks
// publishes no schedule, so the usual time is learned, and a day without it after the usual time
// plus a margin is late. Times are UTC minutes of the day; a run that straddles midnight from one
// day to the next would read as two different times, which Flanks' early-morning run does not.
import { DAY_MS, MINUTE_MS } from './time.ts';

/** Days of history the usual time is learned from, and how many must have had a run to trust it. */
export const DAILY_RUN_HISTORY_DAYS = 7;
export const DAILY_RUN_MIN_DAYS = 3;
/** How long past its usual time a run may be before Operations hear of it. */
export const DAILY_RUN_GRACE_MINUTES = 120;

const minuteOfDay = (at: Date) => Math.floor((at.getTime() % DAY_MS) / MINUTE_MS);

/** The usual minute of the day the daily run is first seen: the median of the recent days that had one; null without enough of them. */
export function usualDailyRunMinute(firstSeen: readonly (Date | null)[]): number | null {
  const minutes = firstSeen.flatMap((at) => (at ? [minuteOfDay(at)] : [])).sort((a, b) => a - b);
  if (minutes.length < DAILY_RUN_MIN_DAYS) return null;
  const middle = Math.floor(minutes.length / 2);
  return minutes.length % 2 ? minutes[middle] : Math.round((minutes[middle - 1] + minutes[middle]) / 2);
}

/** When today's run is late from: its usual time plus the margin (null when the usual time is unknown). */
export function dailyRunLateFrom(usualMinute: number | null, now: Date): Date | null {
  if (usualMinute === null) return null;
  const dayStart = now.getTime() - (now.getTime() % DAY_MS);
  return new Date(dayStart + (usualMinute + DAILY_RUN_GRACE_MINUTES) * MINUTE_MS);
}

/** Late: past the late-from time with no run seen today. */
export function isDailyRunLate(usualMinute: number | null, seenToday: Date | null, now: Date): boolean {
  const lateFrom = dailyRunLateFrom(usualMinute, now);
  return lateFrom !== null && seenToday === null && now >= lateFrom;
}
