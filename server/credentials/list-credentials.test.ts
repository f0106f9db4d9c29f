import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialListQuerySchema, type CredentialListItem } from '@/lib/schemas/credentials.ts';
import { HOUR_MS } from '@/lib/domain/time.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { env } from '@/server/env.ts';
import { AppError } from '@/lib/domain/app-error.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { countCredentialsByStatus } from './count-credentials-by-status.ts';
import { listCredentials } from './list-credentials.ts';

const now = new Date('2026-11-20T14:00:00Z');
const admin = actorWithRole('ADMIN');
const analyst = actorWithRole('ANALYST');
const query = (params: Record<string, string> = {}) => credentialListQuerySchema.parse(params);

describe.each(DATABASE_KINDS)('the credentials list on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    // Daily refreshes keep nearly every credential fresh; a two-day outage at one bank leaves some
    // with data older than the threshold, so the stale filter has something to find.
    const outages = ['2026-11-19', '2026-11-20'].map((day) => ({ institutionId: 'santander_es', day }));
    await seedDemoCompany(t.db, { credentials: 250, days: 20, seed: 'list-test', now, outages });
  });
  afterAll(() => t?.drop());

  const list = (params: Record<string, string>, actor = admin) => listCredentials(actor, query(params), { db: t.db, now });
  /** Every credential the list shows for these filters, page after page. */
  const listAll = async (params: Record<string, string>) => {
    const items: CredentialListItem[] = [];
    let cursor: string | null = null;
    do {
      const page = await list({ ...params, limit: '200', ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };

  it('walks every credential exactly once through keyset pages, in order', async () => {
    const seen: string[] = [];
    let previous = '';
    let cursor: string | null = null;
    do {
      const page = await list({ limit: '37', ...(cursor ? { cursor } : {}) });
      for (const item of page.items) {
        expect(item.dataAsOf >= previous).toBe(true);
        previous = item.dataAsOf;
        seen.push(item.token);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(await t.db.credential.count());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('goes back a page with the previous cursor, to exactly the page it came from', async () => {
    const first = await list({ limit: '25' });
    const second = await list({ limit: '25', cursor: first.nextCursor! });
    const third = await list({ limit: '25', cursor: second.nextCursor! });
    const backToSecond = await list({ limit: '25', before: third.prevCursor! });
    expect(backToSecond.items.map((i) => i.token)).toEqual(second.items.map((i) => i.token));
    expect(backToSecond.nextCursor).toBe(second.nextCursor);
    const backToFirst = await list({ limit: '25', before: backToSecond.prevCursor! });
    expect(backToFirst.items.map((i) => i.token)).toEqual(first.items.map((i) => i.token));
    expect(backToFirst.prevCursor).toBeNull();
    expect(first.prevCursor).toBeNull();
  });

  it('filters by several statuses at once and sorts by status change, newest first', async () => {
    const page = await list({ status: 'BLOCKED,PENDING_SCA', sort: 'statusChangedAt', order: 'desc', limit: '200' });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.status === 'BLOCKED' || i.status === 'PENDING_SCA')).toBe(true);
    const times = page.items.map((i) => i.statusChangedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('shows only credentials that should refresh daily and are older than the threshold as stale', async () => {
    // The expectation is worked out from the rows themselves: data age = now − (last update, or creation).
    const rows = await t.db.credential.findMany({ select: { token: true, status: true, lastUpdatedAt: true, createdAt: true } });
    const olderThanThreshold = (r: (typeof rows)[number]) => now.getTime() - (r.lastUpdatedAt ?? r.createdAt).getTime() > env.STALE_AFTER_HOURS * HOUR_MS;
    const expected = rows.filter((r) => (r.status === 'ACTIVE' || r.status === 'PENDING') && olderThanThreshold(r)).map((r) => r.token);
    const brokenAndOld = rows.filter((r) => (r.status === 'PENDING_SCA' || r.status === 'BLOCKED') && olderThanThreshold(r)).map((r) => r.token);
    const freshDaily = rows.filter((r) => (r.status === 'ACTIVE' || r.status === 'PENDING') && !olderThanThreshold(r));
    // The seeded data must put the rule to the test: stale ones, fresh ones, and old broken ones to leave out.
    expect(expected.length).toBeGreaterThan(0);
    expect(brokenAndOld.length).toBeGreaterThan(0);
    expect(freshDaily.length).toBeGreaterThan(0);

    const items = await listAll({ stale: 'true' });
    expect(items.map((i) => i.token).sort()).toEqual([...expected].sort());
    for (const item of items) {
      expect(['ACTIVE', 'PENDING']).toContain(item.status);
      expect(item.stale).toBe(true);
    }
    const shown = new Set(items.map((i) => i.token));
    expect(brokenAndOld.filter((token) => shown.has(token))).toEqual([]);
  });

  it('finds a credential by its external reference and by the start of its token', async () => {
    const target = await t.db.credential.findFirstOrThrow({ where: { externalReference: { not: null } } });
    expect((await list({ q: target.externalReference! })).items.map((i) => i.token)).toContain(target.token);
    expect((await list({ q: target.token.slice(0, 10) })).items.map((i) => i.token)).toEqual([target.token]);
  });

  it('finds credentials by any part of a contact name or email, whatever the case', async () => {
    const link = await t.db.credentialContact.findFirstOrThrow({ include: { contact: true, credential: true }, orderBy: { contactId: 'desc' } });
    const total = await t.db.credential.count();
    /** A search for `text` may only return what the search covers: a contact's name or email containing it, or a token or reference starting with it. */
    const matches = (item: CredentialListItem, text: string) => {
      const fragment = text.toLowerCase();
      return (
        item.contacts.some((c) => c.name.toLowerCase().includes(fragment) || c.email.toLowerCase().includes(fragment)) ||
        item.token.toLowerCase().startsWith(fragment) ||
        Boolean(item.externalReference?.toLowerCase().startsWith(fragment))
      );
    };

    const emailPart = link.contact.email.split('@')[0].slice(-6).toUpperCase();
    const byEmail = await listAll({ q: emailPart });
    expect(byEmail.map((i) => i.token)).toContain(link.credential.token);
    expect(byEmail.filter((i) => !matches(i, emailPart)).map((i) => i.token)).toEqual([]);
    expect(byEmail.length).toBeLessThan(total);
    const counts = await countCredentialsByStatus(admin, query({ q: emailPart }), { db: t.db, now });
    expect(counts.total).toBe(byEmail.length);

    const lastName = link.contact.name.split(' ').at(-1)!;
    const namePart = lastName.slice(1, 5).toLowerCase();
    expect(namePart.length).toBeGreaterThanOrEqual(3); // contact search needs three characters
    const byName = await listAll({ q: namePart });
    expect(byName.map((i) => i.token)).toContain(link.credential.token);
    expect(byName.filter((i) => !matches(i, namePart)).map((i) => i.token)).toEqual([]);
    expect(byName.length).toBeLessThan(total);
  });

  it('masks contact emails for an Analyst and shows them to an Admin', async () => {
    const withContact = (await list({ limit: '50' })).items.find((i) => i.contacts.length)!;
    expect(withContact.contacts[0].email).toMatch(/@example\.com$/);
    const asAnalyst = (await list({ limit: '50' }, analyst)).items.find((i) => i.token === withContact.token)!;
    expect(asAnalyst.contacts[0].email).toMatch(/^.•••@example\.com$/);
  });

  it('answers a cursor it never issued with a clear 400', async () => {
    await expect(list({ cursor: 'not-a-cursor' })).rejects.toThrow(AppError);
    await expect(list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  // Issue 16: these passed Date.parse, and the query then failed in the database with a bare 500.
  it('answers a cursor whose date or id no database can hold with a clear 400, never a database error', async () => {
    const raw = (value: unknown, id: unknown) => Buffer.from(JSON.stringify([value, id])).toString('base64url');
    for (const [value, id] of [['+275760-09-13T00:00:00.000Z', 1], ['-271821-04-20', 1], ['2026-11-20T14:00:00.000Z', 2 ** 53 - 1]] as const) {
      for (const parameter of ['cursor', 'before'] as const) {
        await expect(list({ [parameter]: raw(value, id) }), `${parameter} ${value} ${id}`).rejects.toMatchObject({
          code: 'BAD_REQUEST',
          message: `${parameter}: is not a cursor this API returned`,
        });
      }
    }
  });

  it('counts per status agree with the list, with and without filters', async () => {
    const institution = (await t.db.credential.findFirstOrThrow()).institutionId;
    const filterSets: Record<string, string>[] = [{}, { institution }, { stale: 'true' }, { owner: 'none' }];
    for (const filters of filterSets) {
      const counts = await countCredentialsByStatus(admin, query(filters), { db: t.db, now });
      for (const status of ['PENDING', 'ACTIVE', 'PENDING_SCA', 'BLOCKED'] as const) {
        let total = 0;
        let cursor: string | null = null;
        do {
          const page = await list({ ...filters, status, limit: '200', ...(cursor ? { cursor } : {}) });
          total += page.items.length;
          cursor = page.nextCursor;
        } while (cursor);
        expect(counts[status], `${status} ${JSON.stringify(filters)}`).toBe(total);
      }
    }
  });
});

describe('the list query', () => {
  it('rejects unknown statuses, sorts and out-of-range limits, naming the parameter', () => {
    for (const [params, path] of [
      [{ status: 'FROZEN' }, 'status'],
      [{ sort: 'name' }, 'sort'],
      [{ limit: '500' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
    ] as const) {
      const parsed = credentialListQuerySchema.safeParse(params);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0].path[0]).toBe(path);
    }
  });

  it('accepts a status as a repeated parameter or a comma list', () => {
    expect(credentialListQuerySchema.parse({ status: ['BLOCKED', 'PENDING'] }).status).toEqual(['BLOCKED', 'PENDING']);
    expect(credentialListQuerySchema.parse({ status: 'BLOCKED,PENDING' }).status).toEqual(['BLOCKED', 'PENDING']);
  });
});
