// `npm run worker`: a process that runs CredOps' background jobs (the sync, email delivery, bulk sends,
// bulk assignments, maintenance) on PostgreSQL, beside any number of web instances and other workers.
import { db, providerOf } from '@/server/db/client.ts';
import { jobEngine } from '@/server/jobs/job-engine.ts';
import { isDatabaseUnavailable } from '@/server/db/database-unavailable.ts';

if (providerOf(db) !== 'postgresql') {
  console.error('npm run worker needs DATABASE_URL=postgresql://…: on the embedded SQLite default the web process (npm run demo) runs every job itself.');
  process.exit(1);
}
// A dropped connection can reject a promise nobody awaits any more; the worker logs it and goes on, as
// it does for the database errors it awaits (the job is retried). Anything else still ends it.
process.on('unhandledRejection', (reason) => {
  if (isDatabaseUnavailable(reason)) return console.error('The database dropped a request nobody was waiting for:', reason instanceof Error ? reason.message : reason);
  console.error('Unhandled rejection in the worker:', reason);
  process.exit(1);
});

const engine = await jobEngine({ work: true });
console.log(`CredOps worker ${process.pid} is running jobs.`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`CredOps worker ${process.pid}: ${signal}, finishing the jobs in hand…`);
    await engine.stop();
    await db.$disconnect();
    process.exit(0);
  });
}
