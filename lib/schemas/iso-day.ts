import { z } from 'zod';
import { isCalendarDay } from '@/lib/domain/time.ts';

/** A day parameter, YYYY-MM-DD, one rule everywhere: a day the calendar has (2026-02-30 is refused, not read as 2 March). */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date as YYYY-MM-DD')
  .refine(isCalendarDay, 'is not a real date');
