import 'server-only';
import type { InstitutionSuccess } from '@/lib/schemas/analytics.ts';

/** Fewer attempts than this over the range and an institution's rate says more about chance than about it. */
export const MIN_ATTEMPTS_TO_RANK = 50;
export const WORST_INSTITUTIONS_SHOWN = 10;

export interface InstitutionTotals {
  institutionId: string;
  institutionName: string;
  attempts: number;
  success: number;
}

/** Lowest success rate first; ties go to the bigger volume (more people affected), then by name. */
export function rankWorstInstitutions(
  totals: InstitutionTotals[],
  minAttempts = MIN_ATTEMPTS_TO_RANK,
  limit = WORST_INSTITUTIONS_SHOWN,
): InstitutionSuccess[] {
  return totals
    .filter((t) => t.attempts >= minAttempts)
    .map((t) => ({ ...t, successRate: Math.round((t.success / t.attempts) * 1000) / 10 }))
    .sort((a, b) => a.successRate - b.successRate || b.attempts - a.attempts || a.institutionName.localeCompare(b.institutionName))
    .slice(0, limit);
}
