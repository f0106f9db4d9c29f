import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/server/testing/test-database.ts';
import { getSyncStatus } from './get-sync-status.ts';

describe('the sync status shown in the console', () => {
  let t: TestDatabase;
  const now = new Date('2026-11-25T12:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(() => t?.drop());

  const setState = (data: { lastCompletedAt: Date | null; consecutiveFailures: number; lastError?: string | null }) =>
    t.db.syncState.upsert({ where: { id: 'simulator' }, create: { id: 'simulator', ...data }, update: data });

  it('is healthy right after a sync', async () => {
    await setState({ lastCompletedAt: minutesAgo(1), consecutiveFailures: 0 });
    expect(await getSyncStatus({ db: t.db, now })).toMatchObject({ degraded: false, lastSyncedAt: minutesAgo(1).toISOString() });
  });

  it('raises the banner as soon as a sync fails, with the error', async () => {
    await setState({ lastCompletedAt: minutesAgo(1), consecutiveFailures: 1, lastError: 'Flanks answered 503' });
    expect(await getSyncStatus({ db: t.db, now })).toMatchObject({ degraded: true, lastError: 'Flanks answered 503' });
  });

  it('raises the banner when no sync has completed for a long time', async () => {
    await setState({ lastCompletedAt: minutesAgo(120), consecutiveFailures: 0, lastError: null });
    expect((await getSyncStatus({ db: t.db, now })).degraded).toBe(true);
  });
});
