import 'server-only';
import { DAILY_RUN_HISTORY_DAYS, dailyRunLateFrom, isDailyRunLate, usualDailyRunMinute } from '@/lib/domain/daily-run.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, utcDay } from '@/lib/domain/time.ts';
import type { Db } from '@/server/db/client.ts';
import { activeFlanksSourceName } from '@/server/flanks/flanks-source.ts';
import { getNotificationSettings } from '@/server/settings/get-notification-settings.ts';
import { raiseAlert } from './raise-alert.ts';

/**
 * Alerts Operations when the data stops flowing or the fleet breaks fast: once per outage when no
 * sync has completed for longer than the Admin's threshold (keyed by the last completed sync, so it
 * repeats only after syncing recovered and failed again), and once per clock hour when more
 * credentials than the threshold became Blocked in the last hour; and once a day when the daily
 * refresh looks late or missing.
 */
export async function watchSync(db: Db, now: Date = new Date()): Promise<{ syncAlerted: boolean; blockedAlerted: boolean; dailyLateAlerted: boolean }> {
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
  return { syncAlerted, blockedAlerted, dailyLateAlerted: await watchDailyRun(db, now) };
}

// Per database: the first daily refresh seen on each past day (a past day does not change), and the
// days already alerted, so a late morning costs one scan of today's refreshes a minute at most until
// it is alerted or seen.
const memory = new WeakMap<Db, { firstSeen: Map<string, Date | null>; alerted: Set<string> }>();

/** The first successful daily refresh observed in [from, until), through the observedAt index. */
const firstDailyRefresh = async (db: Db, from: Date, until: Date) =>
  (await db.refreshRecord.findFirst({ where: { observedAt: { gte: from, lt: until }, trigger: 'DAILY', outcome: 'SUCCESS' }, orderBy: { observedAt: 'asc' }, select: { observedAt: true } }))?.observedAt ?? null;

/**
 * Alerts once a day when Flanks' daily refresh has not been seen by its usual time plus a margin
 * (lib/domain/daily-run.ts): the usual time is learned from the last week's first sightings.
 */
async function watchDailyRun(db: Db, now: Date): Promise<boolean> {
  let remembered = memory.get(db);
  if (!remembered) memory.set(db, (remembered = { firstSeen: new Map(), alerted: new Set() }));
  const today = utcDay(now);
  if (remembered.alerted.has(today)) return false;
  const todayStart = new Date(Date.parse(today));
  const history: (Date | null)[] = [];
  for (let back = DAILY_RUN_HISTORY_DAYS; back >= 1; back--) {
    const dayStart = new Date(todayStart.getTime() - back * DAY_MS);
    const day = utcDay(dayStart);
    if (!remembered.firstSeen.has(day)) remembered.firstSeen.set(day, await firstDailyRefresh(db, dayStart, new Date(dayStart.getTime() + DAY_MS)));
    history.push(remembered.firstSeen.get(day)!);
  }
  const usual = usualDailyRunMinute(history);
  const lateFrom = dailyRunLateFrom(usual, now);
  if (!lateFrom || now < lateFrom) return false;
  const seenToday = await firstDailyRefresh(db, todayStart, new Date(now.getTime() + 1));
  if (!isDailyRunLate(usual, seenToday, now)) return false;
  const usualTime = new Date(todayStart.getTime() + usual! * MINUTE_MS).toISOString().slice(11, 16);
  const lastSeen = history.filter((at): at is Date => at !== null).at(-1) ?? null;
  await raiseAlert(db, {
    event: 'daily.late',
    key: `daily.late:${today}`,
    text: `No daily refresh from Flanks has been seen today: it usually starts around ${usualTime} UTC (the last ${DAILY_RUN_HISTORY_DAYS} days), and it is now ${now.toISOString().slice(11, 16)} UTC. Credential data is a day old and getting older.`,
    data: { day: today, usualTimeUtc: usualTime, lateFrom: lateFrom.toISOString(), lastSeenAt: lastSeen?.toISOString() ?? null },
  }, now);
  remembered.alerted.add(today);
  return true;
}
