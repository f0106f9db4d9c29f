import { Time } from '@/components/ui/time.tsx';
import { formatRelative } from '@/lib/domain/time.ts';

export interface SyncIndicatorProps {
  source: string;
  lastSyncedAt: string | null;
  lastError: string | null;
  degraded: boolean;
}

const SOURCE_LABEL: Record<string, string> = { flanks: 'Flanks', simulator: 'the simulated Flanks' };

/** "Synced 2 minutes ago" in the header, and a banner when syncing fails or falls behind. */
export function SyncStatusLine({ source, lastSyncedAt }: SyncIndicatorProps) {
  return (
    <span className="text-xs text-slate-500" data-testid="last-synced">
      {lastSyncedAt ? (
        <>Synced with {SOURCE_LABEL[source] ?? source} <Time iso={lastSyncedAt} /></>
      ) : (
        <>Not synced with {SOURCE_LABEL[source] ?? source} yet</>
      )}
    </span>
  );
}

export function SyncBanner({ source, lastSyncedAt, lastError, degraded }: SyncIndicatorProps) {
  if (!degraded) return null;
  return (
    <div className="border-b border-amber-300 bg-amber-50 px-6 py-2 text-sm text-amber-950" data-testid="sync-banner">
      <strong>Sync with {SOURCE_LABEL[source] ?? source} is not keeping up.</strong>{' '}
      {lastSyncedAt ? `The data shown is from ${formatRelative(lastSyncedAt)}.` : 'No sync has completed yet.'}
      {lastError && <> Last error: {lastError}</>}
    </div>
  );
}
