import 'server-only';
import { MINUTE_MS } from '@/lib/domain/time.ts';
import type { Db } from '@/server/db/client.ts';
import { activeFlanksSourceName } from '@/server/flanks/flanks-source.ts';
import { getNotificationSettings } from '@/server/settings/get-notification-settings.ts';
import { raiseAlert } from './raise-alert.ts';

/**
 * Alerts Operations once when no sync has completed for longer than the Admin's threshold: once per
 * outage, keyed by the last completed sync, so the alert repeats only after syncing recovered and failed again.
 */
export async function watchSync(db: Db, now: Date = new Date()): Promise<{ alerted: boolean }> {
  const source = activeFlanksSourceName();
  const [state, settings] = [await db.syncState.findUnique({ where: { id: source } }), await getNotificationSettings(db)];
  // Never synced: nothing has ever worked to fall behind (a new install starts here).
  if (!state?.lastCompletedAt) return { alerted: false };
  const minutes = Math.floor((now.getTime() - state.lastCompletedAt.getTime()) / MINUTE_MS);
  if (minutes < settings.syncAlertMinutes) return { alerted: false };
  await raiseAlert(db, {
    event: 'sync.failing',
    key: `sync.failing:${source}:${state.lastCompletedAt.toISOString()}`,
    text: `No sync with ${source} has completed for ${minutes} minutes${state.lastError ? ` (last error: ${state.lastError})` : ''}: credential data is getting old.`,
    data: { source, lastCompletedAt: state.lastCompletedAt.toISOString(), minutes, lastError: state.lastError, consecutiveFailures: state.consecutiveFailures },
  }, now);
  return { alerted: true };
}
