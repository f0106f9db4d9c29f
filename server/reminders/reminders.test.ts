import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions.ts';
import { addCredentialContact } from '@/server/credentials/add-credential-contact.ts';
import { getCredential } from '@/server/credentials/get-credential.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { deliverOutbox } from '@/server/email/deliver-outbox.ts';
import { smtpTransport } from '@/server/email/email-transport.ts';
import { continueLink } from '@/server/links/continue-link.ts';
import { revokeLink } from '@/server/links/revoke-link.ts';
import { setLinkReminders } from '@/server/links/set-link-reminders.ts';
import { sendLink } from '@/server/links/send-link.ts';
import { startSmtpServer } from '@/server/testing/loopback-smtp-server.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { sendDueReminders } from './send-due-reminders.ts';

// Monday 12 January 2026, 10:00 UTC = 11:00 in Madrid.
const sentAt = new Date('2026-01-12T10:00:00Z');
const at = (days: number, hhmmUtc = '10:00') => new Date(`${new Date(sentAt.getTime() + days * 86_400_000).toISOString().slice(0, 10)}T${hhmmUtc}:00Z`);
// Quoted-printable UTF-8, as the message travelled, back to text.
const decoded = (message: string) =>
  Buffer.from(message.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');

describe.each(DATABASE_KINDS)('reminders of unopened links, on %s', (kind) => {
  let t: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let manager: Actor;
  let nth = 0;
  const transport = () => smtpTransport(smtp.url, 'CredOps <no-reply@credops.test>');
  // The job, then the outbox's delivery pass, to a real SMTP server.
  const run = async (now: Date) => {
    const summary = await sendDueReminders(t.db, { now });
    await deliverOutbox(t.db, { now, transport: transport(), sliceMs: 10_000 });
    return summary;
  };

  /** A Pending SCA credential with a Spanish contact in Madrid, and an SCA link sent to them at `sentAt`. */
  async function sentLink() {
    const credential = (await t.db.credential.findMany({ where: { status: 'PENDING_SCA' }, orderBy: { id: 'asc' }, skip: nth, take: 1 }))[0];
    const email = `cliente-${nth++}@example.com`;
    await addCredentialContact(manager, credential.token, { name: 'Lucía', email, language: 'es', timeZone: 'Europe/Madrid' }, { db: t.db });
    const sent = await sendLink(manager, credential.token, { flow: 'SCA', email }, { db: t.db, now: sentAt, transport: transport() });
    return { credential, email, link: sent.link };
  }
  const receivedBy = (email: string) => smtp.received.filter((m) => m.includes(`To: ${email}`)).map(decoded);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    smtp = await startSmtpServer();
    await seedDemoCompany(t.db, { credentials: 300, days: 10, seed: 'reminders', now: sentAt });
    const u = await t.db.user.findUniqueOrThrow({ where: { email: 'am@credops.test' } });
    manager = { id: u.id, email: u.email, name: u.name, role: u.role } as Actor;
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.drop();
  });

  it('writes the link email in the contact’s language, and schedules the first reminder for day 2', async () => {
    const { email, link } = await sentLink();
    const [first] = receivedBy(email);
    expect(first).toContain('Subject: Confirma el acceso a tu cuenta de');
    expect(first).toContain('Hola, Lucía:');
    expect(link.language).toBe('es');
    expect(link.reminders).toEqual({ enabled: true, sent: 0, nextAt: at(2).toISOString() });
  });

  it('sends the day-2 reminder once, however often and however many runs look, then the day-5 one, then none', async () => {
    const { credential, email, link } = await sentLink();
    expect(await run(at(1, '23:00'))).toMatchObject({ sent: 0 });
    const [a, b] = await Promise.all([run(at(2, '10:05')), run(at(2, '10:05'))]);
    expect(a.sent + b.sent).toBe(await t.db.outboxEmail.count({ where: { kind: 'REMINDER' } })); // this link's, and the first test's
    expect(await run(at(2, '12:00'))).toMatchObject({ sent: 0 });
    const reminders = receivedBy(email).slice(1);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toContain('Subject: Recordatorio: Confirma el acceso');
    expect(reminders[0]).toContain('Te escribimos el 12 de enero de 2026');
    // The same link as the first email: one link, reminded.
    const linkIn = (m: string) => /\/l\/([A-Za-z0-9_-]{43})/.exec(m)?.[1];
    expect(linkIn(reminders[0])).toBe(linkIn(receivedBy(email)[0]));

    await run(at(5, '10:00'));
    await run(at(6, '12:00'));
    expect(receivedBy(email)).toHaveLength(3);
    const stored = await t.db.link.findUniqueOrThrow({ where: { id: link.id } });
    expect(stored).toMatchObject({ remindersSent: 2, nextReminderAt: null });
    // A reminder is a link sent, for the worklists' "no link sent in this status" too.
    expect(stored.lastSentAt).toEqual(at(5, '10:00'));
    expect((await t.db.credential.findUniqueOrThrow({ where: { id: credential.id } })).linkSentAt).toEqual(stored.lastSentAt);
    expect(await t.db.auditEvent.count({ where: { action: 'link.remind', targetId: credential.token } })).toBe(2);
    const detail = await getCredential(manager, credential.token, { db: t.db, now: at(6) });
    expect(detail.timeline.filter((e) => e.link?.event === 'reminded').map((e) => e.link!.detail)).toEqual(['reminder 2 emailed to the end user', 'reminder 1 emailed to the end user']);
  });

  it('waits out quiet hours on the contact’s clock: a run at 22:30 in Madrid sends at 08:00 there', async () => {
    const { email, link } = await sentLink();
    expect(await run(at(2, '21:30'))).toMatchObject({ sent: 0, deferred: 1 });
    expect((await t.db.link.findUniqueOrThrow({ where: { id: link.id } })).nextReminderAt).toEqual(at(3, '07:00'));
    expect(await run(at(3, '06:59'))).toMatchObject({ sent: 0 });
    expect(await run(at(3, '07:00'))).toMatchObject({ sent: 1 });
    expect(receivedBy(email)).toHaveLength(2);
  });

  it('stop at once when the link is opened, revoked, turned off, or the credential recovers', async () => {
    const opened = await sentLink();
    const revoked = await sentLink();
    const off = await sentLink();
    const recovered = await sentLink();
    const token = (m: string) => /\/l\/([A-Za-z0-9_-]{43})/.exec(m)![1];
    await continueLink(token(receivedBy(opened.email)[0]), { db: t.db, now: at(1) }).catch(() => undefined);
    await revokeLink(manager, revoked.credential.token, revoked.link.id, { db: t.db, now: at(1) });
    await setLinkReminders(manager, off.credential.token, off.link.id, { reminders: false }, { db: t.db, now: at(1) });
    await t.db.credential.update({ where: { id: recovered.credential.id }, data: { status: 'ACTIVE' } });
    await run(at(2, '11:00'));
    await run(at(5, '11:00'));
    for (const { email } of [opened, revoked, off, recovered]) expect(receivedBy(email)).toHaveLength(1);
  });

  it('reminds a person of all their unopened links in one email: Blocked at one bank, Pending SCA at another', async () => {
    const email = 'una-persona@example.com';
    const blocked = (await t.db.credential.findFirstOrThrow({ where: { status: 'BLOCKED' }, orderBy: { id: 'desc' }, include: { institution: true } }));
    const pending = (await t.db.credential.findFirstOrThrow({ where: { status: 'PENDING_SCA', institutionId: { not: blocked.institutionId } }, orderBy: { id: 'desc' }, include: { institution: true } }));
    for (const c of [blocked, pending]) await addCredentialContact(manager, c.token, { name: 'Pau', email, language: 'ca', timeZone: 'Europe/Madrid' }, { db: t.db });
    await sendLink(manager, blocked.token, { flow: 'RESET', email }, { db: t.db, now: sentAt, transport: transport() });
    await sendLink(manager, pending.token, { flow: 'SCA', email }, { db: t.db, now: sentAt, transport: transport() });
    expect(receivedBy(email)).toHaveLength(2);

    await run(at(2, '10:05'));
    await run(at(2, '12:00'));
    const reminders = receivedBy(email).slice(2);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toContain('Subject: Recordatori: 2 dels teus comptes et necessiten');
    for (const c of [blocked, pending]) expect(reminders[0]).toContain(c.institution.name);
    // Each button is the link its own first email carried.
    const linksIn = (m: string) => new Set([...m.matchAll(/\/l\/([A-Za-z0-9_-]{43})/g)].map((x) => x[1]));
    const firstEmails = receivedBy(email).slice(0, 2).flatMap((m) => [...linksIn(m)]);
    expect(linksIn(reminders[0])).toEqual(new Set(firstEmails));
    for (const c of [blocked, pending]) {
      const detail = await getCredential(manager, c.token, { db: t.db, now: at(2, '12:00') });
      expect(detail.timeline.filter((e) => e.link?.event === 'reminded').map((e) => e.link!.detail)).toEqual(['reminder 1 emailed to the end user']);
      // The one-email-a-day rule counts the grouped email for each credential it carried.
      expect(detail.links[0].reminders.nextAt).toBe(at(5, '10:00').toISOString());
    }
  });
});

