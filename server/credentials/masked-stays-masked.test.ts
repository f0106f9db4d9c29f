import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskEmail } from '@/lib/domain/mask-email.ts';
import type { Actor } from '@/lib/domain/permissions.ts';
import { credentialListQuerySchema, type CredentialListItem } from '@/lib/schemas/credentials.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { DeliveryError } from '@/server/email/email-transport.ts';
import { sendLink } from '@/server/links/send-link.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { countCredentialsByStatus } from './count-credentials-by-status.ts';
import { exportCredentials } from './export-credentials.ts';
import { getCredential } from './get-credential.ts';
import { listCredentials } from './list-credentials.ts';

// Issue 16, finding 5: an Analyst sees "m•••@example.com", but searching for fragments of contact
// emails made the list's counts a yes/no oracle: one full address came back from its mask in 335
// requests. And a mail server's rejection, shown with the link, repeated the whole address.

const now = new Date('2026-11-20T14:00:00Z');
const admin = actorWithRole('ADMIN');
const analyst = actorWithRole('ANALYST');
const query = (params: Record<string, string> = {}) => credentialListQuerySchema.parse(params);

describe.each(DATABASE_KINDS)('contact emails an Analyst sees masked stay masked, on %s', (kind) => {
  let t: TestDatabase;
  let manager: Actor;
  /** A contact on a credential, the tokens of every credential it is on, and its email less the letter the mask shows. */
  let contact: { id: number; name: string; email: string; tokens: string[]; hidden: string };

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 200, days: 10, seed: 'masked-stays-masked', now });
    const am = await t.db.user.findUniqueOrThrow({ where: { email: 'am@credops.test' } });
    manager = { id: am.id, email: am.email, name: am.name, role: 'ACCOUNT_MANAGER' };
    // A "first.last12@example.com" contact whose last name is long enough to search a part of.
    const candidates = await t.db.contact.findMany({ where: { credentials: { some: {} } }, orderBy: { id: 'desc' }, include: { credentials: { include: { credential: true } } } });
    const found = candidates.find((c) => c.email.split('@')[0].includes('.') && c.name.split(' ').at(-1)!.length >= 5)!;
    contact = { id: found.id, name: found.name, email: found.email, tokens: found.credentials.map((c) => c.credential.token).sort(), hidden: found.email.slice(1) };
  });
  afterAll(() => t?.drop());

  const tokensOf = async (actor: Actor, q: string) => {
    const items: CredentialListItem[] = [];
    let cursor: string | null = null;
    do {
      const page = await listCredentials(actor, query({ q, limit: '200', ...(cursor ? { cursor } : {}) }), { db: t.db, now });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items.map((i) => i.token).sort();
  };
  const totalOf = async (actor: Actor, q: string) => (await countCredentialsByStatus(actor, query({ q }), { db: t.db, now })).total;
  const exported = async (actor: Actor, q: string) => {
    const tokens: string[] = [];
    for await (const rows of exportCredentials(actor, query({ q }), { db: t.db, now })) tokens.push(...rows.map((r) => r[0]));
    return tokens.sort();
  };
  /** The credentials of every contact whose email contains `fragment`: what a fragment search finds by email. */
  const byEmailFragment = async (fragment: string) => {
    const links = await t.db.credentialContact.findMany({ include: { contact: true, credential: true } });
    return [...new Set(links.filter((l) => l.contact.email.toLowerCase().includes(fragment.toLowerCase())).map((l) => l.credential.token))].sort();
  };

  it('finds nothing for an Analyst searching fragments of an email, though they match a real address', async () => {
    // Fragments an attacker would try after "m•••@example.com": the hidden part, with or without the domain.
    const fragments = [contact.hidden, contact.email.slice(1, contact.email.indexOf('@') + 1), contact.email.slice(2, -4).toUpperCase()];
    const everyCredential = await t.db.credential.findMany({ select: { token: true, externalReference: true } });
    const everyContact = await t.db.contact.findMany({ select: { name: true } });
    for (const fragment of fragments) {
      // Nothing else the search covers matches it: a match could only come from the email.
      expect(everyContact.filter((c) => c.name.toLowerCase().includes(fragment.toLowerCase()))).toEqual([]);
      expect(everyCredential.filter((c) => c.token.startsWith(fragment.toLowerCase()) || c.externalReference?.toLowerCase().startsWith(fragment.toLowerCase()))).toEqual([]);
      expect(await byEmailFragment(fragment)).toEqual(expect.arrayContaining(contact.tokens));

      expect(await totalOf(analyst, fragment), fragment).toBe(0);
      expect(await tokensOf(analyst, fragment), fragment).toEqual([]);
      expect(await exported(analyst, fragment), fragment).toEqual([]);
    }
  });

  it("finds a contact's credentials for an Analyst who types the whole address, in any case", async () => {
    for (const q of [contact.email, contact.email.toUpperCase()]) {
      expect(await tokensOf(analyst, q), q).toEqual(contact.tokens);
      expect(await totalOf(analyst, q), q).toBe(contact.tokens.length);
      expect(await exported(analyst, q), q).toEqual(contact.tokens);
    }
  });

  it('still finds contact names by any part for an Analyst: names are shown to them', async () => {
    const namePart = contact.name.split(' ').at(-1)!.slice(1, 5).toLowerCase();
    expect(namePart.length).toBeGreaterThanOrEqual(3); // contact search needs three characters
    const page = await listCredentials(analyst, query({ q: namePart, limit: '200' }), { db: t.db, now });
    expect(page.items.map((i) => i.token)).toEqual(expect.arrayContaining(contact.tokens));
    for (const item of page.items) {
      expect(item.contacts.some((c) => c.name.toLowerCase().includes(namePart)) || item.token.startsWith(namePart)).toBe(true);
      for (const c of item.contacts) expect(c.email).toMatch(/^.•••@/);
    }
  });

  it('keeps fragment search on emails for roles that see emails in full', async () => {
    for (const fragment of [contact.hidden, contact.email.slice(2, -4).toUpperCase()]) {
      const expected = await byEmailFragment(fragment);
      expect(await tokensOf(admin, fragment), fragment).toEqual(expected);
      expect(await totalOf(admin, fragment), fragment).toBe(expected.length);
      expect(await tokensOf(manager, fragment), fragment).toEqual(expected);
    }
  });

  it("masks the recipient inside a mail server's rejection for an Analyst, and shows it to an Admin", async () => {
    const blocked = await t.db.credential.findFirstOrThrow({ where: { status: 'BLOCKED', links: { none: {} } }, orderBy: { id: 'asc' } });
    const rejection = `550 5.1.1 <${contact.email}>: Recipient address rejected: User unknown in virtual mailbox table`;
    const rejecting = { kind: 'smtp' as const, send: async () => Promise.reject(new DeliveryError(rejection, true)) };
    await sendLink(manager, blocked.token, { flow: 'RESET', email: contact.email }, { db: t.db, now, transport: rejecting });

    const seenByAdmin = (await getCredential(admin, blocked.token, { db: t.db, now })).links[0];
    expect(seenByAdmin.delivery).toMatchObject({ state: 'FAILED', lastError: rejection });
    const seenByAnalyst = (await getCredential(analyst, blocked.token, { db: t.db, now })).links[0];
    expect(seenByAnalyst.recipientEmail).toBe(maskEmail(contact.email));
    expect(seenByAnalyst.delivery).toMatchObject({ state: 'FAILED', lastError: `550 5.1.1 <${maskEmail(contact.email)}>: Recipient address rejected: User unknown in virtual mailbox table` });
    expect(JSON.stringify(await getCredential(analyst, blocked.token, { db: t.db, now }))).not.toContain(contact.hidden);
  });
});
