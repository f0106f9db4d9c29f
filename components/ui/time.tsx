'use client';

import { useSyncExternalStore } from 'react';
import { formatAge, formatExact, formatExactUtc, formatRelative } from '@/lib/domain/time.ts';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const noChanges = () => () => {};

/** The viewer's time zone; 'UTC' while rendering on the server, so the first paint and hydration agree. */
export function useTimeZone(): string {
  return useSyncExternalStore(noChanges, browserZone, () => 'UTC');
}

/**
 * A moment as staff read it: relative ("3 hours ago"), exact in their own zone, or an age ("5 d 3 h").
 * The hover text always has both the local and the UTC time, which is what Flanks and the logs use.
 */
export function Time({ iso, display = 'relative', className }: { iso: string; display?: 'relative' | 'exact' | 'age'; className?: string }) {
  const zone = useTimeZone();
  const local = formatExact(iso, zone);
  const utc = formatExactUtc(iso);
  const text = display === 'exact' ? local : display === 'age' ? formatAge(iso) : formatRelative(iso);
  return (
    <time dateTime={iso} title={local === utc ? utc : `${local} · ${utc}`} className={className}>
      {text}
    </time>
  );
}
