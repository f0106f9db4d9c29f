// Times one run of the reminder job over 50,000 unopened links, all due at once (the worst morning:
// a bulk send of 50,000 two days ago), in DATABASE_URL's bulk-seeded database: the reminders
// written to the outbox, the links rescheduled, the audit events; then the outbox's delivery of
// them to the built-in mailbox. Run by `npm run bench`; prints one JSON line.
import { db } from '@/server/db/client.ts';
import { insertRows } from '@/server/db/insert-rows.ts';
import { deliverOutbox } from '@/server/email/deliver-outbox.ts';
import { mailboxTransport } from '@/server/email/email-transport.ts';
import { hashLinkToken, newLinkToken, sealLinkToken } from '@/server/links/link-token.ts';
import { markLinkSent } from '@/server/links/mark-link-sent.ts';
import { sendDueReminders } from '@/server/reminders/send-due-reminders.ts';

const LINKS = Number(process.env.BENCH_REMINDER_LINKS ?? 50_000);
const DAY_MS = 86_400_000;
// Midday UTC, outside any recipient's quiet hours here (the links' time zone is UTC).
const now = new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`);
const sentAt = new Date(now.getTime() - 2 * DAY_MS - 60_000);

// One link in ten goes to the same person as the link before it: their reminders go in one email.
const recipientOf = (i: number) => `client-${i % 10 === 1 ? i - 1 : i}@example.com`;
const credentials = await db.credential.findMany({ where: { status: { in: ['PENDING_SCA', 'BLOCKED'] } }, select: { id: true, status: true }, take: LINKS, orderBy: { id: 'asc' } });
const sender = await db.user.findFirstOrThrow({ select: { id: true } });
const started = performance.now();
await db.$transaction(
  async (tx) => {
    await markLinkSent(tx, credentials.map((c) => c.id), sentAt);
    await insertRows(
      tx,
      'Link',
      ['id', 'credentialId', 'flow', 'tokenHash', 'tokenSealed', 'recipientEmail', 'senderId', 'state', 'createdAt', 'lastSentAt', 'expiresAt', 'language', 'timeZone', 'remindersEnabled', 'remindersSent', 'nextReminderAt'],
      credentials.map((c, i) => {
        const token = newLinkToken();
        return [`bench-reminder-${i}`, c.id, c.status === 'BLOCKED' ? 'RESET' : 'SCA', hashLinkToken(token), sealLinkToken(token), recipientOf(i), sender.id, 'SENT', sentAt, sentAt, new Date(sentAt.getTime() + 7 * DAY_MS), i % 2 ? 'es' : 'en', 'UTC', true, 0, new Date(sentAt.getTime() + 2 * DAY_MS)];
      }),
    );
  },
  { timeout: 600_000 },
);
const insertSeconds = (performance.now() - started) / 1000;

const runStarted = performance.now();
let sent = 0;
let emails = 0;
let slices = 0;
// As the job does: 20-second slices, each continuing where the last stopped.
for (;;) {
  const summary = await sendDueReminders(db, { now, sliceMs: 20_000 });
  sent += summary.sent;
  emails += summary.emails;
  slices += 1;
  if (summary.complete) break;
}
const seconds = (performance.now() - runStarted) / 1000;
// Then the outbox's delivery job drains them, one worker, in its one-minute passes.
const deliveryStarted = performance.now();
let delivered = 0;
for (;;) {
  const pass = await deliverOutbox(db, { now, transport: mailboxTransport, sliceMs: 60_000 });
  delivered += pass.sent;
  if (pass.sent + pass.failed === 0) break;
}
const deliverySeconds = (performance.now() - deliveryStarted) / 1000;
console.log(JSON.stringify({ links: credentials.length, insertSeconds, sent, emails, slices, seconds, delivered, deliverySeconds }));
await db.$disconnect();
