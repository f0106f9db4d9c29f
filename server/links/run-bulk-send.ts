import 'server-only';
import type { BulkSendResult } from '@/lib/schemas/links.ts';
import type { Actor } from '@/server/auth/permissions.ts';
import type { Role } from '@/server/auth/roles.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import type { EmailTransport } from '@/server/email/email-transport.ts';
import { AppError } from '@/server/http/errors.ts';
import type { LinkFlow } from './link-rules.ts';
import { sendLink } from './send-link.ts';

const BATCH = 50;
// One runner per bulk send in this process; another process racing it is harmless (idempotency keys).
const running = new Set<string>();

interface RunOptions {
  db?: Db;
  transport?: EmailTransport;
  now?: () => Date;
}

/**
 * Sends the links of a bulk send, item by item, recording each result. Each send carries an
 * idempotency key made of the bulk send and the credential, so a run that crashed between sending and
 * recording resumes without a second email. A database error stops the run; it resumes later.
 */
export async function runBulkSend(id: string, options: RunOptions = {}): Promise<void> {
  if (running.has(id)) return;
  running.add(id);
  try {
    const db = options.db ?? defaultDb;
    const bulk = await db.bulkSend.findUnique({ where: { id }, include: { createdBy: true } });
    if (!bulk || bulk.finishedAt) return;
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
        const outcome = item.email
          ? await sendOne(db, sender, bulk.id, bulk.flow as LinkFlow, item.credentialId, item.token, item.email, options)
          : { result: 'NO_CONTACT' as const, linkId: null, detail: 'No contact on file: add one, or contact the client another way.' };
        await db.bulkSendItem.update({ where: { bulkSendId_credentialId: { bulkSendId: id, credentialId: item.credentialId } }, data: outcome });
      }
    }
    await db.bulkSend.update({ where: { id }, data: { finishedAt: options.now?.() ?? new Date() } });
  } finally {
    running.delete(id);
  }
}

async function sendOne(db: Db, sender: Actor, bulkId: string, flow: LinkFlow, credentialId: number, token: string, email: string, options: RunOptions) {
  try {
    const sent = await sendLink(sender, token, { flow, email }, { db, transport: options.transport, now: options.now?.(), idempotencyKey: `bulk:${bulkId}:${credentialId}` });
    return { result: (sent.outcome === 'RESENT' ? 'RESENT' : 'SENT') satisfies BulkSendResult, linkId: sent.link.id, detail: email };
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return { result: 'STATUS_CHANGED' satisfies BulkSendResult, linkId: null, detail: error.message };
    if (error instanceof AppError && error.code === 'RATE_LIMITED') return { result: 'RATE_LIMITED' satisfies BulkSendResult, linkId: null, detail: error.message };
    throw error;
  }
}

/** Picks up bulk sends left unfinished by a crash or restart. */
export async function resumeBulkSends(options: RunOptions = {}): Promise<void> {
  const db = options.db ?? defaultDb;
  for (const { id } of await db.bulkSend.findMany({ where: { finishedAt: null }, select: { id: true } })) await runBulkSend(id, options);
}
