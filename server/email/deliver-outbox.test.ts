import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import { smtpTransport } from './email-transport.ts';

/** A real SMTP server on loopback that refuses the first `refusals` messages with `code`, then accepts. */
async function startSmtpServer(refusals: number, code: number) {
  const received: string[] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        if (refused < refusals) {
          refused++;
          callback(Object.assign(new Error(code >= 500 ? 'Mailbox does not exist' : 'Try again later'), { responseCode: code }));
          return;
        }
        received.push(data);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const now = new Date('2026-11-20T14:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe.each(DATABASE_KINDS)('the outbox against a real SMTP server on loopback, on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
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
});
