import 'server-only';
import type { Actor } from '@/lib/domain/permissions.ts';
import { CounterDeltas } from '@/server/credentials/status-counters.ts';
import { db as defaultDb, providerOf, type Db, type Tx } from '@/server/db/client.ts';
import { insertRows } from '@/server/db/insert-rows.ts';
import { Prisma } from '@/server/db/sql.ts';

// Short transactions: the ingestion, which locks the same credentials, waits for one batch at most.
const BATCH = 500;

interface RunOptions {
  db?: Db;
  now?: () => Date;
}

interface LockedRow {
  id: number;
  token: string;
  institutionId: string;
  status: string;
  ownerId: string | null;
}

/**
 * Gives an assignment's credentials to its owner, a batch per transaction: each batch locks its
 * credentials (on PostgreSQL, in id order like the ingestion, so neither deadlocks the other) and
 * reads their owner and status as they are then, moves the status counters from the old owner to the
 * new one, writes one audit event per credential that changed hands, and records every item's result.
 * Two runners on one assignment (a retried job, the resume schedule) only ever take different items.
 */
export async function runAssignment(id: string, options: RunOptions = {}): Promise<void> {
  const db = options.db ?? defaultDb;
  const clock = options.now ?? (() => new Date());
  const assignment = await db.assignment.findUnique({ where: { id }, include: { createdBy: { select: { id: true, email: true } } } });
  if (!assignment || assignment.finishedAt) return;
  const lock = providerOf(db) === 'postgresql' ? Prisma.sql`FOR UPDATE` : Prisma.empty;
  for (;;) {
    const processed = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<LockedRow[]>`
        SELECT c.id, c.token, c."institutionId", c.status, c."ownerId"
        FROM "AssignmentItem" i JOIN "Credential" c ON c.id = i."credentialId"
        WHERE i."assignmentId" = ${id} AND i.result IS NULL
        ORDER BY c.id LIMIT ${BATCH} ${lock}`;
      if (rows.length) await assignBatch(tx, id, assignment.ownerId, assignment.createdBy, rows.map((r) => ({ ...r, id: Number(r.id) })), clock());
      return rows.length;
    });
    if (processed === 0) break;
  }
  await db.assignment.updateMany({ where: { id, finishedAt: null }, data: { finishedAt: clock() } });
}

async function assignBatch(tx: Tx, id: string, ownerId: string | null, actor: Pick<Actor, 'id' | 'email'>, rows: LockedRow[], now: Date): Promise<void> {
  const moved = rows.filter((r) => r.ownerId !== ownerId);
  if (moved.length) {
    await tx.$executeRaw`UPDATE "Credential" SET "ownerId" = ${ownerId} WHERE id IN (${Prisma.join(moved.map((r) => r.id))})`;
    const counters = new CounterDeltas();
    for (const r of moved) {
      counters.add(r.institutionId, r.ownerId, r.status, -1);
      counters.add(r.institutionId, ownerId, r.status, 1);
    }
    await counters.apply(tx);
    await insertRows(
      tx,
      'AuditEvent',
      ['actorId', 'actorEmail', 'action', 'targetType', 'targetId', 'details', 'createdAt'],
      moved.map((r) => [actor.id, actor.email, 'credential.changeOwner', 'credential', r.token, JSON.stringify({ from: r.ownerId, to: ownerId, assignment: id }), now]),
    );
  }
  const byFormerOwner = new Map<string | null, number[]>();
  for (const r of moved) {
    const ids = byFormerOwner.get(r.ownerId);
    if (ids) ids.push(r.id);
    else byFormerOwner.set(r.ownerId, [r.id]);
  }
  for (const [from, ids] of byFormerOwner) {
    await tx.$executeRaw`UPDATE "AssignmentItem" SET result = 'ASSIGNED', "fromOwnerId" = ${from} WHERE "assignmentId" = ${id} AND "credentialId" IN (${Prisma.join(ids)})`;
  }
  const kept = rows.filter((r) => r.ownerId === ownerId).map((r) => r.id);
  if (kept.length) {
    await tx.$executeRaw`UPDATE "AssignmentItem" SET result = 'UNCHANGED', "fromOwnerId" = ${ownerId} WHERE "assignmentId" = ${id} AND "credentialId" IN (${Prisma.join(kept)})`;
  }
}

/** Picks up assignments left unfinished by a crash or restart. */
export async function resumeAssignments(options: RunOptions = {}): Promise<void> {
  const db = options.db ?? defaultDb;
  for (const { id } of await db.assignment.findMany({ where: { finishedAt: null }, select: { id: true } })) await runAssignment(id, options);
}
