import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_STATUSES } from '@/lib/domain/credential-status.ts';
import { refreshesDaily } from './lifecycle.ts';
import { dataAgeMs, isStale, refreshesDailySql } from './staleness.ts';

const now = new Date('2026-11-25T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe('staleness', () => {
  it('calls an Active credential stale once its data is older than the threshold', () => {
    expect(isStale({ status: 'ACTIVE', lastUpdatedAt: hoursAgo(37), createdAt: hoursAgo(500) }, now, 36)).toBe(true);
    expect(isStale({ status: 'ACTIVE', lastUpdatedAt: hoursAgo(35), createdAt: hoursAgo(500) }, now, 36)).toBe(false);
  });

  it('never calls Pending SCA or Blocked stale: they are broken, not late', () => {
    expect(isStale({ status: 'BLOCKED', lastUpdatedAt: hoursAgo(500), createdAt: hoursAgo(900) }, now, 36)).toBe(false);
    expect(isStale({ status: 'PENDING_SCA', lastUpdatedAt: hoursAgo(500), createdAt: hoursAgo(900) }, now, 36)).toBe(false);
  });

  it('measures a credential that never received data from its creation', () => {
    expect(dataAgeMs({ status: 'ACTIVE', lastUpdatedAt: null, createdAt: hoursAgo(2) }, now)).toBe(2 * 3_600_000);
    expect(isStale({ status: 'PENDING', lastUpdatedAt: null, createdAt: hoursAgo(40) }, now, 36)).toBe(true);
  });
});

describe('"refreshes daily" in SQL', () => {
  it('names exactly the statuses the lifecycle refreshes daily', () => {
    const named = CREDENTIAL_STATUSES.filter((s) => refreshesDailySql('status').includes(`'${s}'`));
    expect(named).toEqual(CREDENTIAL_STATUSES.filter(refreshesDaily));
  });

  // The stale list's partial index is only used when the query's predicate matches the index's.
  it.each(['sqlite', 'postgresql'])('is the predicate of the stale-list index in the %s migrations', (provider) => {
    const dir = join('prisma', provider, 'migrations');
    const statements = readdirSync(dir)
      .filter((m) => !m.endsWith('.toml'))
      .sort()
      .flatMap((m) => readFileSync(join(dir, m, 'migration.sql'), 'utf8').split(';'))
      .filter((statement) => statement.includes('"Credential_stale_dataAsOf_idx"') && /CREATE\s+INDEX/i.test(statement));
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.at(-1)!.trim().endsWith(`WHERE ${refreshesDailySql('"status"')}`)).toBe(true);
  });
});
