import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { BulkSendResult } from '@/lib/schemas/bulk-sends.ts';
import type { Actor } from '@/lib/domain/permissions.ts';
import type { Role } from '@/lib/domain/roles.ts';
import { db as defaultDb, type Db } from '@/server/db/client.ts';
import type { EmailTransport } from '@/server/email/email-transport.ts';
import type { LinkFlow } from '@/lib/domain/link-rules.ts';
import { groupByRecipient } from '@/lib/domain/link-email.ts';
import { Prisma } from '@/server/db/sql.ts';
import { sendLinksToPerson } from '@/server/links/send-link.ts';
import { FIRST_CONTACT_EMAIL } from './bulk-send-selection.ts';

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
 * Sends the links of a bulk send, one email per person: a person with several of its credentials
 * gets one email listing each (server/links/send-link.ts, sendLinksToPerson), and each item records
 * its result. One runner at a time works on a bulk send, in any process: it holds a lease in the
 * database, renewed before each email, and stops as soon as it has lost it. Each email carries an
 * idempotency key made of the bulk send and its credentials, so a runner replacing one that stalled
 * or crashed between sending and recording sends no second email. A database error stops the run;
 * it resumes later.
 */
export async function runBulkSend(id: string, options: RunOptions = {}): Promise<void> {
  const db = options.db ?? defaultDb;
  const clock = options.now ?? (() => new Date());
  const runner = `${PROCESS_ID}:${randomUUID().slice(0, 8)}`;
  if (!(await holdLease(db, id, runner, clock()))) return;
  const bulk = await db.bulkSend.findUniqueOrThrow({ where: { id }, include: { createdBy: true } });
  const { createdBy: u } = bulk;
  const sender: Actor = { id: u.id, email: u.email, name: u.name, role: u.role as Role };
  const flow = bulk.flow as LinkFlow;
  for (;;) {
    const batch = await waitingItems(db, id, Prisma.sql`TRUE ORDER BY i."credentialId" LIMIT ${BATCH}`);
    if (batch.length === 0) break;
    const noContact = batch.filter((item) => !item.email).map((item) => item.credentialId);
    if (noContact.length) {
      await record(db, id, noContact, { result: 'NO_CONTACT', linkId: null, emailId: null, detail: 'No contact on file: add one, or contact the client another way.' });
    }
    const people = [...new Set(batch.flatMap((item) => (item.email ? [item.email] : [])))];
    // The same people's other waiting credentials join them, wherever they are in the bulk send.
    const others = people.length
      ? (await waitingItems(db, id, Prisma.sql`i."credentialId" IN (SELECT cc."credentialId" FROM "CredentialContact" cc JOIN "Contact" ct ON ct.id = cc."contactId" WHERE ct.email IN (${Prisma.join(people)}))
          AND i."credentialId" NOT IN (${Prisma.join(batch.map((item) => item.credentialId))}) ORDER BY i."credentialId"`)).filter((item) => item.email && people.includes(item.email))
      : [];
    // Each email's credentials in id order: the order their rows are locked in, as everywhere else.
    const waiting = [...batch.filter((item) => item.email), ...others].sort((a, b) => a.credentialId - b.credentialId);
    for (const group of groupByRecipient(waiting, (item) => item.email!)) {
      if (!(await holdLease(db, id, runner, clock()))) return; // another runner took over
      await sendGroup(db, sender, id, flow, group, options);
    }
  }
  // Not released on an error: the error is the one worth reporting, and the lease runs out by itself.
  await db.bulkSend.updateMany({ where: { id, leaseOwner: runner }, data: { finishedAt: clock(), leaseOwner: null, leaseUntil: null } });
}

type WaitingItem = { credentialId: number; token: string; email: string | null };

/** Items not yet processed, with the address each goes to, under `rest` (a condition, then the order). */
const waitingItems = (db: Db, id: string, rest: Prisma.Sql) =>
  db.$queryRaw<WaitingItem[]>`
    SELECT i."credentialId", c.token, ${FIRST_CONTACT_EMAIL} AS email
    FROM "BulkSendItem" i JOIN "Credential" c ON c.id = i."credentialId"
    WHERE i."bulkSendId" = ${id} AND i.result IS NULL AND ${rest}`;

// A runner that stalled past its lease may come back to items its replacement has recorded.
const record = (db: Db, id: string, credentialIds: number[], outcome: { result: BulkSendResult; linkId: string | null; emailId: number | null; detail: string | null }) =>
  db.bulkSendItem.updateMany({ where: { bulkSendId: id, credentialId: { in: credentialIds }, result: null }, data: outcome });

/** The key of one person's email in this bulk send: the same credentials, the same key. */
function emailKey(bulkId: string, credentialIds: number[]): string {
  const ids = [...credentialIds].sort((a, b) => a - b);
  return `bulk:${bulkId}:${ids.length === 1 ? ids[0] : createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32)}`;
}

async function sendGroup(db: Db, sender: Actor, bulkId: string, flow: LinkFlow, group: WaitingItem[], options: RunOptions) {
  const email = group[0].email!;
  const results = await sendLinksToPerson(
    sender,
    email,
    group.map((item) => ({ token: item.token, flow })),
    { db, transport: options.transport, now: options.now?.(), idempotencyKey: emailKey(bulkId, group.map((item) => item.credentialId)) },
  );
  const idOf = new Map(group.map((item) => [item.token, item.credentialId]));
  for (const r of results) {
    // Not in the email an earlier attempt wrote under this key: it waits for the next pass, in a smaller group.
    if (r.result === 'NOT_SENT') continue;
    // The item points at its email, whose state says whether it has reached the mail server (getBulkSend).
    const outcome = 'emailId' in r ? { result: r.result, linkId: r.linkId, emailId: r.emailId, detail: email } : { result: r.result, linkId: null, emailId: null, detail: r.detail };
    await record(db, bulkId, [idOf.get(r.token)!], outcome);
  }
}

/** Takes or renews the lease in one conditional update: free, run out, or already this runner's. */
async function holdLease(db: Db, id: string, runner: string, now: Date): Promise<boolean> {
  const held = await db.bulkSend.updateMany({
    where: { id, finishedAt: null, OR: [{ leaseOwner: null }, { leaseUntil: { lte: now } }, { leaseOwner: runner }] },
    data: { leaseOwner: runner, leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  return held.count === 1;
}

/** Picks up bulk sends left unfinished by a crash or restart; one another runner holds is left to it. */
export async function resumeBulkSends(options: RunOptions = {}): Promise<void> {
  const db = options.db ?? defaultDb;
  for (const { id } of await db.bulkSend.findMany({ where: { finishedAt: null }, select: { id: true } })) await runBulkSend(id, options);
}
