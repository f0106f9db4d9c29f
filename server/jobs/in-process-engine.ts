import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { JOBS, jobNamed, type JobData, type JobEngine, type JobName } from './job-definitions.ts';

/**
 * The embedded default's engine: SQLite is one process, so the same job definitions run here on
 * timers, never two of one scheduled job at once. A failed run is logged and the next slot retries
 * it. Queued jobs (a bulk send) run at once, whether or not this process runs the schedules.
 */
export function startInProcessEngine(db: Db, { work }: { work: boolean }): JobEngine {
  const running = new Set<string>();
  const timers: NodeJS.Timeout[] = [];

  const runOnce = async (name: JobName, data: JobData) => {
    const key = `${name}:${JSON.stringify(data)}`;
    if (running.has(key)) return;
    running.add(key);
    try {
      await jobNamed(name).run({ db, enqueue }, data);
    } catch (error) {
      console.error(`Job ${name} failed:`, error instanceof Error ? error.message : error);
    } finally {
      running.delete(key);
    }
  };
  async function enqueue(name: JobName, data: JobData = {}): Promise<void> {
    // A continuation queued by a running job starts once the run that queued it has ended.
    setImmediate(() => void runOnce(name, data));
  }

  if (work) {
    for (const job of JOBS) {
      if (!('everySeconds' in job)) continue;
      const tick = () => void runOnce(job.name, {});
      const timer = setInterval(tick, job.everySeconds * 1000);
      timer.unref();
      timers.push(timer);
      tick();
    }
  }
  return {
    enqueue,
    async stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
