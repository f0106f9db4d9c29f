import 'server-only';
import { DEFAULT_RECOVERY_TARGETS, isTargeted, type RecoveryTargets } from '@/lib/domain/recovery-targets.ts';
import type { CredentialStatus } from '@/lib/domain/credential-status.ts';
import { db as defaultDb, type Db, type Tx } from '@/server/db/client.ts';

/** The recovery targets in force: an Admin's where set, the defaults otherwise. Two rows by primary key. */
export async function getRecoveryTargets(db: Db | Tx = defaultDb): Promise<RecoveryTargets> {
  const targets = { ...DEFAULT_RECOVERY_TARGETS };
  for (const row of await db.recoveryTarget.findMany()) {
    if (isTargeted(row.status as CredentialStatus)) targets[row.status as keyof RecoveryTargets] = row.days;
  }
  return targets;
}
