// Times one run of the staff digest job for 200 staff in DATABASE_URL's bulk-seeded database: the
// seed's six owners (each owning a sixth of the credentials, far more than an account manager
// would), 20 Operations users who also get the fleet, and account managers owning nothing, all due
// at once at 09:00 UTC. Run by `npm run bench`; prints one JSON line.
import { db } from '@/server/db/client.ts';
import { insertRows } from '@/server/db/insert-rows.ts';
import { sendStaffDigests } from '@/server/digests/send-staff-digests.ts';

const STAFF = 200;
const now = new Date(`${new Date().toISOString().slice(0, 10)}T09:00:00Z`);
await db.user.updateMany({ data: { timeZone: 'UTC', digestEnabled: true } });
const existing = await db.user.count();
await insertRows(
  db,
  'User',
  ['id', 'email', 'name', 'role', 'active', 'createdAt', 'timeZone', 'digestEnabled'],
  Array.from({ length: Math.max(0, STAFF - existing) }, (_, i) => [`bench-staff-${i}`, `staff-${i}@credops.test`, `Staff ${i}`, i < 20 ? 'OPERATIONS' : 'ACCOUNT_MANAGER', true, now, 'UTC', true]),
);
const started = performance.now();
const { written } = await sendStaffDigests(db, now);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ staff: await db.user.count(), written, seconds }));
await db.$disconnect();
