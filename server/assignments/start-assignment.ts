import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import type { StartAssignmentInput } from '@/lib/schemas/assignments.ts';
import { recordAuditEvent } from '@/server/audit/record-audit-event.ts';
import { credentialConditions, whereAll } from '@/server/credentials/credential-filters.ts';
import { findActiveOwner } from '@/server/credentials/find-active-owner.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import { Prisma } from '@/server/db/sql.ts';

/**
 * Freezes the selection (each picked or matching credential becomes an item) and audits it; the
 * runner (run-assignment.ts) then moves them. A filter that now matches another count than the
 * preview showed is refused with both numbers, so nobody assigns credentials they did not see.
 * Retrying with the same Idempotency-Key answers the assignment already created.
 */
export async function startAssignment(actor: Actor, input: StartAssignmentInput, options: { db?: Db; now?: Date; ip?: string | null; idempotencyKey?: string | null } = {}): Promise<{ id: string; total: number }> {
  assertCan(actor, 'credentials.assign');
  const db = options.db ?? defaultDb;
  const now = options.now ?? new Date();
  const key = options.idempotencyKey ?? null;
  const existing = key ? await db.assignment.findUnique({ where: { id: key } }) : null;
  if (existing) return { id: existing.id, total: existing.total };
  const owner = await findActiveOwner(db, input.ownerId);
  const selection = input.tokens ? [await pickedRows(db, input.tokens)] : await credentialConditions(db, actor, input.filter!, now);
  try {
    return await db.$transaction(
      async (tx) => {
        const assignment = await tx.assignment.create({
          data: { ...(key ? { id: key } : {}), ownerId: owner?.id ?? null, filter: input.filter ? JSON.stringify(input.filter) : null, createdById: actor.id, createdAt: now, total: 0 },
        });
        const total = await tx.$executeRaw`
          INSERT INTO "AssignmentItem" ("assignmentId", "credentialId") SELECT ${assignment.id}, c.id FROM "Credential" c ${whereAll(selection)}`;
        if (input.expectedCount !== undefined && total !== input.expectedCount) {
          throw new AppError('CONFLICT', `This view now matches ${total.toLocaleString('en')} credentials, not the ${input.expectedCount.toLocaleString('en')} the preview showed: preview again before assigning.`);
        }
        if (total === 0) throw new AppError('BAD_REQUEST', 'This filter matches no credential: nothing to assign.');
        await tx.assignment.update({ where: { id: assignment.id }, data: { total } });
        await recordAuditEvent(tx, {
          actor,
          action: 'assignment.start',
          target: { type: 'assignment', id: assignment.id },
          details: { to: owner?.id ?? null, total, ...(input.filter ? { filter: input.filter } : {}) },
          ip: options.ip,
        });
        return { id: assignment.id, total };
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    if (key && (error as { code?: string }).code === 'P2002') {
      const raced = await db.assignment.findUniqueOrThrow({ where: { id: key } });
      return { id: raced.id, total: raced.total };
    }
    throw error;
  }
}

/** The picked tokens as a condition over `c`; a token no credential has is a 400 naming it. */
async function pickedRows(db: Db, tokens: string[]): Promise<Prisma.Sql> {
  const unique = [...new Set(tokens)];
  const found = await db.credential.findMany({ where: { token: { in: unique } }, select: { token: true } });
  if (found.length !== unique.length) {
    const known = new Set(found.map((c) => c.token));
    const unknown = unique.filter((t) => !known.has(t));
    throw new AppError('BAD_REQUEST', `tokens: no credential has ${unknown.length === 1 ? 'this token' : 'these tokens'}: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`);
  }
  return Prisma.sql`c.token IN (${Prisma.join(unique)})`;
}
