import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions.ts';
import { credentialListQuerySchema } from '@/lib/schemas/credentials.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { sendLink } from '@/server/links/send-link.ts';
import { recordingTransport } from '@/server/testing/recording-transport.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { countCredentialsByStatus } from './count-credentials-by-status.ts';
import { listCredentials } from './list-credentials.ts';

const now = new Date('2026-11-20T14:00:00Z');
const query = (params: Record<string, string>) => credentialListQuerySchema.parse({ limit: '200', ...params });

// The filters a worklist is made of, beyond status and owner: what has been done about each credential.
describe.each(DATABASE_KINDS)('worklist filters, on %s', (kind) => {
  let t: TestDatabase;
  let ops: Actor;
  let sent: string;
  let opened: string;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 300, days: 20, seed: 'worklist-filters', now });
    const user = await t.db.user.findUniqueOrThrow({ where: { email: 'ops@credops.test' } });
    ops = { id: user.id, email: user.email, name: user.name, role: 'OPERATIONS' };
    const [a, b] = await t.db.credential.findMany({ where: { status: 'PENDING_SCA' }, orderBy: { id: 'asc' }, take: 2 });
    for (const credential of [a, b]) await sendLink(ops, credential.token, { flow: 'SCA', email: 'client@example.com' }, { db: t.db, now, transport: recordingTransport() });
    await t.db.link.updateMany({ where: { credentialId: b.id }, data: { state: 'OPENED', openedAt: now } });
    [sent, opened] = [a.token, b.token];
  });
  afterAll(() => t?.drop());

  const tokens = async (params: Record<string, string>) => (await listCredentials(ops, query(params), { db: t.db, now })).items.map((c) => c.token);

  it('"no link sent in this status" leaves out every credential a link was sent to since it entered its status', async () => {
    const none = await tokens({ status: 'PENDING_SCA', link: 'none' });
    const pendingSca = await t.db.credential.count({ where: { status: 'PENDING_SCA' } });
    expect(none).not.toContain(sent);
    expect(none).not.toContain(opened);
    expect(none).toHaveLength(pendingSca - 2);
    expect((await countCredentialsByStatus(ops, { link: 'none' }, { db: t.db, now })).PENDING_SCA).toBe(pendingSca - 2);
  });

  it('"sent, not opened" finds the live link nobody has opened, not the opened one', async () => {
    expect(await tokens({ link: 'unopened' })).toEqual([sent]);
    expect((await countCredentialsByStatus(ops, { link: 'unopened' }, { db: t.db, now })).total).toBe(1);
    // Once it expires it is no longer out.
    expect((await listCredentials(ops, query({ link: 'unopened' }), { db: t.db, now: new Date(now.getTime() + 30 * 86_400_000) })).items).toHaveLength(0);
  });
});
