import 'server-only';
import { providerOf, type Db } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';
import { insertRows } from '@/server/db/insert-rows.ts';

export const RECONCILIATION_JOB = 'reconcile-status-counters';

export interface CounterRepair {
  institutionId: string;
  ownerKey: string;
  status: string;
  was: number;
  counted: number;
}

export interface CounterReconciliation {
  ranAt: Date;
  /** (institution, owner, status) groups compared: every counter row and every group of credentials. */
  counters: number;
  repaired: number;
  repairs: CounterRepair[];
}

export interface ReconcileOptions {
  now?: Date;
  log?: (message: string) => void;
}

// Room to wait behind the ingestion's transactions (~0.2 s each) and to count a million credentials (~0.15 s).
const TRANSACTION = { timeout: 60_000, maxWait: 30_000 };

/**
 * Compares the status counters with a count of the credentials and repairs every difference, in one
 * transaction that no counter delta can slip into: the ingestion and owner changes update a
 * credential and add its delta in one transaction, so while the counters are locked, every committed
 * change is both in the count and in the counters, and an uncommitted one is in neither and adds its
 * delta after this commits. Without the lock, a delta committed between the count and the repair
 * would be overwritten by a value counted without it. Logs each difference and keeps the result for
 * getLastReconciliation. A second run repairs nothing.
 */
export async function reconcileStatusCounters(db: Db, options: ReconcileOptions = {}): Promise<CounterReconciliation> {
  const now = options.now ?? new Date();
  const log = options.log ?? ((message: string) => console.warn(message));
  const result = await db.$transaction(async (tx) => {
    if (providerOf(db) === 'postgresql') {
      // EXCLUSIVE blocks every write to the counters and lets the count cards go on reading them.
      await tx.$executeRaw`LOCK TABLE "StatusCounter" IN EXCLUSIVE MODE`;
    } else {
      // A write first takes SQLite's write lock now, so another process cannot commit between the
      // reads and the repair (a transaction that read first would fail with SQLITE_BUSY instead).
      await tx.$executeRaw`UPDATE "StatusCounter" SET count = count WHERE 0 = 1`;
    }
    const stored = await tx.statusCounter.findMany();
    const groups = await queryRows<{ institutionId: string; ownerId: string | null; status: string; n: number }>(tx, Prisma.sql`
      SELECT "institutionId", "ownerId", status, COUNT(*) AS n FROM "Credential" GROUP BY "institutionId", "ownerId", status`);

    const key = (institutionId: string, ownerKey: string, status: string) => JSON.stringify([institutionId, ownerKey, status]);
    const counted = new Map<string, number>();
    for (const g of groups) counted.set(key(g.institutionId, g.ownerId ?? '', g.status), g.n);
    const was = new Map(stored.map((c) => [key(c.institutionId, c.ownerKey, c.status), c.count]));
    const keys = new Set([...was.keys(), ...counted.keys()]);
    const repairs: CounterRepair[] = [];
    for (const k of keys) {
      const [institutionId, ownerKey, status] = JSON.parse(k) as [string, string, string];
      const repair = { institutionId, ownerKey, status, was: was.get(k) ?? 0, counted: counted.get(k) ?? 0 };
      if (repair.was !== repair.counted) repairs.push(repair);
    }

    await insertRows(
      tx,
      'StatusCounter',
      ['institutionId', 'ownerKey', 'status', 'count'],
      repairs.filter((r) => r.counted > 0).map((r) => [r.institutionId, r.ownerKey, r.status, r.counted]),
      { key: ['institutionId', 'ownerKey', 'status'], replace: ['count'] },
    );
    // Deleted, not set to 0: the daily status snapshot writes a rollup for every institution it
    // finds among the counters, and a bogus counter's institution may not exist.
    const bogus = repairs.filter((r) => r.counted === 0).map((r) => Prisma.sql`(${r.institutionId}, ${r.ownerKey}, ${r.status})`);
    if (bogus.length) await tx.$executeRaw`DELETE FROM "StatusCounter" WHERE ("institutionId", "ownerKey", status) IN (VALUES ${Prisma.join(bogus)})`;
    const lastResult = JSON.stringify({ counters: keys.size, repaired: repairs.length, repairs });
    await tx.maintenanceRun.upsert({
      where: { job: RECONCILIATION_JOB },
      create: { job: RECONCILIATION_JOB, lastRunAt: now, lastResult },
      update: { lastRunAt: now, lastResult },
    });
    return { ranAt: now, counters: keys.size, repaired: repairs.length, repairs };
  }, TRANSACTION);

  for (const r of result.repairs) {
    log(`Status counter ${r.institutionId} / ${r.ownerKey || 'unowned'} / ${r.status} said ${r.was}, the credentials count ${r.counted}: repaired`);
  }
  return result;
}
