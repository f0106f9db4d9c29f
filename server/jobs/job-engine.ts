import 'server-only';
import { db as defaultDb, providerOf, type Db } from '@/server/db/client.ts';
import { env } from '@/server/env.ts';
import type { JobData, JobEngine, JobName } from './job-definitions.ts';
import { startInProcessEngine } from './in-process-engine.ts';
import { startPgBossEngine } from './pg-boss-engine.ts';

// On globalThis: Next bundles server modules more than once, and a module-level engine per copy
// would mean two engines (two runners of everything) in one process.
const ENGINE = Symbol.for('credops.jobEngine');
const holder = globalThis as unknown as { [ENGINE]?: { engine: Promise<JobEngine>; works: boolean } };

/**
 * This process's engine, started on first use: pg-boss on PostgreSQL, in-process on SQLite. With
 * `work`, the process also runs the jobs (a worker, or a web instance with BACKGROUND_JOBS=true);
 * without, it only queues them for the workers.
 */
export function jobEngine(options: { work: boolean; db?: Db } = { work: false }): Promise<JobEngine> {
  const current = holder[ENGINE];
  if (current && (current.works || !options.work)) return current.engine;
  if (current) throw new Error('The job engine already started without workers in this process.');
  const db = options.db ?? defaultDb;
  const engine =
    providerOf(db) === 'postgresql'
      ? startPgBossEngine(env.DATABASE_URL, db, { work: options.work })
      : Promise.resolve(startInProcessEngine(db, { work: options.work }));
  holder[ENGINE] = { engine, works: options.work };
  engine.catch(() => delete holder[ENGINE]);
  return engine;
}

/** Starts running background jobs here, unless BACKGROUND_JOBS=false keeps this instance to pages and API. */
export async function startBackgroundJobs(): Promise<void> {
  if (env.BACKGROUND_JOBS !== 'true') return;
  try {
    await jobEngine({ work: true });
  } catch (error) {
    // A database that is down at start-up must not keep the pages from being served: try again.
    console.error('Background jobs could not start; retrying in 10 s:', error instanceof Error ? error.message : error);
    setTimeout(() => void startBackgroundJobs(), 10_000).unref();
  }
}

/** Queues a job for whichever process works it (a route handler starting a bulk send, say). */
export async function enqueueJob(name: JobName, data?: JobData): Promise<void> {
  await (await jobEngine()).enqueue(name, data);
}
