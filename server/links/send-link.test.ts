import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { listMailbox } from '@/server/email/list-mailbox.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { recordingTransport } from '@/server/testing/recording-transport.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { LINK_SUMMARY_INCLUDE, toLinkSummary } from '@/server/credentials/link-summary.ts';
import { revokeLink } from './revoke-link.ts';
import { sendLink } from './send-link.ts';

const now = new Date('2026-11-20T14:00:00Z');
const hoursLater = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

describe.each(DATABASE_KINDS)('sending SCA and Reset links, on %s', (kind) => {
  let t: TestDatabase;
  let manager: Actor;
  let admin: Actor;
  const credentialWith = async (status: string, skip = 0) => (await t.db.credential.findMany({ where: { status }, orderBy: { id: 'asc' }, skip, take: 1 }))[0];
  const emailsOf = (linkId: string) => t.db.outboxEmail.count({ where: { linkId } });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 500, days: 20, seed: 'links', now });
    const staff = async (email: string) => {
      const u = await t.db.user.findUniqueOrThrow({ where: { email } });
      return { id: u.id, email: u.email, name: u.name, role: u.role } as Actor;
    };
    manager = await staff('am@credops.test');
    admin = await staff('admin@credops.test');
  });
  afterAll(() => t?.drop());

  it('sends a Reset link to a Blocked credential: the link, its email (delivered) and the audit event', async () => {
    const blocked = await credentialWith('BLOCKED');
    const transport = recordingTransport();
    const sent = await sendLink(manager, blocked.token, { flow: 'RESET', email: 'client@example.com' }, { db: t.db, now, transport });
    expect(sent.outcome).toBe('SENT');
    expect(sent.link).toMatchObject({ flow: 'RESET', state: 'SENT', recipientEmail: 'client@example.com', sender: 'Amelia Manager', delivery: { state: 'SENT', attempts: 1 } });
    expect(sent.link.expiresAt).toBe(hoursLater(7 * 24).toISOString());
    expect(transport.sent).toHaveLength(1);
    const [email] = transport.sent;
    const institution = await t.db.institution.findUniqueOrThrow({ where: { id: blocked.institutionId } });
    expect(email.subject).toBe(`Reconnect your ${institution.name} account`);
    const url = email.text.match(/http:\/\/localhost:3000\/l\/([A-Za-z0-9_-]{43})/);
    expect(url).not.toBeNull();
    const stored = await t.db.link.findUniqueOrThrow({ where: { id: sent.link.id } });
    expect(stored.tokenHash).not.toContain(url![1]); // only the hash is kept
    expect(email.text).not.toContain(blocked.token);
    expect(await t.db.auditEvent.count({ where: { action: 'link.send', targetId: blocked.token } })).toBe(1);
    const mailbox = await listMailbox(admin, { db: t.db, transport });
    expect(mailbox.items[0]).toMatchObject({ to: 'client@example.com', subject: email.subject });
  });

  it('refuses a flow that does not fit the status, with a 409 that says which one would', async () => {
    const blocked = await credentialWith('BLOCKED', 1);
    const active = await credentialWith('ACTIVE');
    const options = { db: t.db, now, transport: recordingTransport() };
    await expect(sendLink(manager, blocked.token, { flow: 'SCA', email: 'a@example.com' }, options)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('needs a Reset link') });
    await expect(sendLink(manager, active.token, { flow: 'RESET', email: 'a@example.com' }, options)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Active') });
    await expect(sendLink(manager, 'no-such-token', { flow: 'RESET', email: 'a@example.com' }, options)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sendLink(actorWithRole('ANALYST'), blocked.token, { flow: 'RESET', email: 'a@example.com' }, options)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers a retried send (same Idempotency-Key) with the same link and no second email', async () => {
    const pendingSca = await credentialWith('PENDING_SCA');
    const transport = recordingTransport();
    const options = { db: t.db, now, transport, idempotencyKey: 'retry-key-0001' };
    const first = await sendLink(manager, pendingSca.token, { flow: 'SCA', email: 'sca@example.com' }, options);
    const again = await sendLink(manager, pendingSca.token, { flow: 'SCA', email: 'sca@example.com' }, options);
    expect(again).toMatchObject({ outcome: 'REPLAYED', link: { id: first.link.id } });
    expect(transport.sent).toHaveLength(1);
    const other = await credentialWith('PENDING_SCA', 1);
    await expect(sendLink(manager, other.token, { flow: 'SCA', email: 'sca@example.com' }, options)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Idempotency-Key') });
  });

  it('sends one link and one email when 20 retries with one key arrive at once', async () => {
    const blocked = await credentialWith('BLOCKED', 2);
    const transport = recordingTransport();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => sendLink(manager, blocked.token, { flow: 'RESET', email: 'race@example.com' }, { db: t.db, now, transport, idempotencyKey: 'concurrent-key-0001' })),
    );
    expect(new Set(results.map((r) => r.link.id)).size).toBe(1);
    expect(results.filter((r) => r.outcome === 'SENT')).toHaveLength(1);
    expect(await t.db.link.count({ where: { credentialId: blocked.id } })).toBe(1);
    expect(await emailsOf(results[0].link.id)).toBe(1);
    expect(transport.sent).toHaveLength(1);
  });

  it('emails an end user at most once a day per credential and flow; an Admin may resend the live link sooner', async () => {
    const blocked = await credentialWith('BLOCKED', 3);
    const transport = recordingTransport();
    const send = (actor: Actor, at: Date, extra: { override?: boolean; replace?: boolean } = {}) =>
      sendLink(actor, blocked.token, { flow: 'RESET', email: 'daily@example.com', ...extra }, { db: t.db, now: at, transport });
    const first = await send(manager, now);
    await expect(send(manager, hoursLater(2))).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('2026-11-21 14:00 UTC') });
    await expect(send(manager, hoursLater(2), { override: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const resent = await send(admin, hoursLater(3), { override: true });
    expect(resent).toMatchObject({ outcome: 'RESENT', link: { id: first.link.id, lastSentAt: hoursLater(3).toISOString() } });
    expect(transport.sent[1].text).toBe(transport.sent[0].text); // the same working link again
    const nextDay = await send(manager, hoursLater(27));
    expect(nextDay).toMatchObject({ outcome: 'RESENT', link: { id: first.link.id } });
    expect(await t.db.auditEvent.count({ where: { action: 'link.resend', targetId: blocked.token } })).toBe(2);
  });

  it('replaces the live link on request: the old one is revoked, a new one sent', async () => {
    const blocked = await credentialWith('BLOCKED', 4);
    const transport = recordingTransport();
    const first = await sendLink(manager, blocked.token, { flow: 'RESET', email: 'r@example.com' }, { db: t.db, now, transport });
    const second = await sendLink(manager, blocked.token, { flow: 'RESET', email: 'r@example.com', replace: true }, { db: t.db, now: hoursLater(30), transport });
    expect(second.outcome).toBe('SENT');
    expect(second.link.id).not.toBe(first.link.id);
    expect(await t.db.link.findUniqueOrThrow({ where: { id: first.link.id } })).toMatchObject({ state: 'REVOKED' });
    expect(transport.sent[1].text).not.toBe(transport.sent[0].text);
  });

  it('revokes a live link (cancelling its undelivered email), twice without harm, and shows expiry', async () => {
    const pendingSca = await credentialWith('PENDING_SCA', 2);
    const failing = { kind: 'smtp' as const, send: async () => Promise.reject(new Error('connection refused')) };
    const sent = await sendLink(manager, pendingSca.token, { flow: 'SCA', email: 'v@example.com' }, { db: t.db, now, transport: failing });
    expect(sent.link.delivery).toMatchObject({ state: 'PENDING', lastError: 'connection refused' });
    const revoked = await revokeLink(manager, pendingSca.token, sent.link.id, { db: t.db, now });
    expect(revoked).toMatchObject({ state: 'REVOKED', delivery: { state: 'CANCELLED' } });
    await expect(revokeLink(manager, pendingSca.token, sent.link.id, { db: t.db, now })).resolves.toMatchObject({ state: 'REVOKED' });
    expect(await t.db.auditEvent.count({ where: { action: 'link.revoke', targetId: pendingSca.token } })).toBe(1);
    await expect(revokeLink(manager, pendingSca.token, 'no-such-link', { db: t.db, now })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const other = await credentialWith('PENDING_SCA', 3);
    const expiring = await sendLink(manager, other.token, { flow: 'SCA', email: 'e@example.com' }, { db: t.db, now, transport: recordingTransport() });
    const detail = await t.db.link.findUniqueOrThrow({ where: { id: expiring.link.id } });
    expect(detail.expiresAt).toEqual(hoursLater(168));
    const row = await t.db.link.findUniqueOrThrow({ where: { id: expiring.link.id }, include: LINK_SUMMARY_INCLUDE });
    expect(toLinkSummary(row, manager, hoursLater(169)).state).toBe('EXPIRED');
  });
});
