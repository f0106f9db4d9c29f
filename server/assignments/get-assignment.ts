import 'server-only';
import { AppError } from '@/lib/domain/app-error.ts';
import { assertCan, type Actor } from '@/lib/domain/permissions.ts';
import type { AssignmentProgress, AssignmentResult } from '@/lib/schemas/assignments.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';

/** How far an assignment has got; per credential too when rows were picked (at most a thousand). */
export async function getAssignment(actor: Actor, id: string, options: { db?: Db } = {}): Promise<AssignmentProgress> {
  assertCan(actor, 'credentials.assign');
  const db = options.db ?? defaultDb;
  const assignment = await db.assignment.findUnique({ where: { id }, include: { createdBy: { select: { name: true } } } });
  if (!assignment) throw new AppError('NOT_FOUND', 'No assignment has this id.');
  const [counts, owner] = await Promise.all([
    db.assignmentItem.groupBy({ by: ['result'], where: { assignmentId: id, result: { not: null } }, _count: { _all: true } }),
    assignment.ownerId ? db.user.findUnique({ where: { id: assignment.ownerId }, select: { id: true, name: true } }) : null,
  ]);
  const results = Object.fromEntries(counts.map((c) => [c.result, c._count._all])) as Partial<Record<AssignmentResult, number>>;
  return {
    id: assignment.id,
    owner,
    createdAt: assignment.createdAt.toISOString(),
    createdBy: assignment.createdBy.name,
    finishedAt: assignment.finishedAt?.toISOString() ?? null,
    total: assignment.total,
    processed: counts.reduce((sum, c) => sum + c._count._all, 0),
    results,
    ...(assignment.filter === null ? { items: await pickedItems(db, id) } : {}),
  };
}

async function pickedItems(db: Db, id: string): Promise<NonNullable<AssignmentProgress['items']>> {
  const items = await db.assignmentItem.findMany({ where: { assignmentId: id, result: { not: null } }, orderBy: { credentialId: 'asc' }, select: { credentialId: true, result: true, fromOwnerId: true } });
  const [credentials, owners] = await Promise.all([
    db.credential.findMany({ where: { id: { in: items.map((i) => i.credentialId) } }, select: { id: true, token: true } }),
    db.user.findMany({ where: { id: { in: [...new Set(items.flatMap((i) => (i.fromOwnerId ? [i.fromOwnerId] : [])))] } }, select: { id: true, name: true } }),
  ]);
  const tokenOf = new Map(credentials.map((c) => [c.id, c.token]));
  const nameOf = new Map(owners.map((u) => [u.id, u.name]));
  return items.map((i) => ({ token: tokenOf.get(i.credentialId) ?? '', result: i.result as AssignmentResult, from: i.fromOwnerId ? (nameOf.get(i.fromOwnerId) ?? 'a former user') : null }));
}
