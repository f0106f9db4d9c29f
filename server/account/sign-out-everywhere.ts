import 'server-only';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import type { SignedInActor } from '@/server/auth/require-actor.ts';
import { endUserSessions } from '@/server/auth/staff-sessions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

/** Ends every session of the signed-in user, this browser's included (a lost laptop, a shared machine). */
export async function signOutEverywhere(actor: SignedInActor, options: { db?: Db; ip?: string | null; now?: Date } = {}): Promise<{ endedSessions: number }> {
  const db = options.db ?? defaultDb;
  return db.$transaction(async (tx) => {
    const endedSessions = await endUserSessions(tx, actor.id, 'signOutEverywhere', options.now ?? new Date());
    await recordAuditEvent(tx, { actor, action: 'auth.signOutEverywhere', target: { type: 'user', id: actor.id }, details: { endedSessions }, ip: options.ip });
    return { endedSessions };
  });
}
