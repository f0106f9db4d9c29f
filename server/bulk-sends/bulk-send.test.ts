import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions.ts';
import { createDb } from '@/server/db/client.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { deliverOutbox } from '@/server/email/deliver-outbox.ts';
import { DeliveryError, type EmailTransport, type OutgoingEmail } from '@/server/email/email-transport.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { recordingTransport } from '@/server/testing/recording-transport.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { getBulkSend } from './get-bulk-send.ts';
import { previewBulkSend } from './preview-bulk-send.ts';
import { startBulkSend } from './start-bulk-send.ts';
import { runBulkSend } from './run-bulk-send.ts';
import { sendLink } from '@/server/links/send-link.ts';
import { hashLinkToken } from '@/server/links/link-token.ts';

const now = new Date('2026-11-20T14:00:00Z');
const daysLater = (days: number) => new Date(now.getTime() + days * 86_400_000);
const everything = { status: [], institution: [], stale: false, overTarget: false, recurring: false, q: undefined };

describe.each(DATABASE_KINDS)('bulk sends, on %s', (kind) => {
  let t: TestDatabase;
  let operations: Actor;
  let blocked: { id: number; token: string; contacts: number }[];

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 300, days: 20, seed: 'bulk', now });
    const ops = await t.db.user.findUniqueOrThrow({ where: { email: 'ops@credops.test' } });
    operations = { id: ops.id, email: ops.email, name: ops.name, role: 'OPERATIONS' };
    // Two Blocked credentials without any contact, so the preview has someone to report.
    const rows = await t.db.credential.findMany({ where: { status: 'BLOCKED' }, orderBy: { id: 'asc' }, include: { _count: { select: { contacts: true } } } });
    for (const row of rows.slice(0, 2)) await t.db.credentialContact.deleteMany({ where: { credentialId: row.id } });
    blocked = rows.map((r, i) => ({ id: r.id, token: r.token, contacts: i < 2 ? 0 : r._count.contacts }));
  });
  afterAll(() => t?.drop());

  it('previews who will get a Reset link, by institution, listing those with no contact', async () => {
    const preview = await previewBulkSend(operations, 'RESET', {}, { db: t.db, now });
    expect(preview.total).toBe(blocked.length);
    expect(preview.byInstitution.reduce((sum, g) => sum + g.count, 0)).toBe(blocked.length);
    const noContact = blocked.filter((b) => b.contacts === 0);
    expect(preview.withoutContact).toBe(noContact.length);
    expect(preview.withoutContactListed.map((c) => c.token).sort()).toEqual(noContact.map((b) => b.token).sort());
    expect((await previewBulkSend(operations, 'RESET', { status: ['ACTIVE'] }, { db: t.db, now })).total).toBe(0);
    await expect(previewBulkSend(actorWithRole('ACCOUNT_MANAGER'), 'RESET', {}, { db: t.db, now })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('sends each link once, reports every row (no contact, emailed today), and resumes after a crash without a second email', async () => {
    const recentlyEmailed = blocked.find((b) => b.contacts > 0)!;
    await sendLink(operations, recentlyEmailed.token, { flow: 'RESET', email: 'earlier@example.com' }, { db: t.db, now: new Date(now.getTime() - 3_600_000), transport: recordingTransport() });
    const preview = await previewBulkSend(operations, 'RESET', {}, { db: t.db, now });
    expect(preview.emailedRecently).toBe(1);

    const transport = recordingTransport();
    const options = { db: t.db, idempotencyKey: 'bulk-key-000001', now };
    const { id, total } = await startBulkSend(operations, { flow: 'RESET', filter: { status: [], institution: [], stale: false, overTarget: false, recurring: false, q: undefined } }, options);
    expect(total).toBe(blocked.length);
    expect(await startBulkSend(operations, { flow: 'RESET', filter: { status: [], institution: [], stale: false, overTarget: false, recurring: false, q: undefined } }, options)).toEqual({ id, total });
    await runBulkSend(id, { db: t.db, transport, now: () => now });

    const progress = await getBulkSend(operations, id, { db: t.db });
    const withContact = blocked.filter((b) => b.contacts > 0).length;
    expect(progress).toMatchObject({ total, processed: total, finishedAt: expect.any(String) });
    expect(progress.results).toEqual({ SENT: withContact - 1, NO_CONTACT: blocked.length - withContact, RATE_LIMITED: 1 });
    expect(progress.items).toHaveLength(total);
    // One email per person: as many as the people the sent items went to.
    const people = new Set(progress.items.filter((i) => i.result === 'SENT').map((i) => i.detail));
    expect(transport.sent).toHaveLength(people.size);

    // The worst crash: emails went out, their results were never recorded.
    await t.db.bulkSendItem.updateMany({ where: { bulkSendId: id, result: 'SENT' }, data: { result: null } });
    await t.db.bulkSend.update({ where: { id }, data: { finishedAt: null } });
    await runBulkSend(id, { db: t.db, transport, now: () => now });
    expect(transport.sent).toHaveLength(people.size);
    expect((await getBulkSend(operations, id, { db: t.db })).results).toMatchObject({ SENT: withContact - 1 });
    expect(await t.db.auditEvent.count({ where: { action: 'bulkSend.start', targetId: id } })).toBe(1);
  });

  it('refuses a filter that selects nobody the flow fits', async () => {
    await expect(startBulkSend(operations, { flow: 'SCA', filter: { status: ['BLOCKED'], institution: [], stale: false, overTarget: false, recurring: false, q: undefined } }, { db: t.db, now })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(getBulkSend(operations, 'nope', { db: t.db })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  const emailsOf = (bulkId: string) => t.db.outboxEmail.findMany({ where: { idempotencyKey: { startsWith: `bulk:${bulkId}:` } } });
  // How many credentials those emails carried a link for (a person's email carries several).
  const linksCarried = (bulkId: string) => t.db.outboxEmailLink.count({ where: { email: { idempotencyKey: { startsWith: `bulk:${bulkId}:` } } } });

  // Regression: the "already running" guard was a Set in one module, which Next loads twice, so two
  // runners ran one bulk send inside one process (and any number across processes).
  it('runs a bulk send on one runner at a time: two started together on two processes send each email once', async () => {
    const { id, total } = await startBulkSend(operations, { flow: 'SCA', filter: everything }, { db: t.db, now });
    const otherProcess = createDb(t.url);
    const [here, there] = [recordingTransport(), recordingTransport()];
    try {
      await Promise.all([runBulkSend(id, { db: t.db, transport: here, now: () => now }), runBulkSend(id, { db: otherProcess, transport: there, now: () => now })]);
    } finally {
      await otherProcess.$disconnect();
    }
    const progress = await getBulkSend(operations, id, { db: t.db });
    const emails = await emailsOf(id);
    expect(progress).toMatchObject({ processed: total, finishedAt: expect.any(String) });
    expect(progress.results.SENT).toBe(await linksCarried(id));
    expect(emails.length).toBeGreaterThan(5);
    expect([here.sent.length, there.sent.length].sort((a, b) => a - b)).toEqual([0, emails.length]);
    expect(await t.db.bulkSend.findUniqueOrThrow({ where: { id } })).toMatchObject({ leaseOwner: null, leaseUntil: null });
  });

  it('hands a bulk send whose runner stalled past its lease to another runner; the stalled one stops when it wakes', async () => {
    let clock = daysLater(2);
    const { id, total } = await startBulkSend(operations, { flow: 'RESET', filter: everything }, { db: t.db, now: clock });
    let wake = () => {};
    let reportStalled = () => {};
    const stalled = new Promise<void>((resolve) => (reportStalled = resolve));
    const frozen: EmailTransport & { sent: OutgoingEmail[] } = {
      kind: 'mailbox',
      sent: [],
      send(email) {
        frozen.sent.push(email);
        if (frozen.sent.length > 1) return Promise.resolve(); // a runner that kept going after waking
        reportStalled();
        return new Promise<void>((resolve) => (wake = resolve));
      },
    };
    const first = runBulkSend(id, { db: t.db, transport: frozen, now: () => clock });
    await stalled;

    const otherProcess = createDb(t.url);
    const second = recordingTransport();
    try {
      await runBulkSend(id, { db: otherProcess, transport: second, now: () => clock });
      expect(second.sent).toHaveLength(0); // the lease is still the first runner's
      clock = new Date(clock.getTime() + 31_000);
      await runBulkSend(id, { db: otherProcess, transport: second, now: () => clock });
    } finally {
      await otherProcess.$disconnect();
    }
    wake();
    await first;

    const emails = await emailsOf(id);
    const progress = await getBulkSend(operations, id, { db: t.db });
    expect(progress).toMatchObject({ processed: total, finishedAt: expect.any(String) });
    expect((progress.results.SENT ?? 0) + (progress.results.RESENT ?? 0)).toBe(await linksCarried(id));
    expect(frozen.sent).toHaveLength(1);
    expect(second.sent).toHaveLength(emails.length - 1);
    expect(emails.every((e) => e.state === 'SENT')).toBe(true);
  });

  it('reports an item as sent only once its email has reached the mail server', async () => {
    const clock = daysLater(4);
    const { id } = await startBulkSend(operations, { flow: 'SCA', filter: everything }, { db: t.db, now: clock });
    const down: EmailTransport = { kind: 'smtp', send: () => Promise.reject(new DeliveryError('connect ECONNREFUSED 127.0.0.1:587', false)) };
    await runBulkSend(id, { db: t.db, transport: down, now: () => clock });
    const emails = await emailsOf(id);
    const waiting = await getBulkSend(operations, id, { db: t.db });
    const carried = await linksCarried(id);
    expect(new Set(emails.map((e) => e.to)).size).toBe(emails.length); // one email per person
    const noContact = waiting.total - carried ? { NO_CONTACT: waiting.total - carried } : {};
    expect(waiting.results).toEqual({ QUEUED: carried, ...noContact });
    expect(waiting.items.find((i) => i.result === 'QUEUED')?.detail).toMatch(/ECONNREFUSED.*retrying/);

    await deliverOutbox(t.db, { transport: recordingTransport(), now: new Date(clock.getTime() + 3_600_000) });
    expect((await getBulkSend(operations, id, { db: t.db })).results).toEqual({ RESENT: carried, ...noContact });
  });

  it('writes one email per person, each credential with its own button and link, and previews how many people that is', async () => {
    const clock = daysLater(12);
    // A person with three Blocked credentials, at whichever institutions they are.
    const three = await t.db.credential.findMany({ where: { status: 'BLOCKED', contacts: { some: {} } }, orderBy: { id: 'desc' }, take: 3, include: { institution: true } });
    const marta = await t.db.contact.create({ data: { name: 'Marta', email: 'marta@example.com', language: 'es' } });
    for (const c of three) {
      await t.db.credentialContact.deleteMany({ where: { credentialId: c.id } });
      await t.db.credentialContact.create({ data: { credentialId: c.id, contactId: marta.id } });
    }
    const contacts = await t.db.credentialContact.findMany({ where: { credential: { status: 'BLOCKED' } }, orderBy: [{ createdAt: 'asc' }, { contactId: 'asc' }], include: { contact: true } });
    const recipientOf = new Map<number, string>();
    for (const cc of contacts) if (!recipientOf.has(cc.credentialId)) recipientOf.set(cc.credentialId, cc.contact.email);
    const preview = await previewBulkSend(operations, 'RESET', {}, { db: t.db, now: clock });
    expect(preview.people).toBe(new Set(recipientOf.values()).size);
    expect(preview.people).toBeLessThan(preview.total - preview.withoutContact);
    // The preview shows the email of the person with the most of them, as they will get it.
    const perPerson = new Map<string, number>();
    for (const email of recipientOf.values()) perPerson.set(email, (perPerson.get(email) ?? 0) + 1);
    const [[busiest, most]] = [...perPerson].sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
    expect(preview.sampleEmail).toMatchObject({ to: busiest, credentials: most });
    expect(preview.sampleEmail!.html.match(/<a href=/g)).toHaveLength(most);
    expect(busiest).toBe('marta@example.com'); // three is the most anyone has in this seed
    expect(preview.sampleEmail).toMatchObject({ language: 'es', subject: '3 de tus cuentas te necesitan' });

    const transport = recordingTransport();
    const { id } = await startBulkSend(operations, { flow: 'RESET', filter: everything }, { db: t.db, now: clock });
    await runBulkSend(id, { db: t.db, transport, now: () => clock });
    const toMarta = transport.sent.filter((e) => e.to === 'marta@example.com');
    expect(toMarta).toHaveLength(1);
    expect(toMarta[0].subject).toBe('3 de tus cuentas te necesitan');
    for (const c of three) expect(toMarta[0].html).toContain(c.institution.name.replace(/&/g, '&amp;'));
    // Three buttons, three single-use links: each opens its own credential's link.
    const tokens = [...toMarta[0].text.matchAll(/\/l\/([A-Za-z0-9_-]{43})/g)].map((m) => m[1]);
    expect(new Set(tokens).size).toBe(3);
    const links = await t.db.link.findMany({ where: { tokenHash: { in: tokens.map(hashLinkToken) } }, select: { credentialId: true } });
    expect(links.map((l) => l.credentialId).sort()).toEqual(three.map((c) => c.id).sort());
    const items = await t.db.bulkSendItem.findMany({ where: { bulkSendId: id, credentialId: { in: three.map((c) => c.id) } } });
    expect(new Set(items.map((i) => i.emailId)).size).toBe(1);
    expect(transport.sent).toHaveLength(preview.people);
  });
});
