// Where a success-rate axis starts. Rates of 95–98 % drawn from 0 are one flat line; drawn from 90 %
// they show the dip people need to see. The cut is always stated beside the chart.

export interface RateAxis {
  domain: [number, number];
  /** The axis does not start at 0: say so where the chart is read. */
  truncated: boolean;
}

/**
 * From a multiple of 5 at least 2 points below the lowest rate, up to 100 %; from 0 when the rates
 * spread over more than half the scale, where a cut would exaggerate rather than reveal.
 */
export function rateAxis(rates: readonly (number | null)[]): RateAxis {
  const known = rates.filter((r): r is number => r !== null && Number.isFinite(r));
  if (!known.length) return { domain: [0, 100], truncated: false };
  const lowest = Math.min(...known);
  const start = Math.max(0, Math.floor((lowest - 2) / 5) * 5);
  return start < 50 ? { domain: [0, 100], truncated: false } : { domain: [start, 100], truncated: true };
}
