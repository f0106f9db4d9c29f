import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { BulkSendResult } from '@/lib/schemas/bulk-sends.ts';
import type { Actor } from '@/lib/domain/permissions.ts';
import type { Role } from '@/lib/domain/roles.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import type { EmailTransport } from '@/server/email/email-transport.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import type { LinkFlow } from '@/lib/domain/link-rules.ts';
import { sendLink } from '@/server/links/send-link.ts';

const BATCH = 50;
// Renewed before every item, so a runner that was killed is replaced within a minute (by the next
// resumeBulkSends of any process) while a live one keeps it.
const LEASE_MS = 30_000;
// Readable in the BulkSend row: which process holds a lease.
const PROCESS_ID = `${hostname()}:${process.pid}`;

interface RunOptions {
  db?: Db;
  transport?: EmailTransport;
  now?: () => Date;
}

/**
 * Sends the links of a bulk send, item by item, recording each result. One runner at a time works on
 * a bulk send, in any process: it holds a lease in the database, renewed as items progress, and stops
 * as soon as it has lost it. Each send carries an idempotency key made of the bulk send and the
 * credential, so a runner replacing one that stalled or crashed between sending and recording sends
 * no second email. A database error stops the run; it resumes later.
 */
export async function runBulkSend(id: string, options: RunOptions = {}): Promise<void> {
  const db = options.db ?? defaultDb;
  const clock = options.now ?? (() => new Date());
  const runner = `${PROCESS_ID}:${randomUUID().slice(0, 8)}`;
  if (!(await holdLease(db, id, runner, clock()))) return;
  const bulk = await db.bulkSend.findUniqueOrThrow({ where: { id }, include: { createdBy: true } });
  const { createdBy: u } = bulk;
  const sender: Actor = { id: u.id, email: u.email, name: u.name, role: u.role as Role };
  for (;;) {
    const items = await db.$queryRaw<{ credentialId: number; token: string; email: string | null }[]>`
      SELECT i."credentialId", c.token,
        (SELECT ct.email FROM "CredentialContact" cc JOIN "Contact" ct ON ct.id = cc."contactId"
         WHERE cc."credentialId" = c.id ORDER BY cc."createdAt", ct.id LIMIT 1) AS email
      FROM "BulkSendItem" i JOIN "Credential" c ON c.id = i."credentialId"
      WHERE i."bulkSendId" = ${id} AND i.result IS NULL
      ORDER BY i."credentialId" LIMIT ${BATCH}`;
    if (items.length === 0) break;
    for (const item of items) {
      if (!(await holdLease(db, id, runner, clock()))) return; // another runner took over
      const outcome = item.email
        ? await sendOne(db, sender, bulk.id, bulk.flow as LinkFlow, item.credentialId, item.token, item.email, options)
        : { result: 'NO_CONTACT' as const, linkId: null, emailId: null, detail: 'No contact on file: add one, or contact the client another way.' };
      // A runner that stalled past its lease may come back to an item its replacement has recorded.
      await db.bulkSendItem.updateMany({ where: { bulkSendId: id, credentialId: item.credentialId, result: null }, data: outcome });
    }
  }
  // Not released on an error: the error is the one worth reporting, and the lease runs out by itself.
  await db.bulkSend.updateMany({ where: { id, leaseOwner: runner }, data: { finishedAt: clock(), leaseOwner: null, leaseUntil: null } });
}

/** Takes or renews the lease in one conditional update: free, run out, or already this runner's. */
async function holdLease(db: Db, id: string, runner: string, now: Date): Promise<boolean> {
  const held = await db.bulkSend.updateMany({
    where: { id, finishedAt: null, OR: [{ leaseOwner: null }, { leaseUntil: { lte: now } }, { leaseOwner: runner }] },
    data: { leaseOwner: runner, leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  return held.count === 1;
}

async function sendOne(db: Db, sender: Actor, bulkId: string, flow: LinkFlow, credentialId: number, token: string, email: string, options: RunOptions) {
  const idempotencyKey = `bulk:${bulkId}:${credentialId}`;
  try {
    const sent = await sendLink(sender, token, { flow, email }, { db, transport: options.transport, now: options.now?.(), idempotencyKey });
    // The item points at its email, whose state says whether it has reached the mail server (getBulkSend).
    const written = await db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey }, select: { id: true } });
    return { result: (sent.outcome === 'RESENT' ? 'RESENT' : 'SENT') satisfies BulkSendResult, linkId: sent.link.id, emailId: written.id, detail: email };
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return { result: 'STATUS_CHANGED' satisfies BulkSendResult, linkId: null, emailId: null, detail: error.message };
    if (error instanceof AppError && error.code === 'RATE_LIMITED') return { result: 'RATE_LIMITED' satisfies BulkSendResult, linkId: null, emailId: null, detail: error.message };
    throw error;
  }
}

/** Picks up bulk sends left unfinished by a crash or restart; one another runner holds is left to it. */
export async function resumeBulkSends(options: RunOptions = {}): Promise<void> {
  const db = options.db ?? defaultDb;
  for (const { id } of await db.bulkSend.findMany({ where: { finishedAt: null }, select: { id: true } })) await runBulkSend(id, options);
}
