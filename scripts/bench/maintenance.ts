// Times the two scheduled maintenance jobs on the bench's database (DATABASE_URL): the status counter
// reconciliation (twice), then the retention job, keeping `--retention-days` of refresh records (the
// bench passes less than the seeded history, so that it has something to delete). Run by
// `npm run bench` last, as the retention deletes refresh records; prints one JSON line.
import { parseArgs } from 'node:util';
import { db } from '@/server/db/client.ts';
import { DEFAULT_REFRESH_RETENTION_DAYS, pruneOldRecords } from '@/server/maintenance/prune-old-records.ts';
import { reconcileStatusCounters } from '@/server/maintenance/reconcile-status-counters.ts';

const { values } = parseArgs({ options: { now: { type: 'string' }, 'retention-days': { type: 'string' } } });
const now = values.now ? new Date(values.now) : new Date();
const refreshRetentionDays = Number(values['retention-days'] ?? DEFAULT_REFRESH_RETENTION_DAYS);

let started = performance.now();
const reconciliation = await reconcileStatusCounters(db, { now });
const reconcileFirstMs = performance.now() - started;
// Again, as the job engine's long-lived process would run it: without this process's first queries.
started = performance.now();
await reconcileStatusCounters(db, { now });
const reconcileMs = performance.now() - started;
const refreshRecordsBefore = await db.refreshRecord.count();
started = performance.now();
const pruned = await pruneOldRecords(db, { now, refreshRetentionDays });
const pruneSeconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ counters: reconciliation.counters, repaired: reconciliation.repaired, reconcileFirstMs, reconcileMs, refreshRetentionDays, refreshRecordsBefore, ...pruned, pruneSeconds }));
await db.$disconnect();
