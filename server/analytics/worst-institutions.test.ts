import { describe, expect, it } from 'vitest';
import { rankWorstInstitutions } from './worst-institutions.ts';

const totals = (institutionId: string, attempts: number, success: number) => ({ institutionId, institutionName: institutionId, attempts, success });

describe('the worst institutions ranking', () => {
  it('never lets a tiny institution with one failure of one top the list', () => {
    const ranked = rankWorstInstitutions([totals('tiny', 1, 0), totals('big', 1000, 900), totals('fine', 500, 495)], 50);
    expect(ranked.map((r) => r.institutionId)).toEqual(['big', 'fine']);
  });

  it('puts the lowest success rate first, with the rate as a percentage', () => {
    const ranked = rankWorstInstitutions([totals('a', 100, 99), totals('b', 100, 80), totals('c', 200, 190)], 50);
    expect(ranked.map((r) => [r.institutionId, r.successRate])).toEqual([['b', 80], ['c', 95], ['a', 99]]);
  });

  it('breaks a tie in favour of the bigger volume and keeps only the first few', () => {
    const ranked = rankWorstInstitutions([totals('small', 100, 90), totals('large', 1000, 900), totals('x', 100, 99)], 50, 2);
    expect(ranked.map((r) => r.institutionId)).toEqual(['large', 'small']);
  });
});
