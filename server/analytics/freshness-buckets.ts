import 'server-only';
import { FRESHNESS_BUCKETS, type FreshnessBucket } from '@/lib/schemas/analytics.ts';

/**
 * Splits `total` into the freshness buckets from cumulative counts of credentials whose data is older
 * than each bucket's lower bound. Counting the old side only keeps the query on the small end of the
 * dataAsOf index: most credentials refreshed within a day, and those come from the counters' total.
 */
export function freshnessBuckets(total: number, olderThanHours: Record<number, number>): FreshnessBucket[] {
  return FRESHNESS_BUCKETS.map((bucket, i) => {
    const olderThanThis = bucket.olderThanHours === 0 ? total : olderThanHours[bucket.olderThanHours];
    const next = FRESHNESS_BUCKETS[i + 1];
    const olderThanNext = next ? olderThanHours[next.olderThanHours] : 0;
    return { key: bucket.key, label: bucket.label, credentials: Math.max(0, olderThanThis - olderThanNext) };
  });
}
