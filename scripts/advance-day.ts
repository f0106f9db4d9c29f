// Runs the simulated Flanks' daily refresh now and polls it, as if a day had passed. For demos and tests.
import { db } from '@/server/db/client.ts';
import { loadSimulator } from '@/server/flanks/simulator/simulator-store.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { simulatorTick } from '@/server/jobs/simulator-tick.ts';

const now = new Date();
await simulatorTick(db, now, { forceDailyRun: true });
const summary = await pollFlanks(db, await loadSimulator(db, `advance-day:${now.toISOString()}`), now);
console.log(`Daily run done and polled: ${summary.credentials} credentials, ${summary.refreshes} refreshes, ${summary.statusChanges} status changes.`);
await db.$disconnect();
