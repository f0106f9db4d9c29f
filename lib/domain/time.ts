// Days, durations and how people read them, one definition each. CredOps keeps days in UTC:
// rollups, incidents, the daily run and the analytics ranges all cut the day at UTC midnight.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The UTC day of an instant, as YYYY-MM-DD. */
export const utcDay = (at: Date | number): string => new Date(at).toISOString().slice(0, 10);

/** Whether `day` (YYYY-MM-DD) is a day of the calendar: 2026-02-30 is not, though Date.parse rolls it into March. */
export const isCalendarDay = (day: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day)) && utcDay(Date.parse(day)) === day;

/** A day a date filter can apply: on the calendar and not a year still being typed (0002, 0020, 0202 on the way to 2026). */
export const isFilterableDay = (day: string): boolean => isCalendarDay(day) && Number(day.slice(0, 4)) >= 1970;

// How CredOps shows a time: a day in a sentence (staff and end users alike), the exact minute in UTC
// for staff, and relative times and ages on the staff pages.

/** "8 December 2026": the day, in UTC, as a sentence names it. */
export const formatDay = (at: Date): string => at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', DAY_MS],
  ['hour', HOUR_MS],
  ['minute', MINUTE_MS],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 hours ago", "yesterday"; "just now" under a minute. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const diff = Date.parse(iso) - now.getTime();
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return 'just now';
}

/** Exact time in UTC, for hover text: "2026-11-25 14:03 UTC". */
export function formatExactUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * Exact time in the viewer's zone, in the same shape as the UTC one: "2026-11-25 06:03 PST". `timeZone`
 * is an IANA name (the browser's); UTC, or a zone the runtime does not know, gives formatExactUtc.
 */
export function formatExact(iso: string, timeZone: string): string {
  if (timeZone === 'UTC') return formatExactUtc(iso);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).formatToParts(new Date(iso));
  } catch {
    return formatExactUtc(iso);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

/** "5 d 3 h", "7 h", "12 min": how old the data is. */
export function formatAge(fromIso: string, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / MINUTE_MS));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
