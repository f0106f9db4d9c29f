// Seeds the demo company into DATABASE_URL (default: the embedded SQLite file).
// Usage: npm run db:seed -- [--credentials 2000] [--days 90] [--seed credops] [--links 24] [--if-empty] [--outage bbva_es[@YYYY-MM-DD]]...
// --links: how many SCA and Reset links the demo's account managers have sent (0: none).
// --outage makes an institution fail most refreshes on that day (default: yesterday), so an incident opens.
import { parseArgs } from 'node:util';
import { db, providerOf } from '@/server/db/client.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { seedLinkHistory } from '@/server/demo/seed-link-history.ts';
import { env } from '@/server/env.ts';

const { values } = parseArgs({
  options: {
    credentials: { type: 'string', default: '2000' },
    days: { type: 'string', default: '90' },
    seed: { type: 'string', default: env.SIMULATOR_SEED },
    links: { type: 'string', default: '24' },
    'if-empty': { type: 'boolean', default: false },
    outage: { type: 'string', multiple: true, default: [] },
  },
});
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const outages = values.outage.map((flag) => {
  const [institutionId, day = yesterday] = flag.split('@');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    console.error(`--outage ${flag}: write it as <institutionId>@YYYY-MM-DD`);
    process.exit(2);
  }
  return { institutionId, day };
});
const credentials = Number(values.credentials);
const days = Number(values.days);
if (!Number.isInteger(credentials) || credentials < 10 || credentials > 1_000_000) {
  console.error('--credentials must be a whole number from 10 to 1000000');
  process.exit(2);
}
if (!Number.isInteger(days) || days < 1 || days > 365) {
  console.error('--days must be a whole number from 1 to 365');
  process.exit(2);
}
const links = Number(values.links);
if (!Number.isInteger(links) || links < 0 || links > 1000) {
  console.error('--links must be a whole number from 0 to 1000');
  process.exit(2);
}

if ((await db.user.count()) > 0) {
  if (values['if-empty']) {
    console.log('Database already seeded; keeping its data.');
  } else {
    console.error('This database already has data. Delete it (SQLite: rm data/credops.db) and run migrations first.');
    process.exit(1);
  }
} else {
  if (providerOf(db) === 'sqlite') await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  const started = Date.now();
  const summary = await seedDemoCompany(db, {
    credentials,
    days,
    seed: values.seed,
    outages,
    onProgress: (done, total) => {
      if (!process.stdout.isTTY) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stdout.write(`\r  simulating ${days} days [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(
    `Seeded ${summary.credentials} credentials in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(${summary.duplicatesRefused} duplicate logins refused): ${JSON.stringify(summary.byStatus)}`,
  );
  if (links > 0) console.log(`Links sent by the account managers, and what became of them: ${JSON.stringify(await seedLinkHistory(db, { seed: values.seed, count: links }))}`);
}
console.log('Demo sign-ins (password "%s"):', DEMO_PASSWORD);
for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(24)} ${user.role}`);
await db.$disconnect();
