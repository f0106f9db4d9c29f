import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions.ts';
import { credentialListQuerySchema } from '@/lib/schemas/credentials.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { loadSimulator, saveSimulator } from '@/server/flanks/simulator/simulator-store.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
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

  it('counts "no link sent" as the list finds it, for an owner and for an institution too', async () => {
    const owned = await t.db.credential.findFirstOrThrow({ where: { status: 'BLOCKED', ownerId: { not: null } }, orderBy: { id: 'asc' } });
    await sendLink(ops, owned.token, { flow: 'RESET', email: 'owner-client@example.com' }, { db: t.db, now, transport: recordingTransport() });
    const scopes: [Record<string, string>, { owner?: string; institution?: string[] }][] = [
      [{}, {}],
      [{ owner: owned.ownerId! }, { owner: owned.ownerId! }],
      [{ institution: owned.institutionId }, { institution: [owned.institutionId] }],
    ];
    for (const [params, filters] of scopes) {
      const counts = await countCredentialsByStatus(ops, { link: 'none', ...filters }, { db: t.db, now });
      for (const status of ['BLOCKED', 'PENDING_SCA'] as const) {
        const listed = await tokens({ status, link: 'none', ...params });
        expect(counts[status], `${status} under ${JSON.stringify(params)}`).toBe(listed.length);
        expect(listed).not.toContain(owned.token);
      }
      expect(counts.ACTIVE + counts.PENDING).toBe(0);
    }
  });

  it('puts a credential back on "no link sent" when it enters another status after its link went out', async () => {
    const sim = await loadSimulator(t.db, 'worklist-filters-break');
    sim.credentials.get(sent)!.blocked = true;
    sim.credentials.get(sent)!.resetToken = `reset-${sent}`;
    sim.changed.add(sent);
    await saveSimulator(t.db, sim);
    const later = new Date(now.getTime() + 3_600_000);
    await pollFlanks(t.db, await loadSimulator(t.db, 'worklist-filters-break'), later);
    expect((await t.db.credential.findUniqueOrThrow({ where: { token: sent } })).status).toBe('BLOCKED');
    expect(await tokens({ status: 'BLOCKED', link: 'none' })).toContain(sent);
    // Every Blocked credential but the one sent a Reset link in its status (the test before).
    const blocked = await t.db.credential.count({ where: { status: 'BLOCKED' } });
    expect((await countCredentialsByStatus(ops, { link: 'none' }, { db: t.db, now: later })).BLOCKED).toBe(blocked - 1);
  });
});
