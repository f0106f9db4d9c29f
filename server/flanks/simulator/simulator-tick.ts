import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { DAILY_RUN_HOUR, type SimulatedFlanks } from './simulated-flanks.ts';
import { lastDailyRun, loadSimulator, saveSimulator } from './simulator-store.ts';
import { env } from '@/server/env.ts';
import { DAY_MS, HOUR_MS } from '@/lib/domain/time.ts';


/**
 * Lets simulated time pass at Flanks: creation loads finish, and once a day (from 03:00 UTC) the daily
 * run happens. `forceDailyRun` starts a daily run now, whatever the clock says (demos and tests).
 * Returns the simulator as it now stands, ready to be polled without loading it again.
 */
export async function simulatorTick(db: Db, now: Date, options: { forceDailyRun?: boolean } = {}): Promise<{ dailyRun: boolean; sim: SimulatedFlanks }> {
  const sim = await loadSimulator(db, `${env.SIMULATOR_SEED}:${now.toISOString()}`);
  sim.finishCreationLoads(now);
  const previous = await lastDailyRun(db);
  const todaysRun = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DAILY_RUN_HOUR));
  const due = options.forceDailyRun || (now >= todaysRun && (!previous || previous < todaysRun));
  if (due) {
    // End users act during the day before the run: password changes, self-service fixes.
    sim.simulateEndUsers(new Date(now.getTime() - DAY_MS + 12 * HOUR_MS));
    sim.runDailyRefresh(options.forceDailyRun ? now : todaysRun);
  }
  await saveSimulator(db, sim, due ? now : undefined);
  return { dailyRun: due, sim };
}
