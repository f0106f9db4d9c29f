import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { providerOf } from './client.ts';

// Statements whose SQL differs between the databases ask providerOf, often inside a transaction.
describe.each(DATABASE_KINDS)('providerOf on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t?.drop());

  it('names the database of a client and of each of its transactions', async () => {
    expect(providerOf(t.db)).toBe(kind);
    expect(await t.db.$transaction(async (tx) => providerOf(tx))).toBe(kind);
  });
});
