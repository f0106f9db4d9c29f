// Runs the simulated Flanks' daily refresh now and polls it, as if a day had passed. For demos and tests.
import { db } from '@/server/db/client.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { simulatorTick } from '@/server/flanks/simulator/simulator-tick.ts';

const now = new Date();
const { sim } = await simulatorTick(db, now, { forceDailyRun: true });
const summary = await pollFlanks(db, sim, now);
console.log(`Daily run done and polled: ${summary.credentials} credentials, ${summary.refreshes} refreshes, ${summary.statusChanges} status changes.`);
await db.$disconnect();
