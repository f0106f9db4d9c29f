import 'server-only';

/** Successes over attempts as a percentage with one decimal; null when nothing was attempted. */
export function successRate(counts: { success: number; scaRequired: number; invalidCredentials: number; institutionError: number }): number | null {
  const attempts = counts.success + counts.scaRequired + counts.invalidCredentials + counts.institutionError;
  return attempts === 0 ? null : Math.round((counts.success / attempts) * 1000) / 10;
}
