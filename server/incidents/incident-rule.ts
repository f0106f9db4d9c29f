import 'server-only';

/**
 * When an institution is failing rather than its users. The failure rate counts institution errors
 * only: SCA challenges and rejected passwords are each user's own matter and come in waves (SCA
 * cadences) that are not outages.
 */
export const INCIDENT_RULE = {
  baselineDays: 14,
  /** Fewer usable days before and the baseline is too thin to judge. */
  minBaselineDays: 7,
  sigmas: 3,
  /** Attempts on a day (and on a baseline day) below which its rate is chance, not signal. */
  minAttempts: 30,
  /**
   * The rate must also exceed the baseline by this much. A quiet fortnight can make the standard
   * deviation tiny; without this floor a normal wobble of a few points would open incidents.
   */
  minExcess: 0.2,
} as const;

export interface DayFailures {
  day: string;
  attempts: number;
  institutionErrors: number;
}

export type Assessment =
  | { verdict: 'UNKNOWN' }
  | { verdict: 'INCIDENT' | 'NORMAL'; failureRate: number; baselineRate: number; threshold: number };

const rateOf = (d: DayFailures) => d.institutionErrors / d.attempts;

/**
 * Compares one day's failure rate with the institution's own recent days (the caller leaves out
 * days of earlier incidents, so an outage does not become the baseline). The spread is at least what
 * chance alone gives at this day's volume (binomial), so a small institution is not flagged for noise.
 */
export function assessFailureRate(baseline: readonly DayFailures[], today: DayFailures, rule = INCIDENT_RULE): Assessment {
  const usable = baseline.filter((d) => d.attempts >= rule.minAttempts).slice(-rule.baselineDays);
  if (today.attempts < rule.minAttempts || usable.length < rule.minBaselineDays) return { verdict: 'UNKNOWN' };
  const rates = usable.map(rateOf);
  const mean = rates.reduce((sum, r) => sum + r, 0) / rates.length;
  const sampleSd = Math.sqrt(rates.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (rates.length - 1));
  const chanceSd = Math.sqrt((mean * (1 - mean)) / today.attempts);
  const threshold = Math.max(mean + rule.sigmas * Math.max(sampleSd, chanceSd), mean + rule.minExcess);
  const failureRate = rateOf(today);
  return { verdict: failureRate > threshold ? 'INCIDENT' : 'NORMAL', failureRate, baselineRate: mean, threshold };
}
