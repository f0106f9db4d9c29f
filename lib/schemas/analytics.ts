import { z } from 'zod';
import { isoDay } from './iso-day.ts';
import { NO_CONTROL_CHARACTERS, noControlCharacters } from './no-control-characters.ts';
import type { LinkFlow } from '@/lib/domain/credential-status.ts';
import { DAY_MS, utcDay } from '@/lib/domain/time.ts';

/** The longest range a chart answers: a year of daily rollups is still a few thousand rows. */
export const MAX_RANGE_DAYS = 366;
export const RANGE_PRESETS = [7, 30, 90] as const;
export const DEFAULT_RANGE_DAYS = 30;


/** Accepts a repeated parameter or a comma list; drops empties. */
const institutionList = z
  .preprocess((v) => {
    const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
    return values.flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);
  }, z.array(z.string().max(100).refine(noControlCharacters, NO_CONTROL_CHARACTERS)).max(50, 'at most 50 institutions'))
  .default([]);

export const analyticsRangeSchema = z
  .object({ from: isoDay.optional(), to: isoDay.optional(), institution: institutionList })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'from must not be after to', path: ['from'] })
  .refine((r) => !r.from || !r.to || (Date.parse(r.to) - Date.parse(r.from)) / DAY_MS < MAX_RANGE_DAYS, {
    message: `the range may span at most ${MAX_RANGE_DAYS} days`,
    path: ['from'],
  });

export type AnalyticsRange = Partial<z.infer<typeof analyticsRangeSchema>>;

/** A range with its defaults filled in: both ends as UTC days, inclusive. */
export interface ResolvedRange {
  from: string;
  to: string;
  institutions: string[];
}


/** Fills in the defaults: `to` is today, `from` 30 days before `to` (or before a lone `from`'s default `to`). */
export function resolveRange(range: AnalyticsRange, now: Date): ResolvedRange {
  const to = range.to ?? utcDay(now.getTime());
  const from = range.from ?? utcDay(Date.parse(to) - (DEFAULT_RANGE_DAYS - 1) * DAY_MS);
  return { from, to, institutions: [...new Set(range.institution ?? [])].sort() };
}

export interface DailyOutcomes {
  day: string;
  success: number;
  scaRequired: number;
  invalidCredentials: number;
  institutionError: number;
  /** Successes over all attempts, 0–100, or null on a day without attempts. */
  successRate: number | null;
}

export interface IncidentMarker {
  id: number;
  institutionId: string;
  institutionName: string;
  day: string;
  /** Institution errors over attempts that day, 0–100. */
  failureRate: number;
  baselineRate: number;
  acknowledgedAt: string | null;
  closedAt: string | null;
}

export interface StatusDistributionDay {
  day: string;
  pending: number;
  active: number;
  pendingSca: number;
  blocked: number;
}

export interface InstitutionSuccess {
  institutionId: string;
  institutionName: string;
  attempts: number;
  success: number;
  /** 0–100 with one decimal. */
  successRate: number;
}

export interface WorstInstitutions {
  /** Institutions with fewer attempts in the range are left out, so 1 failure of 1 cannot top the list. */
  minAttempts: number;
  items: InstitutionSuccess[];
}

export const FRESHNESS_BUCKETS = [
  { key: 'under24h', label: 'Under 24 h', olderThanHours: 0 },
  { key: 'under36h', label: '24–36 h', olderThanHours: 24 },
  { key: 'under72h', label: '36–72 h', olderThanHours: 36 },
  { key: 'under7d', label: '72 h–7 d', olderThanHours: 72 },
  { key: 'older', label: 'Over 7 d', olderThanHours: 168 },
] as const;

export interface FreshnessBucket {
  key: (typeof FRESHNESS_BUCKETS)[number]['key'];
  label: string;
  credentials: number;
}

export interface DataFreshness {
  asOf: string;
  buckets: FreshnessBucket[];
}

export interface RecoveryFunnel {
  flow: LinkFlow;
  sent: number;
  opened: number;
  completed: number;
  refreshed: number;
  /** The refreshed links by how many reminders went out before the end user acted. */
  refreshedByReminders: { none: number; one: number; more: number };
  /** From the first send to the first successful refresh after completion; null when none recovered. */
  medianHoursToRecover: number | null;
  p90HoursToRecover: number | null;
}

/** Recoveries (Blocked or Pending SCA to working) in a range, and how many came within their status's target. */
export interface RecoveryTimeRow {
  /** An institution's or owner's id; null for unowned, or for the overall row. */
  id: string | null;
  name: string;
  recovered: number;
  withinTarget: number;
  /** Average time in the broken status before recovering, in hours. */
  averageHours: number;
}

export interface RecoveryTimes {
  targets: { BLOCKED: number; PENDING_SCA: number };
  overall: RecoveryTimeRow;
  byInstitution: RecoveryTimeRow[];
  byOwner: RecoveryTimeRow[];
}
