import { z } from 'zod';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date as YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date');

export const analyticsRangeSchema = z
  .object({ from: isoDay.optional(), to: isoDay.optional(), institution: z.string().max(100).optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'from must not be after to', path: ['from'] });

export type AnalyticsRange = z.infer<typeof analyticsRangeSchema>;

export interface DailyOutcomes {
  day: string;
  success: number;
  scaRequired: number;
  invalidCredentials: number;
  institutionError: number;
  /** Successes over all attempts, 0–100, or null on a day without attempts. */
  successRate: number | null;
}
