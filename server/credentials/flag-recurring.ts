import 'server-only';
import { DAY_MS, HOUR_MS } from '@/lib/domain/time.ts';
import { FELL_BACK_WITHIN_HOURS, isBreakage, isBroken, isRecurringBreakage, RECURRING_WINDOW_DAYS } from '@/lib/domain/recurrence.ts';
import type { Tx } from '@/server/db/client.ts';
import { queryRows } from '@/server/db/query-rows.ts';
import { Prisma } from '@/server/db/sql.ts';

/** A status change the ingestion has just recorded (its StatusChange row is written). */
export interface RecordedChange {
  id: number;
  from: string | null;
  to: string;
}

/**
 * Keeps the recurring flag in step with the changes of one ingestion transaction: a breakage is
 * judged by the rule against the credential's recorded history (its breakages in the window, this
 * one included, and its completed links); a credential that works again is no longer recurring.
 */
export async function flagRecurring(tx: Tx, changes: RecordedChange[], at: Date): Promise<void> {
  const broke = changes.filter((c) => isBreakage(c.from, c.to)).map((c) => c.id);
  const recovered = changes.filter((c) => !isBroken(c.to)).map((c) => c.id);
  if (recovered.length) await tx.$executeRaw`UPDATE "Credential" SET recurring = FALSE WHERE recurring = TRUE AND id IN (${Prisma.join(recovered)})`;
  if (broke.length === 0) return;
  const since = new Date(at.getTime() - RECURRING_WINDOW_DAYS * DAY_MS);
  // One after the other: a transaction is one connection, and a query queued behind a failed one
  // would reject with nobody awaiting it.
  const breakages = await queryRows<{ credentialId: number; fromStatus: string | null; toStatus: string; observedAt: Date }>(tx, Prisma.sql`
    SELECT "credentialId", "fromStatus", "toStatus", "observedAt" FROM "StatusChange"
    WHERE "credentialId" IN (${Prisma.join(broke)}) AND "observedAt" > ${since} AND "toStatus" IN ('PENDING_SCA', 'BLOCKED')`);
  const completed = await queryRows<{ credentialId: number; completedAt: Date }>(tx, Prisma.sql`
    SELECT "credentialId", "completedAt" FROM "Link"
    WHERE "credentialId" IN (${Prisma.join(broke)}) AND "completedAt" >= ${new Date(at.getTime() - FELL_BACK_WITHIN_HOURS * HOUR_MS)}`);
  const history = new Map(broke.map((id) => [id, { breakages: [] as Date[], completedLinks: [] as Date[] }]));
  for (const b of breakages) if (isBreakage(b.fromStatus, b.toStatus)) history.get(Number(b.credentialId))?.breakages.push(new Date(b.observedAt));
  for (const l of completed) history.get(Number(l.credentialId))?.completedLinks.push(new Date(l.completedAt));
  const recurring = broke.filter((id) => isRecurringBreakage(at, history.get(id)!));
  if (recurring.length) await tx.$executeRaw`UPDATE "Credential" SET recurring = TRUE WHERE id IN (${Prisma.join(recurring)})`;
}
