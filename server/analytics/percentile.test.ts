import { describe, expect, it } from 'vitest';
import { percentile } from './percentile.ts';

describe('percentile', () => {
  it('has no answer without values', () => expect(percentile([], 50)).toBeNull());
  it('takes the middle value as the median of an odd count, in any order', () => expect(percentile([9, 1, 5], 50)).toBe(5));
  it('interpolates between the two middle values of an even count', () => expect(percentile([1, 2, 3, 4], 50)).toBe(2.5));
  it('reads p90 near the top', () => expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10));
});
