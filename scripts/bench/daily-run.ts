// Times the simulated Flanks' daily refresh of every credential in DATABASE_URL and CredOps'
// ingestion of it (issue 9: ≤ 5 min at a million). Run by `npm run bench` on its bulk-seeded
// database, after mirroring the credentials into the simulator's tables; prints one JSON line.
import { db, providerOf } from '@/server/db/client.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { simulatorTick } from '@/server/flanks/simulator/simulator-tick.ts';

const now = new Date();
const sqlite = providerOf(db) === 'sqlite';
const iso = (d: Date) => (sqlite ? `'${d.toISOString().replace('Z', '+00:00')}'` : `TIMESTAMP '${d.toISOString().replace('T', ' ').replace('Z', '')}'`);
const daysAgo = (expression: string) =>
  sqlite ? `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '${now.toISOString()}', '-' || (${expression}) || ' days')` : `(${iso(now)} - ((${expression}) * INTERVAL '1 day'))`;

// The simulator's side of the same company: what Flanks would hold for each credential CredOps knows.
let started = Date.now();
await db.$executeRawUnsafe(`
  INSERT INTO "SimCredential" (token, "institutionId", username, password, "bankPassword", "createdAt", "loadAt", "lastUpdateAt", "lastScaAt", pending, blocked, "scaToken", "resetToken", errored)
  SELECT token, "institutionId", 'user' || id, 'pw', CASE WHEN status = 'BLOCKED' THEN 'changed' ELSE 'pw' END, "createdAt", "createdAt", "lastUpdatedAt",
    ${daysAgo('id % 60')}, status = 'PENDING', status = 'BLOCKED',
    CASE WHEN status = 'PENDING_SCA' THEN 'sca' || id END, CASE WHEN status = 'BLOCKED' THEN 'reset' || id END, NULL
  FROM "Credential"`);
await db.$executeRawUnsafe(`INSERT INTO "SimState" (id, "lastDailyRun", outages) VALUES ('clock', ${iso(new Date(now.getTime() - 86_400_000))}, '[]')`);
const mirrorSeconds = (Date.now() - started) / 1000;

started = Date.now();
const { sim } = await simulatorTick(db, now, { forceDailyRun: true });
const dailyRunSeconds = (Date.now() - started) / 1000;
started = Date.now();
const summary = await pollFlanks(db, sim, now);
const ingestionSeconds = (Date.now() - started) / 1000;
console.log(JSON.stringify({ credentials: sim.credentials.size, mirrorSeconds, dailyRunSeconds, ingestionSeconds, refreshes: summary.refreshes, statusChanges: summary.statusChanges }));
await db.$disconnect();
