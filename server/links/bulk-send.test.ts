import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/auth/permissions.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { recordingTransport } from '@/server/testing/recording-transport.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { getBulkSend, previewBulkSend, startBulkSend } from './bulk-send.ts';
import { runBulkSend } from './run-bulk-send.ts';
import { sendLink } from './send-link.ts';

const now = new Date('2026-11-20T14:00:00Z');

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
    const { id, total } = await startBulkSend(operations, { flow: 'RESET', filter: { status: [], institution: [], stale: false, q: undefined } }, options);
    expect(total).toBe(blocked.length);
    expect(await startBulkSend(operations, { flow: 'RESET', filter: { status: [], institution: [], stale: false, q: undefined } }, options)).toEqual({ id, total });
    await runBulkSend(id, { db: t.db, transport, now: () => now });

    const progress = await getBulkSend(operations, id, { db: t.db });
    const withContact = blocked.filter((b) => b.contacts > 0).length;
    expect(progress).toMatchObject({ total, processed: total, finishedAt: expect.any(String) });
    expect(progress.results).toEqual({ SENT: withContact - 1, NO_CONTACT: blocked.length - withContact, RATE_LIMITED: 1 });
    expect(progress.items).toHaveLength(total);
    expect(transport.sent).toHaveLength(withContact - 1);

    // The worst crash: emails went out, their results were never recorded.
    await t.db.bulkSendItem.updateMany({ where: { bulkSendId: id, result: 'SENT' }, data: { result: null } });
    await t.db.bulkSend.update({ where: { id }, data: { finishedAt: null } });
    await runBulkSend(id, { db: t.db, transport, now: () => now });
    expect(transport.sent).toHaveLength(withContact - 1);
    expect((await getBulkSend(operations, id, { db: t.db })).results).toMatchObject({ SENT: withContact - 1 });
    expect(await t.db.auditEvent.count({ where: { action: 'bulkSend.start', targetId: id } })).toBe(1);
  });

  it('refuses a filter that selects nobody the flow fits', async () => {
    await expect(startBulkSend(operations, { flow: 'SCA', filter: { status: ['BLOCKED'], institution: [], stale: false, q: undefined } }, { db: t.db, now })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(getBulkSend(operations, 'nope', { db: t.db })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
