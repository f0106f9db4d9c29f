import { describe, expect, it } from 'vitest';
import { isPermanentFailure, retryDelayMs } from './delivery-retries.ts';

describe('delivery retries', () => {
  it('back off exponentially from 30 s to at most an hour, jittered by ±25%', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, middle))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, middle)).toBe(3_600_000);
    expect(retryDelayMs(1, () => 0)).toBe(22_500);
    expect(retryDelayMs(1, () => 1)).toBe(37_500);
  });

  it('stop only for SMTP 5xx answers; 4xx and network errors are retried', () => {
    expect(isPermanentFailure(550)).toBe(true);
    expect(isPermanentFailure(421)).toBe(false);
    expect(isPermanentFailure(undefined)).toBe(false);
  });
});
