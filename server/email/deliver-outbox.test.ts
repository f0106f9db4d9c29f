import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/server/db/client.ts';
import { messageIdOf, startSmtpServer } from '@/server/testing/loopback-smtp-server.ts';
import { createTestDatabase, DATABASE_KINDS, type DatabaseKind, type TestDatabase } from '@/server/testing/test-database.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import { smtpTransport } from './email-transport.ts';

const now = new Date('2026-11-20T14:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

/**
 * Makes the database itself refuse to record an email as SENT while switched on: a trigger on
 * OutboxEmail reading a one-row control table, so the write fails inside the database, as it does
 * when PostgreSQL restarts or a connection drops between the mail server's answer and the write.
 */
async function installSentWriteRefusal(db: Db, kind: DatabaseKind) {
  await db.$executeRawUnsafe(`CREATE TABLE "RefuseSentWrites" ("refusing" INTEGER NOT NULL)`);
  await db.$executeRawUnsafe(`INSERT INTO "RefuseSentWrites" VALUES (0)`);
  if (kind === 'sqlite') {
    await db.$executeRawUnsafe(`CREATE TRIGGER "refuse_sent_writes" BEFORE UPDATE OF "state" ON "OutboxEmail"
      WHEN NEW."state" = 'SENT' AND (SELECT "refusing" FROM "RefuseSentWrites") = 1
      BEGIN SELECT RAISE(ABORT, 'the database refused to record the email as sent'); END`);
  } else {
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_sent_writes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."state" = 'SENT' AND (SELECT "refusing" FROM "RefuseSentWrites") = 1 THEN
          RAISE EXCEPTION 'the database refused to record the email as sent';
        END IF;
        RETURN NEW;
      END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_sent_writes BEFORE UPDATE ON "OutboxEmail" FOR EACH ROW EXECUTE FUNCTION refuse_sent_writes()`);
  }
  return (refusing: boolean) => db.$executeRawUnsafe(`UPDATE "RefuseSentWrites" SET "refusing" = ${refusing ? 1 : 0}`);
}

describe.each(DATABASE_KINDS)('the outbox against a real SMTP server on loopback, on %s', (kind) => {
  let t: TestDatabase;
  let refuseSentWrites: (refusing: boolean) => Promise<number>;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    refuseSentWrites = await installSentWriteRefusal(t.db, kind);
  });
  afterAll(() => t?.drop());

  const queue = (to: string) => t.db.outboxEmail.create({ data: { to, subject: `For ${to}`, text: 'Hello', html: '<p>Hello</p>', createdAt: now, nextAttemptAt: now } });

  it('keeps an email the server refused, retries it after the backoff, and delivers it exactly once', async () => {
    const smtp = await startSmtpServer(1, 451);
    try {
      const transport = smtpTransport(smtp.url, 'CredOps <no-reply@credops.test>');
      const email = await queue('retry@example.com');
      expect(await deliverOutbox(t.db, { transport, now })).toEqual({ sent: 0, failed: 1 });
      const waiting = await t.db.outboxEmail.findUniqueOrThrow({ where: { id: email.id } });
      expect(waiting).toMatchObject({ state: 'PENDING', attempts: 1, lastError: expect.stringContaining('Try again later') });
      expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(later(20).getTime());

      expect(await deliverOutbox(t.db, { transport, now: later(5) })).toEqual({ sent: 0, failed: 0 }); // not due yet
      expect(await deliverOutbox(t.db, { transport, now: later(60) })).toEqual({ sent: 1, failed: 0 });
      expect(await deliverOutbox(t.db, { transport, now: later(3600) })).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]).toContain('Subject: For retry@example.com');
      expect(smtp.received[0]).toContain('From: CredOps <no-reply@credops.test>');
      // One Message-ID for every attempt at this email, so a receiver can drop a repeat.
      expect(smtp.offered.map(messageIdOf)).toEqual([`<outbox-${email.id}.${now.getTime()}@credops.test>`, `<outbox-${email.id}.${now.getTime()}@credops.test>`]);
      expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ state: 'SENT', attempts: 2, lastError: null });
    } finally {
      await smtp.close();
    }
  });

  it('gives up at once on a permanent refusal (5xx) and keeps the error for staff', async () => {
    const smtp = await startSmtpServer(1, 550);
    try {
      const email = await queue('nobody@example.com');
      await deliverOutbox(t.db, { transport: smtpTransport(smtp.url, 'CredOps <no-reply@credops.test>'), now, ids: [email.id] });
      expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ state: 'FAILED', attempts: 1, lastError: expect.stringContaining('Mailbox does not exist') });
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it('survives the mail server being down, and hands each email over once when two workers race', async () => {
    const email = await queue('down@example.com');
    await deliverOutbox(t.db, { transport: smtpTransport('smtp://127.0.0.1:1', 'x@credops.test'), now, ids: [email.id] });
    expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ state: 'PENDING', lastError: expect.stringMatching(/ECONNREFUSED|connect/) });

    const smtp = await startSmtpServer(0, 0);
    try {
      const transport = smtpTransport(smtp.url, 'CredOps <no-reply@credops.test>');
      const results = await Promise.all([deliverOutbox(t.db, { transport, now: later(3600) }), deliverOutbox(t.db, { transport, now: later(3600) })]);
      expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  // Regression: when the "mark sent" write failed after the mail server had accepted the email, the
  // outbox took it for a failed delivery, told staff "Delivery failed… retrying" and sent it again
  // (6 of 40 emails in one run).
  it('SMTP accepts, then the database write fails: exactly one delivery', async () => {
    const smtp = await startSmtpServer(0, 0);
    try {
      const transport = smtpTransport(smtp.url, 'CredOps <no-reply@credops.test>');
      const email = await queue('accepted@example.com');
      await refuseSentWrites(true);
      await expect(deliverOutbox(t.db, { transport, now, ids: [email.id], recordRetriesMs: [10, 10] })).rejects.toThrow(/handed to the mail server/);
      expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ state: 'SENDING', attempts: 1, lastError: null });

      // Still refused: each later pass retries the record, never the delivery, even once the claim has run out.
      await expect(deliverOutbox(t.db, { transport, now: later(60) })).rejects.toThrow(/not recorded as sent yet/);
      await expect(deliverOutbox(t.db, { transport, now: later(3600) })).rejects.toThrow(/not recorded as sent yet/);
      expect(smtp.received).toHaveLength(1);

      await refuseSentWrites(false);
      expect(await deliverOutbox(t.db, { transport, now: later(3660) })).toEqual({ sent: 0, failed: 0 });
      expect(await deliverOutbox(t.db, { transport, now: later(7200) })).toEqual({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ state: 'SENT', attempts: 1, lastError: null, sentAt: expect.any(Date) });
    } finally {
      await refuseSentWrites(false);
      await smtp.close();
    }
  });

  it('rides out a short database hiccup after the hand-over within the same pass', async () => {
    const smtp = await startSmtpServer(0, 0);
    try {
      const email = await queue('hiccup@example.com');
      await refuseSentWrites(true);
      const [summary] = await Promise.all([
        deliverOutbox(t.db, { transport: smtpTransport(smtp.url, 'CredOps <no-reply@credops.test>'), now, ids: [email.id] }),
        sleep(600).then(() => refuseSentWrites(false)),
      ]);
      expect(summary).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ state: 'SENT', attempts: 1 });
    } finally {
      await refuseSentWrites(false);
      await smtp.close();
    }
  });

  it('tries an email again, with the same Message-ID, only when its sender died mid-hand-over', async () => {
    const smtp = await startSmtpServer(0, 0);
    const otherProcess = createDb(t.url);
    try {
      const transport = smtpTransport(smtp.url, 'CredOps <no-reply@credops.test>');
      const email = await queue('crash@example.com');
      await refuseSentWrites(true);
      // This process hands the email over and cannot record it: as far as the others know, it died.
      await expect(deliverOutbox(t.db, { transport, now, ids: [email.id], recordRetriesMs: [10] })).rejects.toThrow(/handed to the mail server/);
      await refuseSentWrites(false);

      expect(await deliverOutbox(otherProcess, { transport, now: later(30) })).toEqual({ sent: 0, failed: 0 }); // still claimed
      expect(await deliverOutbox(otherProcess, { transport, now: later(90) })).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received).toHaveLength(2);
      expect(messageIdOf(smtp.received[1])).toBe(messageIdOf(smtp.received[0]));
      expect(messageIdOf(smtp.received[0])).toBe(`<outbox-${email.id}.${now.getTime()}@credops.test>`);

      expect(await deliverOutbox(t.db, { transport, now: later(400) })).toEqual({ sent: 0, failed: 0 });
      expect(await t.db.outboxEmail.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ state: 'SENT', attempts: 2 });
      expect(smtp.received).toHaveLength(2);
    } finally {
      await refuseSentWrites(false);
      await otherProcess.$disconnect();
      await smtp.close();
    }
  });
});
