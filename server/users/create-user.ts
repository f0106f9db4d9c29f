import 'server-only';
import type { CreateUserInput } from '@/lib/schemas/users.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { hashPassword, newOneTimePassword } from '@/server/auth/passwords.ts';

/**
 * Creates a staff account with a one-time password, returned once and stored only as a hash; it
 * lets its owner in once, to choose their own (the Admin's copy then no longer works).
 * Creating the same email again is a conflict, so a retried request never makes two accounts.
 */
export async function createUser(actor: Actor, input: CreateUserInput, options: { db?: Db; ip?: string | null } = {}) {
  assertCan(actor, 'users.manage');
  const db = options.db ?? defaultDb;
  const oneTimePassword = newOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw new AppError('CONFLICT', `A staff account for ${input.email} already exists.`);
    }
    const user = await tx.user.create({ data: { ...input, passwordHash, mustChangePassword: true } });
    await recordAuditEvent(tx, { actor, action: 'user.create', target: { type: 'user', id: user.id }, details: { email: input.email, role: input.role }, ip: options.ip });
    return { id: user.id, email: user.email, oneTimePassword };
  });
}
