import { describe, expect, it } from 'vitest';
import { Random } from '@/server/flanks/simulator/random.ts';
import { assessFailureRate, type DayFailures } from './incident-rule.ts';

const day = (n: number, attempts: number, institutionErrors: number): DayFailures => ({ day: `2026-10-${String(n).padStart(2, '0')}`, attempts, institutionErrors });
const steady = (attempts: number, errors: number) => Array.from({ length: 14 }, (_, i) => day(i + 1, attempts, errors));

describe('the institution incident rule', () => {
  it('flags a day whose failure rate is far above the institution’s own fortnight', () => {
    const assessment = assessFailureRate(steady(200, 4), day(15, 200, 140));
    expect(assessment).toMatchObject({ verdict: 'INCIDENT', failureRate: 0.7 });
    expect(assessment.verdict !== 'UNKNOWN' && assessment.baselineRate).toBeCloseTo(0.02);
  });

  it('calls a day back at the baseline normal', () => {
    expect(assessFailureRate(steady(200, 4), day(15, 200, 5)).verdict).toBe('NORMAL');
  });

  it('does not judge a day with too few attempts, however bad', () => {
    expect(assessFailureRate(steady(200, 4), day(15, 5, 5)).verdict).toBe('UNKNOWN');
  });

  it('does not judge without enough baseline days', () => {
    expect(assessFailureRate(steady(200, 4).slice(0, 3), day(15, 200, 150)).verdict).toBe('UNKNOWN');
  });

  it('does not flag a wobble of a few points after a suspiciously quiet fortnight', () => {
    expect(assessFailureRate(steady(40, 0), day(15, 40, 3)).verdict).toBe('NORMAL');
  });

  it('stays quiet through a year of ordinary binomial noise at every volume and rate', () => {
    const random = new Random('noise');
    let incidents = 0;
    for (const [attempts, rate] of [[30, 0.04], [60, 0.035], [200, 0.02], [2000, 0.01], [40, 0.1]] as const) {
      const days: DayFailures[] = [];
      for (let d = 0; d < 365; d++) {
        let errors = 0;
        for (let a = 0; a < attempts; a++) if (random.chance(rate)) errors++;
        const today = day((d % 28) + 1, attempts, errors);
        if (assessFailureRate(days, today).verdict === 'INCIDENT') incidents++;
        days.push(today);
      }
    }
    expect(incidents).toBe(0);
  });
});
