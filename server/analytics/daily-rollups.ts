import 'server-only';
import type { RefreshOutcome } from '@/server/credentials/lifecycle.ts';
import type { Tx } from '@/server/db/client.ts';
import { insertRows } from '@/server/db/insert-rows.ts';

export const OUTCOME_COLUMN = {
  SUCCESS: 'success',
  SCA_REQUIRED: 'scaRequired',
  INVALID_CREDENTIALS: 'invalidCredentials',
  INSTITUTION_ERROR: 'institutionError',
} as const satisfies Record<RefreshOutcome, string>;

export const STATUS_COLUMN = { PENDING: 'pending', ACTIVE: 'active', PENDING_SCA: 'pendingSca', BLOCKED: 'blocked' } as const;

/** Refresh outcomes per (day, institution). Applied in the ingestion's transaction, once per new record. */
export class OutcomeDeltas {
  private readonly deltas = new Map<string, Partial<Record<(typeof OUTCOME_COLUMN)[RefreshOutcome], number>>>();

  add(day: string, institutionId: string, outcome: RefreshOutcome): void {
    const key = `${day}|${institutionId}`;
    const row = this.deltas.get(key) ?? {};
    const column = OUTCOME_COLUMN[outcome];
    row[column] = (row[column] ?? 0) + 1;
    this.deltas.set(key, row);
  }

  async apply(tx: Tx): Promise<void> {
    const columns = Object.values(OUTCOME_COLUMN);
    const rows = [...this.deltas].map(([key, counts]) => [...key.split('|'), ...columns.map((c) => counts[c] ?? 0)]);
    await insertRows(tx, 'DailyInstitutionRollup', ['day', 'institutionId', ...columns], rows, { key: ['day', 'institutionId'], add: columns });
  }
}

/** Records today's status distribution per institution from the live counters (last write of the day wins). */
export async function snapshotStatusDistribution(tx: Tx, day: string): Promise<void> {
  const counters = await tx.statusCounter.groupBy({ by: ['institutionId', 'status'], _sum: { count: true } });
  const perInstitution = new Map<string, Record<string, number>>();
  for (const c of counters) {
    const column = STATUS_COLUMN[c.status as keyof typeof STATUS_COLUMN];
    if (!column) continue;
    const row = perInstitution.get(c.institutionId) ?? { pending: 0, active: 0, pendingSca: 0, blocked: 0 };
    row[column] = c._sum.count ?? 0;
    perInstitution.set(c.institutionId, row);
  }
  const columns = Object.values(STATUS_COLUMN);
  const rows = [...perInstitution].map(([institutionId, counts]) => [day, institutionId, ...columns.map((c) => counts[c])]);
  await insertRows(tx, 'DailyInstitutionRollup', ['day', 'institutionId', ...columns], rows, { key: ['day', 'institutionId'], replace: columns });
}
