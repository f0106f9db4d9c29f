import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '@/server/db/client.ts';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './delivery-retries.ts';
import { configuredTransport, DeliveryError, type EmailTransport } from './email-transport.ts';

// A claim lasts this long unless renewed: the sender renews it while it hands the email over and until
// the hand-over is recorded, so only a dead sender's claim runs out, and its email is tried again
// within a minute or so.
const CLAIM_MS = 60_000;
const BATCH = 50;
// Pauses between attempts to record that the mail server took an email, about 15 s in all: a
// database that restarts or drops a connection is usually back by then.
const RECORD_RETRIES_MS = [250, 1_000, 3_000, 10_000];

// Emails this process handed over but could not record as SENT yet, per database client; their claims
// stay renewed. Kept on globalThis because Next loads this module more than once in a process, and a
// copy that did not know would send the email again.
const HANDED_OVER = Symbol.for('credops.emailsHandedOverNotRecorded');
interface HandedOver {
  sentAt: Date;
  claim: Claim;
}
const globals = globalThis as unknown as Record<symbol, WeakMap<Db, Map<number, HandedOver>> | undefined>;
const handedOver = (globals[HANDED_OVER] ??= new WeakMap());

export interface DeliverySummary {
  /** Handed to the mail server by this pass. */
  sent: number;
  failed: number;
}

export interface DeliverOptions {
  transport?: EmailTransport;
  now?: Date;
  ids?: number[];
  /** Pauses between attempts to record a hand-over; by default about 15 s in all. */
  recordRetriesMs?: readonly number[];
  /** Keep delivering batch after batch for up to this long (a backlog: a reminder run, a bulk send); by default one batch. */
  sliceMs?: number;
}

/**
 * Delivers due emails from the outbox. Each email is claimed first (a conditional update to SENDING),
 * so two workers never hand the same email over at once; a failed hand-over stays in the outbox with
 * its error and is retried with backoff, until the server refuses it for good or the attempts run out.
 * Once the mail server has taken an email it is never handed over again by this process: if the
 * database cannot record it, the record is retried (here, then at the start of every later pass, and
 * nothing more is handed over meanwhile). Only an email whose sender died mid-hand-over is sent
 * again, after its claim runs out, with the same Message-ID.
 */
export async function deliverOutbox(db: Db, options: DeliverOptions = {}): Promise<DeliverySummary> {
  const started = Date.now();
  const total: DeliverySummary = { sent: 0, failed: 0 };
  for (;;) {
    const pass = await deliverBatch(db, options);
    total.sent += pass.sent;
    total.failed += pass.failed;
    if (options.sliceMs === undefined || pass.sent + pass.failed === 0 || Date.now() - started > options.sliceMs) return total;
  }
}

async function deliverBatch(db: Db, options: DeliverOptions): Promise<DeliverySummary> {
  const transport = options.transport ?? configuredTransport();
  const now = options.now ?? new Date();
  await recordEarlierHandOvers(db);
  const due = await db.outboxEmail.findMany({
    where: { state: { in: ['PENDING', 'SENDING'] }, nextAttemptAt: { lte: now }, ...(options.ids ? { id: { in: options.ids } } : {}) },
    orderBy: { nextAttemptAt: 'asc' },
    take: BATCH,
  });
  const summary: DeliverySummary = { sent: 0, failed: 0 };
  for (const email of due) {
    const claim = await db.outboxEmail.updateMany({
      where: { id: email.id, state: email.state, nextAttemptAt: email.nextAttemptAt },
      data: { state: 'SENDING', nextAttemptAt: new Date(now.getTime() + CLAIM_MS), attempts: { increment: 1 } },
    });
    if (claim.count === 0) continue; // another worker has it
    const held = holdClaim(db, email.id, now);
    const attempts = email.attempts + 1;
    try {
      const messageKey = `outbox-${email.id}.${email.createdAt.getTime()}`;
      await transport.send({ messageKey, to: email.to, subject: email.subject, text: email.text, html: email.html });
    } catch (error) {
      held.release();
      const message = error instanceof Error ? error.message : String(error);
      const givingUp = (error instanceof DeliveryError && error.permanent) || attempts >= MAX_DELIVERY_ATTEMPTS;
      await db.outboxEmail.update({
        where: { id: email.id },
        data: givingUp ? { state: 'FAILED', lastError: message } : { state: 'PENDING', lastError: message, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) },
      });
      summary.failed++;
      continue;
    }
    summary.sent++;
    await recordHandOver(db, email.id, { sentAt: new Date(), claim: held }, options.recordRetriesMs ?? RECORD_RETRIES_MS);
  }
  return summary;
}

interface Claim {
  release(): void;
}

/** Renews a claim (in the clock of the pass that made it) until released. */
function holdClaim(db: Db, id: number, claimedAt: Date): Claim {
  const started = Date.now();
  const timer = setInterval(() => {
    const until = new Date(claimedAt.getTime() + (Date.now() - started) + CLAIM_MS);
    // A renewal the database refuses is tried again at the next tick, while the claim still holds.
    db.outboxEmail.updateMany({ where: { id, state: 'SENDING' }, data: { nextAttemptAt: until } }).catch(() => undefined);
  }, CLAIM_MS / 3);
  timer.unref();
  return { release: () => clearInterval(timer) };
}

function handedOverBy(db: Db): Map<number, HandedOver> {
  let emails = handedOver.get(db);
  if (!emails) handedOver.set(db, (emails = new Map()));
  return emails;
}

// Whoever records it, the email was delivered: a row another process took back after a crash is
// SENT too, and the first time it was sent is the one kept.
const recordSent = (db: Db, id: number, sentAt: Date) =>
  db.outboxEmail.updateMany({ where: { id, state: { not: 'SENT' } }, data: { state: 'SENT', sentAt, lastError: null } });

async function recordHandOver(db: Db, id: number, handOver: HandedOver, pauses: readonly number[]): Promise<void> {
  const unrecorded = handedOverBy(db);
  unrecorded.set(id, handOver);
  for (let attempt = 0; ; attempt++) {
    try {
      await recordSent(db, id, handOver.sentAt);
      unrecorded.delete(id);
      handOver.claim.release();
      return;
    } catch (error) {
      if (attempt >= pauses.length) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Email ${id} was handed to the mail server but could not be recorded as sent; this process will record it later and never send it again. ${reason}`, { cause: error });
      }
      await sleep(pauses[attempt]);
    }
  }
}

/** Handing more emails over while the database cannot record the ones already taken would only widen the window for duplicates. */
async function recordEarlierHandOvers(db: Db): Promise<void> {
  const unrecorded = handedOverBy(db);
  for (const [id, handOver] of unrecorded) {
    try {
      await recordSent(db, id, handOver.sentAt);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${unrecorded.size} email(s) handed to the mail server are not recorded as sent yet, and the database still refuses; nothing more is handed over until they are. ${reason}`, { cause: error });
    }
    unrecorded.delete(id);
    handOver.claim.release();
  }
}
