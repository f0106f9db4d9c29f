import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attentionOf, UNOPENED_LINK_DAYS, WORKING_RANK } from '@/lib/domain/attention.ts';
import type { Actor } from '@/lib/domain/permissions.ts';
import { DAY_MS } from '@/lib/domain/time.ts';
import { credentialListQuerySchema, type CredentialListItem } from '@/lib/schemas/credentials.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { revokeLink } from '@/server/links/revoke-link.ts';
import { sendLink } from '@/server/links/send-link.ts';
import { recordingTransport } from '@/server/testing/recording-transport.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { listCredentials } from './list-credentials.ts';
import { readAttentionFactors, refreshAttention } from './refresh-attention.ts';
import { Prisma } from '@/server/db/sql.ts';

const now = new Date('2026-11-20T14:00:00Z');

describe.each(DATABASE_KINDS)('needs attention first, on %s', (kind) => {
  let t: TestDatabase;
  let ops: Actor;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 300, days: 20, seed: 'attention', now });
    const user = await t.db.user.findUniqueOrThrow({ where: { email: 'ops@credops.test' } });
    ops = { id: user.id, email: user.email, name: user.name, role: 'OPERATIONS' };
  });
  afterAll(() => t?.drop());

  const rankOf = async (id: number) => (await t.db.credential.findUniqueOrThrow({ where: { id } })).attentionAt.getTime();
  /** The whole list in attention order, page after page (the keyset cursor), 40 at a time. */
  async function everyPage(params: Record<string, string> = {}) {
    const items: CredentialListItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCredentials(ops, credentialListQuerySchema.parse({ sort: 'attention', limit: '40', ...params, ...(cursor ? { cursor } : {}) }), { db: t.db, now });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  it('keeps every credential ranked as the rule says for its factors, as the ingestion recorded them', async () => {
    const factors = await readAttentionFactors(t.db, Prisma.sql`1 = 1`);
    for (const f of factors) expect(f.attentionAt.getTime(), `credential ${f.id}`).toBe(attentionOf(f).rankAt.getTime());
    expect(factors.some((f) => f.attentionAt.getTime() !== WORKING_RANK.getTime())).toBe(true);
  });

  it('lists broken credentials first, longest waiting first, each with its reason, and pages through all of them once', async () => {
    const items = await everyPage();
    expect(items).toHaveLength(await t.db.credential.count());
    expect(new Set(items.map((c) => c.token)).size).toBe(items.length);
    const firstWorking = items.findIndex((c) => c.status !== 'BLOCKED' && c.status !== 'PENDING_SCA');
    expect(items.slice(firstWorking).every((c) => c.status !== 'BLOCKED' && c.status !== 'PENDING_SCA')).toBe(true);
    const broken = items.slice(0, firstWorking);
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((c) => c.attention?.startsWith('Waited '))).toBe(true);
    expect(items[firstWorking].attention).toBeUndefined();
  });

  it('moves a credential up when a link goes out unopened, back when it is revoked, and down while its institution has an incident', async () => {
    const credential = await t.db.credential.findFirstOrThrow({ where: { status: 'BLOCKED', recurring: false, links: { none: {} }, institution: { incidents: { none: { closedAt: null } } } }, orderBy: { id: 'asc' } });
    const waited = credential.statusChangedAt.getTime();
    expect(await rankOf(credential.id)).toBe(waited);
    const { link } = await sendLink(ops, credential.token, { flow: 'RESET', email: 'client@example.com' }, { db: t.db, now, transport: recordingTransport() });
    expect(await rankOf(credential.id)).toBe(waited - UNOPENED_LINK_DAYS * DAY_MS);
    await revokeLink(ops, credential.token, link.id, { db: t.db, now });
    expect(await rankOf(credential.id)).toBe(waited);

    await t.db.incident.create({ data: { institutionId: credential.institutionId, day: '2026-11-20', failureRate: 60, baselineRate: 2, openedAt: now } });
    await refreshAttention(t.db, { institutionId: credential.institutionId });
    const items = await everyPage({ status: 'BLOCKED' });
    const elsewhere = items.filter((c) => c.institution.id !== credential.institutionId);
    expect(items.findIndex((c) => c.token === credential.token)).toBeGreaterThanOrEqual(elsewhere.length);
    expect(items.find((c) => c.token === credential.token)!.attention).toContain('open incident');
  });
});
