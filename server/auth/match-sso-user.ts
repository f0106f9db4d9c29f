import 'server-only';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import type { Db } from '@/server/db/client.ts';

/**
 * Single sign-on proves an email address, when the provider says it verified it; CredOps decides
 * whether that is a staff member. Only an existing, active account is let in: SSO never creates
 * accounts, and an address the provider did not verify (anyone can type one) is refused.
 */
export async function matchSsoUser(db: Db, email: string | null | undefined, ip: string | null, claims: { emailVerified: boolean }): Promise<{ id: string } | null> {
  const normalised = email?.trim().toLowerCase();
  const user = normalised ? await db.user.findUnique({ where: { email: normalised } }) : null;
  const reason = !claims.emailVerified ? 'email not verified by the identity provider' : !user ? 'no staff account' : !user.active ? 'deactivated' : null;
  const ok = reason === null;
  await db.$transaction(async (tx) => {
    if (ok) await tx.user.update({ where: { id: user!.id }, data: { lastSignInAt: new Date() } });
    await recordAuditEvent(tx, {
      actor: ok ? { id: user!.id, email: normalised! } : { id: null, email: normalised ?? '(no email from SSO)' },
      action: ok ? 'auth.signIn' : 'auth.signInFailed',
      target: { type: 'user', id: user?.id },
      details: { method: 'sso', ...(reason ? { reason } : {}) },
      ip,
    });
  });
  return ok ? { id: user!.id } : null;
}
