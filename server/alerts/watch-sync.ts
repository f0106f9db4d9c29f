import 'server-only';
import { HOUR_MS, MINUTE_MS } from '@/lib/domain/time.ts';
import type { Db } from '@/server/db/client.ts';
import { activeFlanksSourceName } from '@/server/flanks/flanks-source.ts';
import { getNotificationSettings } from '@/server/settings/get-notification-settings.ts';
import { raiseAlert } from './raise-alert.ts';

/**
 * Alerts Operations when the data stops flowing or the fleet breaks fast: once per outage when no
 * sync has completed for longer than the Admin's threshold (keyed by the last completed sync, so it
 * repeats only after syncing recovered and failed again), and once per clock hour when more
 * credentials than the threshold became Blocked in the last hour.
 */
export async function watchSync(db: Db, now: Date = new Date()): Promise<{ syncAlerted: boolean; blockedAlerted: boolean }> {
  const source = activeFlanksSourceName();
  const [state, settings] = [await db.syncState.findUnique({ where: { id: source } }), await getNotificationSettings(db)];
  let syncAlerted = false;
  // Never synced: nothing has ever worked to fall behind (a new install starts here).
  const minutes = state?.lastCompletedAt ? Math.floor((now.getTime() - state.lastCompletedAt.getTime()) / MINUTE_MS) : 0;
  if (state?.lastCompletedAt && minutes >= settings.syncAlertMinutes) {
    await raiseAlert(db, {
      event: 'sync.failing',
      key: `sync.failing:${source}:${state.lastCompletedAt.toISOString()}`,
      text: `No sync with ${source} has completed for ${minutes} minutes${state.lastError ? ` (last error: ${state.lastError})` : ''}: credential data is getting old.`,
      data: { source, lastCompletedAt: state.lastCompletedAt.toISOString(), minutes, lastError: state.lastError, consecutiveFailures: state.consecutiveFailures },
    }, now);
    syncAlerted = true;
  }
  // StatusChange is indexed by observedAt: an hour's changes, not the table.
  const blocked = await db.statusChange.count({ where: { toStatus: 'BLOCKED', observedAt: { gt: new Date(now.getTime() - HOUR_MS) } } });
  const blockedAlerted = blocked > settings.blockedPerHourAlert;
  if (blockedAlerted) {
    const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS).toISOString();
    await raiseAlert(db, {
      event: 'blocked.growing',
      key: `blocked.growing:${hour}`,
      text: `${blocked} credentials became Blocked in the last hour (alert threshold ${settings.blockedPerHourAlert}): look for an institution changing its login, or a wave of password resets.`,
      data: { blockedLastHour: blocked, threshold: settings.blockedPerHourAlert },
    }, now);
  }
  return { syncAlerted, blockedAlerted };
}
