import 'server-only';
import type { Db, Tx } from '@/server/db/client.ts';
import { insertRows } from '@/server/db/insert-rows.ts';

/** Changes to the per-(institution, owner, status) counters, summed before they touch the database. */
export class CounterDeltas {
  private readonly deltas = new Map<string, number>();

  add(institutionId: string, ownerId: string | null, status: string, by: number): void {
    const key = JSON.stringify([institutionId, ownerId ?? '', status]);
    this.deltas.set(key, (this.deltas.get(key) ?? 0) + by);
  }

  move(institutionId: string, ownerId: string | null, from: string | null, to: string): void {
    if (from) this.add(institutionId, ownerId, from, -1);
    this.add(institutionId, ownerId, to, 1);
  }

  /** Must run in the same transaction as the status changes it counts. */
  async apply(tx: Tx): Promise<void> {
    const rows = [...this.deltas].filter(([, by]) => by !== 0).map(([key, by]) => [...(JSON.parse(key) as string[]), by]);
    await insertRows(tx, 'StatusCounter', ['institutionId', 'ownerKey', 'status', 'count'], rows, {
      key: ['institutionId', 'ownerKey', 'status'],
      add: ['count'],
    });
  }
}

/** Recounts from the credentials table: after bulk edits (the demo seed) or to repair drift. */
export async function rebuildStatusCounters(db: Db): Promise<void> {
  const groups = await db.credential.groupBy({ by: ['institutionId', 'ownerId', 'status'], _count: { _all: true } });
  await db.$transaction(async (tx) => {
    await tx.statusCounter.deleteMany();
    await tx.statusCounter.createMany({
      data: groups.map((g) => ({ institutionId: g.institutionId, ownerKey: g.ownerId ?? '', status: g.status, count: g._count._all })),
    });
  });
}
