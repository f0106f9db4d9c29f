// Rebuilds the daily analytics rollups of DATABASE_URL from the raw refresh records and status
// changes: after data was loaded without them, or to repair drift. Safe to run again.
// Usage: npm run analytics:backfill
import { rebuildDailyRollups } from '@/server/analytics/rebuild-daily-rollups.ts';
import { db } from '@/server/db/client.ts';

const started = Date.now();
const { days, rows } = await rebuildDailyRollups(db);
console.log(`Rebuilt ${rows} daily rollups over ${days} days in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
await db.$disconnect();
