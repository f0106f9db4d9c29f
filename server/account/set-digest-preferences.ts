import 'server-only';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import type { DigestPreferencesInput } from '@/lib/schemas/account.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

/** Turns the signed-in user's daily digest on or off and sets the clock it follows. Saving what is already set changes nothing. */
export async function setDigestPreferences(actor: Actor, input: DigestPreferencesInput, options: { db?: Db; ip?: string | null } = {}) {
  assertCan(actor, 'account.manage');
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { digestEnabled: true, timeZone: true } });
    const after = { digestEnabled: input.digestEnabled, timeZone: input.timeZone === undefined ? before.timeZone : input.timeZone };
    if (before.digestEnabled === after.digestEnabled && before.timeZone === after.timeZone) return after;
    await tx.user.update({ where: { id: actor.id }, data: after });
    await recordAuditEvent(tx, { actor, action: 'account.changeDigest', target: { type: 'user', id: actor.id }, details: { from: before, to: after }, ip: options.ip });
    return after;
  });
}
