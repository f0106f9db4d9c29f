import { describe, expect, it } from 'vitest';
import { freshnessBuckets } from './freshness-buckets.ts';

describe('data freshness buckets', () => {
  it('turns "older than" counts into disjoint buckets that add up to the total', () => {
    const buckets = freshnessBuckets(1000, { 24: 150, 36: 90, 72: 60, 168: 20 });
    expect(buckets.map((b) => [b.key, b.credentials])).toEqual([
      ['under24h', 850],
      ['under36h', 60],
      ['under72h', 30],
      ['under7d', 40],
      ['older', 20],
    ]);
    expect(buckets.reduce((sum, b) => sum + b.credentials, 0)).toBe(1000);
  });
});
