// Quiet hours: no email reaches an end user between, say, 21:00 and 08:00 on their own clock. Wall
// clock times are read in the recipient's IANA time zone, so daylight saving moves the instant, not the hour.
import { MINUTE_MS } from './time.ts';

export interface QuietHours {
  /** "HH:MM", local to the recipient. The window may cross midnight (21:00–08:00). */
  start: string;
  end: string;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

const minutesOf = (hhmm: string) => {
  const [, h, m] = HH_MM.exec(hhmm)!;
  return Number(h) * 60 + Number(m);
};

/** Why these quiet hours cannot be used, in words for an Admin; null when they can. */
export function quietHoursProblem(quiet: QuietHours): string | null {
  if (!HH_MM.test(quiet.start) || !HH_MM.test(quiet.end)) return 'Quiet hours are two times of day, HH:MM (24-hour clock).';
  if (quiet.start === quiet.end) return 'Quiet hours that start and end at the same time leave no hour to send in: set a window of less than 24 hours.';
  return null;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: Date, timeZone: string): WallClock {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, format);
  }
  const part = (type: string) => Number(format.formatToParts(at).find((p) => p.type === type)!.value);
  return { year: part('year'), month: part('month'), day: part('day'), minutes: part('hour') * 60 + part('minute') };
}

/** The instant the recipient's clock shows `minutes` past midnight on that local day (the first such, across a DST change). */
function instantAt(day: Omit<WallClock, 'minutes'>, minutes: number, timeZone: string): Date {
  const asUtc = Date.UTC(day.year, day.month - 1, day.day, 0, minutes);
  let guess = asUtc;
  // Two corrections settle the offset on both sides of a daylight-saving change.
  for (let i = 0; i < 2; i += 1) {
    const seen = wallClock(new Date(guess), timeZone);
    const seenUtc = Date.UTC(seen.year, seen.month - 1, seen.day, 0, seen.minutes);
    guess += asUtc - seenUtc;
  }
  return new Date(guess);
}

export function isQuietAt(at: Date, timeZone: string, quiet: QuietHours): boolean {
  const now = wallClock(at, timeZone).minutes;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** `at` itself when the recipient may be emailed then, else the end of their quiet hours. */
export function firstSendableAt(at: Date, timeZone: string, quiet: QuietHours): Date {
  if (!isQuietAt(at, timeZone, quiet)) return at;
  const local = wallClock(at, timeZone);
  const end = minutesOf(quiet.end);
  // Past midnight the window ends today; before midnight (21:00 onwards) it ends tomorrow.
  const endsToday = local.minutes < end;
  const day = endsToday ? local : { ...local, day: local.day + 1 }; // Date.UTC rolls day 32 into the next month
  const sendable = instantAt(day, end, timeZone);
  // A clock change can skip the end (no 02:30 on a spring-forward night): the instant found may sit a little inside the window.
  return sendable > at ? sendable : new Date(at.getTime() + MINUTE_MS);
}
