import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialListQuerySchema } from '@/lib/schemas/credentials.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { loadSimulator, saveSimulator } from '@/server/flanks/simulator/simulator-store.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { countCredentialsByStatus } from './count-credentials-by-status.ts';
import { CREDENTIALS_CSV_HEADER, exportCredentials } from './export-credentials.ts';
import { listCredentials } from './list-credentials.ts';

const seededAt = new Date('2026-11-20T14:00:00Z');
const hoursLater = (hours: number) => new Date(seededAt.getTime() + hours * 3_600_000);
const ops = actorWithRole('OPERATIONS');

// The ingestion flags a breakage that recurs as it records it; the list, its filter and the counts read the flag.
describe.each(DATABASE_KINDS)('recurring credentials, on %s', (kind) => {
  let t: TestDatabase;
  let clock = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 200, days: 10, seed: 'recurring', now: seededAt });
  });
  afterAll(() => t?.drop());

  /** At Flanks, the credential breaks (Blocked) or is fixed with new data; CredOps polls an hour later. */
  async function atFlanks(token: string, change: 'break' | 'fix') {
    clock += 1;
    const sim = await loadSimulator(t.db, `recurring-${clock}`);
    const c = sim.credentials.get(token)!;
    c.blocked = change === 'break';
    c.resetToken = change === 'break' ? `reset-${token}-${clock}` : null;
    if (change === 'fix') c.lastUpdateAt = hoursLater(clock);
    sim.changed.add(token);
    await saveSimulator(t.db, sim);
    await pollFlanks(t.db, await loadSimulator(t.db, `recurring-${clock}`), hoursLater(clock));
  }
  const flag = async (token: string) => (await t.db.credential.findUniqueOrThrow({ where: { token } })).recurring;
  const workingOnes = async (n: number) =>
    (await t.db.credential.findMany({ where: { status: 'ACTIVE', recurring: false, links: { none: {} } }, orderBy: { id: 'asc' }, take: n })).map((c) => c.token);

  it('flags the third breakage in 90 days, and clears the flag when the credential works again', async () => {
    const [token] = await workingOnes(1);
    await atFlanks(token, 'break');
    await atFlanks(token, 'fix');
    await atFlanks(token, 'break');
    expect(await flag(token)).toBe(false);
    await atFlanks(token, 'fix');
    await atFlanks(token, 'break');
    expect(await flag(token)).toBe(true);
    await atFlanks(token, 'fix');
    expect(await flag(token)).toBe(false);
  });

  it('flags a breakage within 48 hours of a completed link', async () => {
    const [token] = await workingOnes(1);
    const credential = await t.db.credential.findUniqueOrThrow({ where: { token } });
    const sender = await t.db.user.findUniqueOrThrow({ where: { email: 'ops@credops.test' } });
    await t.db.link.create({
      data: { credentialId: credential.id, flow: 'RESET', tokenHash: `hash-${token}`, recipientEmail: 'client@example.com', senderId: sender.id, state: 'COMPLETED', expiresAt: hoursLater(200), completedAt: hoursLater(clock) },
    });
    await atFlanks(token, 'break');
    expect(await flag(token)).toBe(true);
  });

  it('lists and counts exactly the flagged ones under recurring=true', async () => {
    const flagged = await t.db.credential.findMany({ where: { recurring: true }, select: { token: true } });
    expect(flagged.length).toBeGreaterThan(0);
    const page = await listCredentials(ops, credentialListQuerySchema.parse({ recurring: 'true', limit: '200' }), { db: t.db, now: hoursLater(clock) });
    expect(page.items.map((c) => c.token).sort()).toEqual(flagged.map((c) => c.token).sort());
    expect(page.items.every((c) => c.recurring)).toBe(true);
    expect((await countCredentialsByStatus(ops, { recurring: true }, { db: t.db, now: hoursLater(clock) })).total).toBe(flagged.length);
    const exported: string[][] = [];
    for await (const rows of exportCredentials(ops, credentialListQuerySchema.parse({ recurring: 'true' }), { db: t.db, now: hoursLater(clock) })) exported.push(...rows);
    expect(exported.map((row) => row[CREDENTIALS_CSV_HEADER.indexOf('recurring')])).toEqual(flagged.map(() => 'yes'));
  });
});
