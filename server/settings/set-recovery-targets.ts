import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { TARGETED_STATUSES, type RecoveryTargets } from '@/lib/domain/recovery-targets.ts';
import type { RecoveryTargetsInput } from '@/lib/schemas/settings.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { getRecoveryTargets } from './get-recovery-targets.ts';

/**
 * Sets the days each targeted status may wait before its credentials are "over target". Audited with
 * the old and new values in the same transaction; setting the values already in force changes nothing.
 */
export async function setRecoveryTargets(actor: Actor, input: RecoveryTargetsInput, options: { db?: Db; now?: Date; ip?: string | null } = {}): Promise<RecoveryTargets> {
  assertCan(actor, 'settings.manage');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await getRecoveryTargets(tx);
    const changed = TARGETED_STATUSES.filter((status) => before[status] !== input[status]);
    if (changed.length === 0) return before;
    for (const status of changed) {
      await tx.recoveryTarget.upsert({
        where: { status },
        create: { status, days: input[status], updatedAt: now, updatedById: actor.id },
        update: { days: input[status], updatedAt: now, updatedById: actor.id },
      });
    }
    await recordAuditEvent(tx, {
      actor,
      action: 'settings.changeRecoveryTargets',
      target: { type: 'settings', id: 'recoveryTargets' },
      details: Object.fromEntries(changed.map((status) => [status, { from: before[status], to: input[status] }])),
      ip: options.ip,
    });
    return { ...before, ...input };
  });
}
