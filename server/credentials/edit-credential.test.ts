import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { addCredentialContact } from './add-credential-contact.ts';
import { countCredentialsByStatus } from './count-credentials-by-status.ts';
import { getCredential } from './get-credential.ts';
import { listCredentials } from './list-credentials.ts';
import { credentialListQuerySchema } from '@/lib/schemas/credentials.ts';
import { removeCredentialContact } from './remove-credential-contact.ts';
import { updateCredential } from './update-credential.ts';

const now = new Date('2026-11-20T14:00:00Z');

describe.each(DATABASE_KINDS)('a credential in detail, on %s', (kind) => {
  let t: TestDatabase;
  let manager: ReturnType<typeof actorWithRole>;
  const analyst = actorWithRole('ANALYST');
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 150, days: 20, seed: 'detail', now });
    const am = await t.db.user.findUniqueOrThrow({ where: { email: 'am@credops.test' } });
    manager = { id: am.id, email: am.email, name: am.name, role: 'ACCOUNT_MANAGER' };
  });
  afterAll(() => t?.drop());

  it('shows the timeline newest first, with the status changes and refreshes CredOps observed', async () => {
    const blocked = await t.db.credential.findFirstOrThrow({ where: { status: 'BLOCKED' } });
    const detail = await getCredential(manager, blocked.token, { db: t.db, now });
    const times = detail.timeline.map((e) => e.observedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(detail.timeline.find((e) => e.kind === 'status')).toMatchObject({ to: 'BLOCKED' });
    expect(detail.timeline.some((e) => e.kind === 'refresh' && e.outcome === 'INVALID_CREDENTIALS')).toBe(true);
    expect(detail.verdict).toMatch(/^Blocked since .* → /);
  });

  it('answers an unknown token with NOT_FOUND', async () => {
    await expect(getCredential(manager, 'nope', { db: t.db })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('moves a credential between owners and keeps the per-owner counts right', async () => {
    const credential = await t.db.credential.findFirstOrThrow({ where: { ownerId: { not: manager.id } } });
    const mine = () => countCredentialsByStatus(manager, { owner: manager.id }, { db: t.db, now });
    const before = await mine();
    await updateCredential(manager, credential.token, { ownerId: manager.id }, { db: t.db });
    await updateCredential(manager, credential.token, { ownerId: manager.id }, { db: t.db }); // a retry changes nothing
    const after = await mine();
    expect(after.total).toBe(before.total + 1);
    expect(after[credential.status as 'ACTIVE']).toBe(before[credential.status as 'ACTIVE'] + 1);
    expect(await t.db.auditEvent.count({ where: { action: 'credential.changeOwner', targetId: credential.token } })).toBe(1);
  });

  it('reads owner=me as the signed-in staff member, in the list and in the counts', async () => {
    const mine = await t.db.credential.count({ where: { ownerId: manager.id } });
    expect(mine).toBeGreaterThan(0);
    const counts = await countCredentialsByStatus(manager, { owner: 'me' }, { db: t.db, now });
    expect(counts.total).toBe(mine);
    const page = await listCredentials(manager, { ...credentialListQuerySchema.parse({ owner: 'me', limit: '200' }) }, { db: t.db, now });
    expect(page.items.length).toBe(Math.min(mine, 200));
    expect(page.items.every((c) => c.owner?.id === manager.id)).toBe(true);
    // The same link read by an Analyst (who owns nothing) is their own, empty list.
    expect((await countCredentialsByStatus(analyst, { owner: 'me' }, { db: t.db, now })).total).toBe(0);
    expect((await countCredentialsByStatus(manager, { owner: 'any' }, { db: t.db, now })).total).toBe(await t.db.credential.count());
  });

  it('refuses an owner who is not an active staff member', async () => {
    const credential = await t.db.credential.findFirstOrThrow();
    await expect(updateCredential(manager, credential.token, { ownerId: 'ghost' }, { db: t.db })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('links one contact to several credentials (credentials are not people), once each', async () => {
    const [a, b] = await t.db.credential.findMany({ take: 2, orderBy: { id: 'desc' } });
    const person = { name: 'Joint Holder', email: 'joint.holder@example.com' };
    const first = await addCredentialContact(manager, a.token, person, { db: t.db });
    const again = await addCredentialContact(manager, a.token, person, { db: t.db });
    const other = await addCredentialContact(manager, b.token, person, { db: t.db });
    expect(again.id).toBe(first.id);
    expect(other.id).toBe(first.id);
    expect(await t.db.credentialContact.count({ where: { contactId: first.id } })).toBe(2);
    await removeCredentialContact(manager, a.token, first.id, { db: t.db });
    expect((await removeCredentialContact(manager, a.token, first.id, { db: t.db })).removed).toBe(false);
    expect(await t.db.credentialContact.count({ where: { contactId: first.id } })).toBe(1);
  });

  it("shows staff actions on the credential in its timeline: who changed the owner, the notes, the contacts", async () => {
    const credential = await t.db.credential.findFirstOrThrow({ where: { ownerId: { not: manager.id }, status: 'BLOCKED' }, include: { owner: true } });
    await updateCredential(manager, credential.token, { ownerId: manager.id }, { db: t.db });
    await updateCredential(manager, credential.token, { notes: 'Called the client, will reset tonight' }, { db: t.db });
    const contact = await addCredentialContact(manager, credential.token, { name: 'Nora Holder', email: 'nora.holder@example.com' }, { db: t.db });
    await removeCredentialContact(manager, credential.token, contact.id, { db: t.db });

    const staff = (await getCredential(manager, credential.token, { db: t.db })).timeline.filter((e) => e.kind === 'staff');
    expect(staff.map((e) => e.staff)).toEqual([
      { who: 'Amelia Manager', did: 'removed contact Nora Holder (nora.holder@example.com)' },
      { who: 'Amelia Manager', did: 'added contact Nora Holder (nora.holder@example.com)' },
      { who: 'Amelia Manager', did: 'edited the notes' },
      { who: 'Amelia Manager', did: `changed the owner from ${credential.owner?.name ?? 'nobody'} to Amelia Manager` },
    ]);
    // An Analyst reads the same history with the contact's address masked.
    const masked = (await getCredential(analyst, credential.token, { db: t.db })).timeline.filter((e) => e.kind === 'staff');
    expect(masked[0].staff!.did).toMatch(/^removed contact Nora Holder \(n•••@example\.com\)$/);
  });

  it('lets an Analyst read but not edit, with contact emails masked', async () => {
    const withContact = await t.db.credentialContact.findFirstOrThrow({ include: { credential: true } });
    const detail = await getCredential(analyst, withContact.credential.token, { db: t.db, now });
    expect(detail.contacts.every((c) => c.email.includes('•••@'))).toBe(true);
    await expect(updateCredential(analyst, withContact.credential.token, { notes: 'x' }, { db: t.db })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(addCredentialContact(analyst, withContact.credential.token, { name: 'x', email: 'x@example.com' }, { db: t.db })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
