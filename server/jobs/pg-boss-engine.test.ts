import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '@/server/health/check-health.ts';
import { createTestDatabase, type TestDatabase } from '@/server/testing/test-database.ts';
import type { JobDefinition, JobEngine } from './job-definitions.ts';
import { startPgBossEngine } from './pg-boss-engine.ts';

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('jobs on pg-boss', () => {
  let t: TestDatabase;
  const engines: JobEngine[] = [];
  beforeAll(async () => {
    t = await createTestDatabase('postgresql');
  });
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.stop()));
    await t?.drop();
  });

  it('retries a failing job with backoff, then dead-letters it, and /api/health counts it', async () => {
    const attempts: number[] = [];
    const failing: JobDefinition = {
      name: 'always-fails',
      exclusive: false,
      expireInSeconds: 30,
      retryLimit: 1,
      run: async () => {
        attempts.push(Date.now());
        throw new Error('the use case failed');
      },
    };
    const engine = await startPgBossEngine(t.url, t.db, { work: true, jobs: [failing] });
    engines.push(engine);
    await engine.enqueue('always-fails' as never);
    await until('the job is dead-lettered', async () => (await checkHealth({ db: t.db })).jobs?.deadLettered === 1, 40_000);
    expect(attempts).toHaveLength(2);
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(4_000);
  }, 60_000);

  it('runs a scheduled job once per slot however many processes offer it', async () => {
    let runs = 0;
    const ticking: JobDefinition = { name: 'every-two-seconds', everySeconds: 2, exclusive: true, expireInSeconds: 30, retryLimit: 0, run: async () => void runs++ };
    const three = await Promise.all([1, 2, 3].map(() => startPgBossEngine(t.url, t.db, { work: true, jobs: [ticking] })));
    engines.push(...three);
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 9_000));
    await Promise.all(three.map((e) => e.stop()));
    const slots = (Date.now() - started) / 2000;
    expect(runs).toBeGreaterThanOrEqual(Math.floor(slots) - 2);
    expect(runs).toBeLessThanOrEqual(Math.ceil(slots) + 1);
  }, 60_000);
});
