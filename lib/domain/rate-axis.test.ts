import { describe, expect, it } from 'vitest';
import { rateAxis } from './rate-axis.ts';

describe('the success-rate axis', () => {
  it('starts near the data when every day is between 95 and 98 %, so a dip is visible', () => {
    expect(rateAxis([95.2, 97.8, 98, 96.1])).toEqual({ domain: [90, 100], truncated: true });
  });

  it('keeps a margin under the lowest rate rather than drawing it on the floor', () => {
    expect(rateAxis([91, 99]).domain[0]).toBe(85);
    expect(rateAxis([100, 100]).domain).toEqual([95, 100]);
  });

  it('starts at 0 when rates spread widely, where a cut would exaggerate', () => {
    expect(rateAxis([40, 99])).toEqual({ domain: [0, 100], truncated: false });
  });

  it('starts at 0 with no rate to show, and ignores days without attempts', () => {
    expect(rateAxis([])).toEqual({ domain: [0, 100], truncated: false });
    expect(rateAxis([null, 97, null])).toEqual({ domain: [95, 100], truncated: true });
  });
});
