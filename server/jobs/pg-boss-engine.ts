import 'server-only';
import PgBoss from 'pg-boss';
import type { Db } from '@/server/db/client.ts';
import { JOBS, type JobDefinition, type JobEngine } from './job-definitions.ts';

// How often pg-boss looks for jobs whose worker vanished (past their expiry) and retries them; one
// process does it per interval, whichever gets there first.
const MAINTENANCE_SECONDS = 15;
const RETRY_DELAY_SECONDS = 5;
export const DEAD_LETTER_SUFFIX = '-dead';

/**
 * pg-boss on the app's PostgreSQL database (schema "pgboss"). With `work`, this process also runs
 * jobs and offers each scheduled one once per slot; without, it only queues them (a web instance
 * with BACKGROUND_JOBS=false).
 */
export async function startPgBossEngine(url: string, db: Db, { work, jobs = JOBS }: { work: boolean; jobs?: readonly JobDefinition[] }): Promise<JobEngine> {
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    application_name: work ? 'credops-worker' : 'credops-web',
    max: work ? 4 : 2,
    supervise: work,
    // CredOps schedules by slot (below); pg-boss's cron has whole minutes and the sync runs every 30 s.
    schedule: false,
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 7,
  });
  // An EventEmitter 'error' without a listener would crash the process (a dropped connection, say).
  boss.on('error', (error) => console.error('Job engine error:', error.message));
  await boss.start();
  for (const job of jobs) await ensureQueue(boss, job);

  const enqueue = async (name: string, data: object = {}) => {
    await boss.send(name, data);
  };
  const timers: NodeJS.Timeout[] = [];
  if (work) {
    for (const job of jobs) {
      await boss.work<Record<string, string>>(job.name, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([next]) => job.run({ db, enqueue }, next.data));
      if (job.everySeconds) timers.push(offerEachSlot(boss, job.name, job.everySeconds));
    }
  }
  return {
    enqueue,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await boss.stop({ graceful: true, timeout: 30_000, wait: true });
    },
  };
}

async function ensureQueue(boss: PgBoss, job: JobDefinition): Promise<void> {
  const deadLetter = `${job.name}${DEAD_LETTER_SUFFIX}`;
  await retryOnDeadlock(() => boss.createQueue(deadLetter));
  const options = { name: job.name, retryLimit: job.retryLimit, retryDelay: RETRY_DELAY_SECONDS, retryBackoff: true, expireInSeconds: job.expireInSeconds, deadLetter };
  // "stately": one job waiting and one running at most, across every process.
  await retryOnDeadlock(() => boss.createQueue(job.name, { ...options, policy: job.exclusive ? 'stately' : 'standard' }));
  await retryOnDeadlock(() => boss.updateQueue(job.name, options));
}

/**
 * Processes starting together (a rolling deploy) create the same queues at once, and pg-boss's queue
 * creation (a table partition each) can deadlock with itself; PostgreSQL aborts one side, and
 * creating a queue that exists does nothing, so trying again settles it.
 */
async function retryOnDeadlock(create: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await create();
      return;
    } catch (error) {
      const deadlocked = (error as { code?: string }).code === '40P01';
      if (!deadlocked || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

/**
 * Every working process offers the job for the current slot (seconds since the epoch, by the
 * database's clock); pg-boss's unique index on (name, slot) keeps one, so the job runs once per slot
 * however many processes there are, and on as long as one of them lives.
 */
function offerEachSlot(boss: PgBoss, name: string, everySeconds: number): NodeJS.Timeout {
  const offer = () => boss.sendThrottled(name, {}, {}, everySeconds).catch((error: Error) => console.error(`Could not schedule ${name}:`, error.message));
  void offer();
  const timer = setInterval(offer, Math.min(Math.max(everySeconds / 3, 1), 20) * 1000);
  timer.unref();
  return timer;
}
